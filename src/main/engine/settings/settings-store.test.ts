// Settings through the engine: defaults, partial changes, validation, events, damaged values.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../kernel/store/database.ts';
import { loadMigrations } from '../kernel/store/migrate.ts';
import { cleanupFixtures } from '../../testing/fixtures.ts';
import { testEngine } from '../../testing/test-engine.ts';
import { defaultSettings } from './settings-store.ts';

afterEach(cleanupFixtures);

describe('settings', () => {
  it('starts with the defaults, changes only what is given, and says so', async () => {
    const engine = testEngine();
    expect(await engine.invoke('settings.get', {})).toEqual(defaultSettings);
    let changed = 0;
    engine.events.on('settings.changed', () => changed++);
    const next = await engine.invoke('settings.set', { runRetentionDays: 30 });
    expect(next).toEqual({ ...defaultSettings, runRetentionDays: 30 });
    expect(changed).toBe(1);
    const forever = await engine.invoke('settings.set', {
      runRetentionDays: null,
      notifications: { '*': { pipeline_failed: false } },
    });
    expect(forever.runRetentionDays).toBeNull();
    expect(forever.notifications['*']).toEqual({ pipeline_failed: false });
  });

  it('refuses invalid values with the field named, and reads a damaged stored value as its default', async () => {
    const engine = testEngine();
    await expect(engine.invoke('settings.set', { checkRetentionDays: 400 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('checkRetentionDays') as string,
    });
    await expect(engine.invoke('settings.set', { colour: 'red' } as never)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await engine.invoke('settings.set', { changeFailureWindowHours: 48 });
    const db = openDatabase(join(engine.info().dataDir, 'cockpit.db'), { migrations: loadMigrations() });
    db.prepare("UPDATE settings SET value = '{not json' WHERE key = 'changeFailureWindowHours'").run();
    db.prepare(`INSERT INTO settings (key, value) VALUES ('checkRetentionDays', '"fourteen"')`).run();
    db.close();
    const settings = await engine.invoke('settings.get', {});
    expect(settings.changeFailureWindowHours).toBe(defaultSettings.changeFailureWindowHours);
    expect(settings.checkRetentionDays).toBe(defaultSettings.checkRetentionDays);
  });
});
