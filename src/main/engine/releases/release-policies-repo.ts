// The release policy last recorded per project (release_policies), so a change can be noticed.
import type { Database } from 'better-sqlite3';

export type ReleasePoliciesRepo = ReturnType<typeof createReleasePoliciesRepo>;

export function createReleasePoliciesRepo(db: Database) {
  const select = db.prepare<[number], { hash: string; policy: string }>(
    'SELECT hash, policy FROM release_policies WHERE project_id = ?',
  );
  const upsert = db.prepare<[number, string, string, number]>(
    `INSERT INTO release_policies (project_id, hash, policy, recorded_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (project_id) DO UPDATE SET hash = excluded.hash, policy = excluded.policy, recorded_at = excluded.recorded_at`,
  );
  return {
    current(projectId: number): { hash: string; policy: string } | null {
      return select.get(projectId) ?? null;
    },
    record(projectId: number, hash: string, policy: unknown, at: number): void {
      upsert.run(projectId, hash, JSON.stringify(policy), at);
    },
    /** Runs `body` in a write transaction (BEGIN IMMEDIATE): a read inside it sees no concurrent writer. */
    inWriteLock<T>(body: () => T): T {
      return db.transaction(body).immediate();
    },
  };
}
