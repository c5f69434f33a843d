import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures, tempDir } from '../../../testing/fixtures.ts';
import { openDatabase } from './database.ts';
import { preparedOnce } from './prepared-once.ts';

afterEach(cleanupFixtures);

describe('preparedOnce', () => {
  it('prepares once per database and keeps the databases apart', () => {
    const dir = tempDir('cockpit-prepared-once-');
    const first = openDatabase(join(dir, 'first.db'));
    const second = openDatabase(join(dir, 'second.db'));
    let prepares = 0;
    const statementsFor = preparedOnce((db) => {
      prepares++;
      return { version: db.prepare<[], number>('PRAGMA user_version').pluck() };
    });

    const statements = statementsFor(first);
    expect(statementsFor(first)).toBe(statements);
    expect(prepares).toBe(1);
    expect(statementsFor(second)).not.toBe(statements);
    expect(prepares).toBe(2);
    expect(statementsFor(second).version.get()).toBe(first.pragma('user_version', { simple: true }));
    first.close();
    second.close();
  });
});
