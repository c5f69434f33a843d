// The versions an environment's monitor saw arrive (observed_deployments, the monitor's table), read
// here so the services hold no SQL.
import type { Database } from 'better-sqlite3';

export type ObservedVersionsRepo = ReturnType<typeof createObservedVersionsRepo>;

export function createObservedVersionsRepo(db: Database) {
  const seenIn = db.prepare<[number, string], { version: string; seenAt: number }>(
    `SELECT o.version, o.seen_at AS seenAt FROM observed_deployments o JOIN environments e ON e.id = o.environment_id
      WHERE e.project_id = ? AND e.name = ? ORDER BY o.seen_at, o.id`,
  );
  return {
    /** Every version the monitor saw arrive in an environment, oldest first. */
    seenIn: (projectId: number, environment: string) => seenIn.all(projectId, environment),
  };
}
