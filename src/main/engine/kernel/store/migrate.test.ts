import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CockpitError } from '../../../../shared/errors.ts';
import { cleanupFixtures, tempDir } from '../../../testing/fixtures.ts';
import { openDatabase } from './database.ts';
import { loadMigrations, migrate, schemaVersion, type Migration } from './migrate.ts';
import { moveDatabaseAside } from './move-aside.ts';

afterEach(cleanupFixtures);

const migrations = loadMigrations();

function dbFile() {
  return join(tempDir(), 'cockpit.db');
}

describe('migrations', () => {
  it('are numbered 1..N without gaps and each is non-empty SQL', () => {
    expect(migrations.length).toBeGreaterThan(0);
    migrations.forEach((m, i) => {
      expect(m.version).toBe(i + 1);
      expect(m.sql.trim().length).toBeGreaterThan(0);
    });
  });

  it('bring an empty database to the newest version with a sound schema', () => {
    const db = openDatabase(dbFile());
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  // Every older version upgrades to the newest one, keeping its rows.
  for (let from = 0; from < migrations.length; from++) {
    it(`upgrade a database at version ${from} to ${migrations.length}`, () => {
      const path = dbFile();
      const old = new BetterSqlite3(path);
      migrate(old, migrations, from);
      expect(schemaVersion(old)).toBe(from);
      if (from >= 1) {
        old
          .prepare(
            "INSERT INTO projects (name, path, added_at, config_status, checked_at) VALUES ('kept', '/srv/kept', 1, 'ok', 1)",
          )
          .run();
      }
      old.close();
      const db = openDatabase(path);
      expect(schemaVersion(db)).toBe(migrations.length);
      if (from >= 1) expect(db.prepare('SELECT name FROM projects').pluck().all()).toEqual(['kept']);
      db.close();
    });
  }

  it('last_good_config: adds the table beside the projects kept, and a project takes its row with it', () => {
    const step = migrations.find((m) => m.name === 'last_good_config')!;
    const path = dbFile();
    const old = new BetterSqlite3(path);
    migrate(old, migrations, step.version - 1);
    old
      .prepare(
        "INSERT INTO projects (id, name, path, added_at, config_status, checked_at) VALUES (7, 'kept', '/srv/kept', 1, 'ok', 1)",
      )
      .run();
    old.close();
    const db = openDatabase(path);
    db.prepare(
      "INSERT INTO project_last_good_config (project_id, text, written_at, seen_at) VALUES (7, 'version: 1', 5, 6)",
    ).run();
    expect(db.prepare('SELECT written_at FROM project_last_good_config').pluck().get()).toBe(5);
    db.prepare('DELETE FROM projects WHERE id = 7').run();
    expect(db.prepare('SELECT count(*) FROM project_last_good_config').pluck().get()).toBe(0);
    db.close();
  });

  it('notifications: history from before it is not told; audit entries and incidents after it are queued', () => {
    const step = migrations.find((m) => m.name === 'notifications')!;
    const path = dbFile();
    const old = new BetterSqlite3(path);
    migrate(old, migrations, step.version - 1);
    old.exec(`
      INSERT INTO projects (id, name, path, added_at, config_status, checked_at) VALUES (1, 'shop', '/srv/shop', 1, 'ok', 1);
      INSERT INTO environments (id, project_id, name) VALUES (1, 1, 'production');
      INSERT INTO incidents (environment_id, opened_at, first_error) VALUES (1, 10, 'down');
      INSERT INTO audit_log (at, actor, action, project_id, subject, detail, prev_hash, hash)
        VALUES (11, 'ann', 'deploy.started', 1, 'deployment #1', '{}', 'p', 'h');`);
    old.close();
    const db = openDatabase(path);
    expect(db.prepare('SELECT count(*) FROM notification_outbox').pluck().get()).toBe(0);
    db.exec(`
      UPDATE incidents SET closed_at = 20;
      INSERT INTO incidents (environment_id, opened_at, first_error) VALUES (1, 30, 'down again');
      INSERT INTO audit_log (at, actor, action, project_id, subject, detail, prev_hash, hash)
        VALUES (31, 'ann', 'deploy.finished', 1, 'deployment #1', '{}', 'h', 'h2'),
               (32, 'ann', 'policy.changed', 1, 'shop', '{}', 'h2', 'h3');`);
    expect(
      db.prepare('SELECT source, source_id, created_at FROM notification_outbox ORDER BY id').all(),
    ).toEqual([
      { source: 'incident.resolved', source_id: 1, created_at: 20 },
      { source: 'incident.opened', source_id: 2, created_at: 30 },
      { source: 'audit', source_id: 2, created_at: 31 },
    ]);
    db.close();
  });

  it('roll back a failing step completely and leave the version where it was', () => {
    const path = dbFile();
    const broken: Migration[] = [
      ...migrations,
      {
        version: migrations.length + 1,
        name: 'broken',
        sql: 'CREATE TABLE half_done (x); SELECT * FROM no_such_table;',
      },
    ];
    const db = new BetterSqlite3(path);
    migrate(db, migrations);
    expect(() => migrate(db, broken)).toThrow(/no_such_table/);
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
    db.close();
  });

  it('refuse a database from a newer app version without touching it', () => {
    const path = dbFile();
    const future = new BetterSqlite3(path);
    future.pragma(`user_version = ${migrations.length + 5}`);
    future.close();
    const before = readFileSync(path);
    let error: unknown;
    try {
      openDatabase(path);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CockpitError);
    expect((error as CockpitError).code).toBe('DATABASE');
    expect((error as CockpitError).message).toContain(path);
    expect((error as CockpitError).message).toMatch(/newer version/);
    expect((error as CockpitError).details).toMatchObject({ reason: 'newer' });
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('report a corrupt file with its path and leave the bytes as they were', () => {
    const path = dbFile();
    const garbage = Buffer.from('this is not a database, it is a shopping list\n'.repeat(200));
    writeFileSync(path, garbage);
    expect(() => openDatabase(path)).toThrow(CockpitError);
    try {
      openDatabase(path);
    } catch (error) {
      expect((error as CockpitError).message).toContain(path);
      expect((error as CockpitError).details).toMatchObject({ reason: 'corrupt' });
    }
    expect(readFileSync(path).equals(garbage)).toBe(true);
  });

  it('report a path that cannot be opened as a database', () => {
    const path = dbFile();
    mkdirSync(path); // a folder where the file should be
    expect(() => openDatabase(path)).toThrow(
      new RegExp(`Cannot open the database ${path.replaceAll('/', '\\/')}`),
    );
  });

  it('move a damaged database aside only when asked, with its WAL companions', () => {
    const path = dbFile();
    writeFileSync(path, 'broken');
    writeFileSync(`${path}-wal`, 'wal');
    const moved = moveDatabaseAside(path, new Date('2026-11-26T10:00:00Z'));
    expect(moved).toBe(`${path}.broken-2026-11-26T10-00-00Z`);
    expect(readFileSync(moved!, 'utf8')).toBe('broken');
    expect(readFileSync(`${moved}-wal`, 'utf8')).toBe('wal');
    const fresh = openDatabase(path);
    expect(schemaVersion(fresh)).toBe(migrations.length);
    fresh.close();
  });

  it('pipeline_sources: runs from before it are cockpit.yml runs, and their jobs keep their state', () => {
    const path = dbFile();
    const sources = migrations.find((migration) => migration.name === 'pipeline_sources')!;
    const old = new BetterSqlite3(path);
    migrate(old, migrations, sources.version - 1);
    old.exec(`INSERT INTO projects (id, name, path, added_at, config_status, checked_at) VALUES (1, 'p', '/srv/p', 1, 'ok', 1);
      INSERT INTO runs (id, project_id, pipeline, status, trigger, actor, queued_at, definition) VALUES (1, 1, 'ci', 'success', 'manual', 'me', 1, '{}');
      INSERT INTO jobs (run_id, name, position, status) VALUES (1, 'test', 0, 'skipped');`);
    migrate(old, migrations, sources.version);
    expect(old.prepare('SELECT source_kind, source_file, source_hash FROM runs').get()).toEqual({
      source_kind: 'cockpit',
      source_file: null,
      source_hash: null,
    });
    expect(old.prepare('SELECT status, job_group, skip_reason, waiting FROM jobs').get()).toEqual({
      status: 'skipped',
      job_group: null,
      skip_reason: null,
      waiting: null,
    });
    expect(() => old.prepare("UPDATE jobs SET waiting = 'later'").run()).toThrow(/CHECK constraint/);
    old.close();
  });
});
