// Numbered SQL migrations (migrations/NNN_name.sql) applied in order, each in its own
// BEGIN IMMEDIATE transaction that also bumps PRAGMA user_version — all or nothing per step.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';
import { CockpitError } from '../../../../shared/errors.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Where the .sql files live next to this module; the Electron bundle copies them beside itself. */
export const defaultMigrationsDir = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export function loadMigrations(dir: string = defaultMigrationsDir): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = /^(\d+)_([\w-]+)\.sql$/.exec(file);
      if (!match) throw new Error(`Migration file name ${file} must look like 001_name.sql`);
      return { version: Number(match[1]), name: match[2]!, sql: readFileSync(join(dir, file), 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migrations must be numbered 1, 2, 3… without gaps; found ${migration.version} at position ${index + 1}`,
      );
    }
  });
  return migrations;
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database up to `target` (default: the newest migration). Refuses a database whose
 * schema is newer than this app knows, before writing anything.
 */
export function migrate(db: Database, migrations: Migration[], target = migrations.length): number {
  const current = schemaVersion(db);
  if (current > migrations.length) {
    throw new CockpitError(
      'DATABASE',
      `The database ${db.name} was written by a newer version of Release Cockpit (schema ${current}; this version knows up to ${migrations.length}). Update the app, or point COCKPIT_DATA_DIR elsewhere. Nothing was changed.`,
      { path: db.name, reason: 'newer', schemaVersion: current, supportedVersion: migrations.length },
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      // Another process (the app and the CLI share the file) may have applied it while we waited.
      if (schemaVersion(db) >= migration.version) return;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return schemaVersion(db);
}
