// SQL of continuous delivery: paused environments, the commits each rule already shipped, and what
// each rule is doing now (shown on the board).
import type { Database } from 'better-sqlite3';

export interface AutoDeployPause {
  by: string;
  at: number;
}

export interface AutoDeployStatus {
  state: 'waiting' | 'blocked' | 'deployed' | 'idle';
  message: string;
  at: number;
}

export type AutoDeployRepo = ReturnType<typeof createAutoDeployRepo>;

export function createAutoDeployRepo(db: Database) {
  return {
    pause(projectId: number, environment: string, by: string, at: number): boolean {
      const result = db
        .prepare(
          'INSERT INTO auto_deploy_pauses (project_id, environment, paused_by, paused_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
        )
        .run(projectId, environment, by, at);
      return result.changes > 0;
    },
    resume(projectId: number, environment: string): boolean {
      return (
        db
          .prepare('DELETE FROM auto_deploy_pauses WHERE project_id = ? AND environment = ?')
          .run(projectId, environment).changes > 0
      );
    },
    paused(projectId: number, environment: string): AutoDeployPause | null {
      const row = db
        .prepare<[number, string], { paused_by: string; paused_at: number }>(
          'SELECT paused_by, paused_at FROM auto_deploy_pauses WHERE project_id = ? AND environment = ?',
        )
        .get(projectId, environment);
      return row ? { by: row.paused_by, at: row.paused_at } : null;
    },

    /** Whether the rule already shipped `commit` to `environment` (once per commit). */
    shipped(projectId: number, environment: string, commit: string): boolean {
      return (
        db
          .prepare(
            'SELECT 1 FROM auto_deploy_actions WHERE project_id = ? AND environment = ? AND commit_sha = ?',
          )
          .get(projectId, environment, commit) !== undefined
      );
    },
    /** Claims `commit` for the rule; false when it was claimed before (here or by another process). */
    claim(projectId: number, environment: string, commit: string, rule: string, at: number): boolean {
      return (
        db
          .prepare(
            'INSERT INTO auto_deploy_actions (project_id, environment, commit_sha, rule, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
          )
          .run(projectId, environment, commit, rule, at).changes > 0
      );
    },
    /** Gives a claim back: the request did not go through (a gate, the lock), so a later look retries. */
    unclaim(projectId: number, environment: string, commit: string): void {
      db.prepare(
        'DELETE FROM auto_deploy_actions WHERE project_id = ? AND environment = ? AND commit_sha = ? AND deployment_id IS NULL',
      ).run(projectId, environment, commit);
    },
    recordDeployment(projectId: number, environment: string, commit: string, deploymentId: number): void {
      db.prepare(
        'UPDATE auto_deploy_actions SET deployment_id = ? WHERE project_id = ? AND environment = ? AND commit_sha = ?',
      ).run(deploymentId, projectId, environment, commit);
    },

    /** The newest clean, successful run of `pipeline` on `branch`: the commit auto-deploy ships. */
    newestSuccess(projectId: number, pipeline: string, branch: string): { id: number; sha: string } | null {
      return (
        db
          .prepare<[number, string, string], { id: number; sha: string }>(
            `SELECT id, git_sha AS sha FROM runs
              WHERE project_id = ? AND pipeline = ? AND git_branch = ? AND status = 'success'
                AND git_sha IS NOT NULL AND git_dirty = 0
              ORDER BY id DESC LIMIT 1`,
          )
          .get(projectId, pipeline, branch) ?? null
      );
    },

    status(projectId: number, environment: string): AutoDeployStatus | null {
      const row = db
        .prepare<[number, string], { state: AutoDeployStatus['state']; message: string; updated_at: number }>(
          'SELECT state, message, updated_at FROM auto_deploy_status WHERE project_id = ? AND environment = ?',
        )
        .get(projectId, environment);
      return row ? { state: row.state, message: row.message, at: row.updated_at } : null;
    },
    /** Records what the rule is doing; true when that changed (the board is then told). */
    setStatus(
      projectId: number,
      environment: string,
      state: AutoDeployStatus['state'],
      message: string,
      at: number,
    ): boolean {
      const before = this.status(projectId, environment);
      if (before && before.state === state && before.message === message) return false;
      db.prepare(
        `INSERT INTO auto_deploy_status (project_id, environment, state, message, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (project_id, environment) DO UPDATE SET state = excluded.state, message = excluded.message, updated_at = excluded.updated_at`,
      ).run(projectId, environment, state, message, at);
      return true;
    },
  };
}
