// Versioned PostgreSQL migrations of the team store (migrations/NNN_name.sql), applied in order by
// the schema owner, each in its own transaction together with its cockpit.schema_migrations row. A
// schema newer than this client knows is refused before anything is written.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { CockpitError } from '../../../shared/errors.ts';

export interface TeamMigration {
  version: number;
  name: string;
  sql: string;
}

export interface MigrationLevel {
  /** The newest migration applied on the server (0: none, or no cockpit schema yet). */
  applied: number;
  /** The newest migration this client knows. */
  known: number;
  /** The role owning the cockpit schema, when it exists. */
  owner: string | null;
}

const here = dirname(fileURLToPath(import.meta.url));

/** Beside this module in the sources; beside the bundle as team-migrations (scripts/build-cli.ts). */
export function teamMigrationsDir(): string {
  const candidates = [
    join(here, 'migrations'),
    join(here, 'team-migrations'),
    join(here, '..', 'team-migrations'),
  ];
  const found = candidates.find((dir) => existsSync(join(dir, '001_shared_record.sql')));
  if (!found) throw new Error(`the team-store migrations are missing (looked in ${candidates.join(', ')})`);
  return found;
}

export function loadTeamMigrations(dir: string = teamMigrationsDir()): TeamMigration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = /^(\d{3})_([\w-]+)\.sql$/.exec(file);
      if (!match) throw new Error(`Team migration file name ${file} must look like 001_name.sql`);
      return { version: Number(match[1]), name: match[2]!, sql: readFileSync(join(dir, file), 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Team migrations must be numbered 001, 002… without gaps; found ${migration.version}`);
    }
  });
  return migrations;
}

/** Advisory lock key pair for `cockpit team migrate`: two owners migrating at once take turns. */
const MIGRATE_LOCK = [1668246385, 2] as const;

export async function readMigrationLevel(client: pg.Client, known: number): Promise<MigrationLevel> {
  const { rows } = await client.query<{ owner: string | null; has_table: boolean }>(
    `SELECT (SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'cockpit') AS owner,
            to_regclass('cockpit.schema_migrations') IS NOT NULL AS has_table`,
  );
  const { owner, has_table: hasTable } = rows[0]!;
  if (!hasTable) return { applied: 0, known, owner };
  const level = await client.query<{ applied: number }>(
    'SELECT coalesce(max(version), 0)::int AS applied FROM cockpit.schema_migrations',
  );
  return { applied: level.rows[0]!.applied, known, owner };
}

/** Refuses a team store whose schema is newer than this client (it would misread or miswrite it). */
export function assertNotNewer(level: MigrationLevel): void {
  if (level.applied > level.known) {
    throw new CockpitError(
      'DATABASE',
      `The team store is at migration level ${level.applied}, newer than this cockpit knows (${level.known}). Update Release Cockpit; nothing was changed.`,
      { reason: 'newer', applied: level.applied, known: level.known },
    );
  }
}

export interface MigrateResult {
  from: number;
  to: number;
  applied: TeamMigration[];
}

/**
 * Applies the pending migrations. Only the schema's owner (or a member of the owning role) may run
 * it; on an empty database the caller becomes the owner by creating the schema.
 */
export async function migrateTeamStore(
  client: pg.Client,
  migrations = loadTeamMigrations(),
): Promise<MigrateResult> {
  const before = await readMigrationLevel(client, migrations.length);
  assertNotNewer(before);
  const role = (await client.query<{ role: string }>('SELECT session_user AS role')).rows[0]!.role;
  if (before.owner !== null) {
    const { rows } = await client.query<{ member: boolean }>(
      "SELECT pg_has_role(session_user, (SELECT nspowner FROM pg_namespace WHERE nspname = 'cockpit'), 'MEMBER') AS member",
    );
    if (!rows[0]!.member) {
      throw new CockpitError(
        'CONFLICT',
        `cockpit team migrate must be run by the schema owner "${before.owner}"; you are connected as "${role}".`,
        { reason: 'not-owner', owner: before.owner, role },
      );
    }
  }
  const applied: TeamMigration[] = [];
  for (const migration of migrations) {
    if (migration.version <= before.applied) continue;
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...MIGRATE_LOCK]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS cockpit;
        CREATE TABLE IF NOT EXISTS cockpit.schema_migrations (
          version integer PRIMARY KEY,
          name text NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now(),
          applied_by text NOT NULL DEFAULT session_user
        )`);
      // Another owner may have applied it while this one waited for the lock.
      const current = await readMigrationLevel(client, migrations.length);
      assertNotNewer(current);
      if (current.applied < migration.version) {
        await client.query(migration.sql);
        await client.query('INSERT INTO cockpit.schema_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
        applied.push(migration);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw migrationError(migration, error);
    }
  }
  const after = await readMigrationLevel(client, migrations.length);
  return { from: before.applied, to: after.applied, applied };
}

function migrationError(migration: TeamMigration, error: unknown): Error {
  if (error instanceof CockpitError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const hint = /permission denied to create role/.test(message)
    ? ' Create the group role first (CREATE ROLE cockpit_member NOLOGIN;), see docs/team-mode.md.'
    : '';
  return new CockpitError(
    'DATABASE',
    `Team migration ${String(migration.version).padStart(3, '0')}_${migration.name} failed and was rolled back: ${message}.${hint}`,
    { reason: 'migration', version: migration.version },
  );
}
