// The facts gates are decided on that live in other features' tables (runs, the monitor's checks and
// observed versions), read here so the services hold no SQL.
import type { Database } from 'better-sqlite3';

export type GateFactsRepo = ReturnType<typeof createGateFactsRepo>;

export function createGateFactsRepo(db: Database) {
  type RunRow = { id: number; status: string; git_dirty: number | null };
  const cleanSuccess = db.prepare<[number, string, string], RunRow>(
    `SELECT id, status, git_dirty FROM runs WHERE project_id = ? AND pipeline = ? AND git_sha = ?
       AND status = 'success' AND COALESCE(git_dirty, 0) = 0
     ORDER BY id DESC LIMIT 1`,
  );
  const newestRun = db.prepare<[number, string, string], RunRow>(
    'SELECT id, status, git_dirty FROM runs WHERE project_id = ? AND pipeline = ? AND git_sha = ? ORDER BY id DESC LIMIT 1',
  );
  const lastObserved = db.prepare<[number], { seen_at: number; version: string }>(
    'SELECT seen_at, version FROM observed_deployments WHERE environment_id = ? ORDER BY seen_at DESC, id DESC LIMIT 1',
  );
  const lastDown = db.prepare<[number, number], { at: number | null }>(
    "SELECT MAX(at) AS at FROM check_results WHERE environment_id = ? AND at >= ? AND state = 'down'",
  );

  return {
    /** A clean success of `pipeline` on `commit` if there is one; else the newest run there, to say why not. */
    pipelineRunOn(projectId: number, pipeline: string, commit: string) {
      const row = cleanSuccess.get(projectId, pipeline, commit) ?? newestRun.get(projectId, pipeline, commit);
      return row ? { runId: row.id, status: row.status, dirty: row.git_dirty === 1 } : null;
    },
    /** The version the monitor saw arrive last in an environment, and when. */
    lastObservedVersion(environmentId: number): { seenAt: number; version: string } | null {
      const row = lastObserved.get(environmentId);
      return row ? { seenAt: row.seen_at, version: row.version } : null;
    },
    /** The last check that found the environment down at or after `since`; null when none did. */
    lastDownSince(environmentId: number, since: number): number | null {
      return lastDown.get(environmentId, since)?.at ?? null;
    },
  };
}
