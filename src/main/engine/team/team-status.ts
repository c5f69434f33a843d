// What `cockpit team status` reports: which server, its version, who we are there (session_user),
// the round trip, the migration level against what this client knows, and who holds deploy locks.
import type pg from 'pg';
import { liveDeployLocks, type DeployLockHolder } from './team-locks.ts';
import { readMigrationLevel, type MigrationLevel } from './team-migrations.ts';

export interface TeamStatus {
  server: string;
  /** e.g. "15.14". */
  version: string;
  role: string;
  database: string;
  /** Round trip of one trivial query, in milliseconds. */
  latencyMs: number;
  migrations: MigrationLevel;
  /** Whether this role belongs to cockpit_member (false: it can connect but not use the store). */
  member: boolean;
  locks: DeployLockHolder[];
}

export async function readTeamStatus(
  client: pg.Client,
  server: string,
  knownMigrations: number,
): Promise<TeamStatus> {
  const started = performance.now();
  await client.query('SELECT 1');
  const latencyMs = performance.now() - started;
  const { rows } = await client.query<{ version: string; role: string; database: string; member: boolean }>(
    `SELECT current_setting('server_version') AS version, session_user AS role, current_database() AS database,
            coalesce(pg_has_role(session_user, (SELECT oid FROM pg_roles WHERE rolname = 'cockpit_member'), 'MEMBER'), false) AS member`,
  );
  const info = rows[0]!;
  const migrations = await readMigrationLevel(client, knownMigrations);
  const canRead = migrations.applied > 0 && migrations.applied <= migrations.known;
  return {
    server,
    version: info.version,
    role: info.role,
    database: info.database,
    latencyMs,
    migrations,
    member: info.member,
    locks: canRead && (info.member || migrations.owner === info.role) ? await liveDeployLocks(client) : [],
  };
}
