// What a client learns when a call fails inside the engine: for a bug, an INTERNAL error with an id
// and nothing else (the raw message, SQL and stack go to the diagnostic log under that id); for a
// busy database, a DATABASE error saying so. Real engine, real SQLite file, a real second connection.
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CockpitError } from '../../../../shared/errors.ts';
import { cleanupFixtures, gitRepo, tempDir, writeFiles } from '../../../testing/fixtures.ts';
import { testEngine } from '../../../testing/test-engine.ts';

afterEach(cleanupFixtures);

async function failure(promise: Promise<unknown>): Promise<CockpitError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(CockpitError);
  return error as CockpitError;
}

describe('errors at the protocol boundary', () => {
  it('gives the client an id only for an internal failure, and logs the details under that id', async () => {
    const engine = testEngine();
    const db = new BetterSqlite3(join(engine.info().dataDir, 'cockpit.db'));
    db.exec('ALTER TABLE projects RENAME TO projects_gone');
    const error = await failure(engine.call('projects.list', {}));
    db.exec('ALTER TABLE projects_gone RENAME TO projects');
    db.close();

    expect(error.code).toBe('INTERNAL');
    expect(error.message).toMatch(
      /^Internal error E-[0-9a-f]{8}\. The details are in the cockpit's diagnostic log\.$/,
    );
    const errorId = (error.details as { errorId: string }).errorId;
    expect(error.message).toContain(errorId);
    expect(JSON.stringify(error.toData())).not.toMatch(/projects|SQLITE|no such table|\bat \//i);
    const logged = engine.logLines.find((line) => line.includes(errorId)) ?? '';
    expect(logged).toMatch(/no such table: projects/);
    expect(logged).toMatch(/projects\.list/);
  });

  it('hides the message of an INTERNAL error a service threw on purpose too', async () => {
    // An installation whose demo project is incomplete: building its git history fails on a missing
    // file, which the demo service reports as INTERNAL with the raw file system message.
    const examplesDir = tempDir('cockpit-examples-');
    writeFiles(examplesDir, { 'demo/README.md': '# incomplete\n' });
    const engine = testEngine({ examplesDir });
    const error = await failure(engine.call('projects.openDemo', {}));
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toMatch(/^Internal error E-[0-9a-f]{8}\./);
    expect(JSON.stringify(error.toData())).not.toContain(examplesDir);
    expect(JSON.stringify(error.toData())).not.toMatch(/ENOENT|demo git repository/);
    const errorId = (error.details as { errorId: string }).errorId;
    expect(engine.logLines.find((line) => line.includes(errorId))).toMatch(/demo git repository/);
  });

  it('reports a database locked by another process as DATABASE (busy), not as a crash', async () => {
    const engine = testEngine();
    const repo = gitRepo({ 'cockpit.yml': 'version: 1\n' });
    const other = new BetterSqlite3(join(engine.info().dataDir, 'cockpit.db'));
    other.exec('BEGIN IMMEDIATE');
    try {
      const error = await failure(engine.call('projects.add', { path: repo }));
      expect(error.code).toBe('DATABASE');
      expect(error.message).toMatch(/locked by another process/);
      expect(error.details).toMatchObject({ reason: 'busy' });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await engine.invoke('projects.add', { path: repo })).path).toBe(repo);
  }, 30_000);
});
