// A migrated SQLite database in a temp dir with the rows release tests stand on (a project, its
// runs, an environment's checks and observed versions), closed by cleanupFixtures.
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../engine/kernel/store/database.ts';
import { onCleanup, tempDir } from './fixtures.ts';

export interface ReleaseDb {
  db: Database;
  projectId: number;
  run(pipeline: string, sha: string, status: string, dirty?: boolean): number;
  environment(name: string): number;
  check(environmentId: number, at: number, state: 'up' | 'degraded' | 'down'): void;
  observed(environmentId: number, version: string, seenAt: number): void;
}

export function releaseDb(): ReleaseDb {
  const db: Database = openDatabase(join(tempDir('cockpit-release-db-'), 'cockpit.db'));
  onCleanup(() => {
    db.close();
  });
  const projectId = Number(
    db
      .prepare(
        "INSERT INTO projects (name, path, added_at, config_status, checked_at) VALUES ('shop', ?, 0, 'ok', 0)",
      )
      .run(`/srv/shop-${Math.random()}`).lastInsertRowid,
  );
  return {
    db,
    projectId,
    run(pipeline: string, sha: string, status: string, dirty = false): number {
      return Number(
        db
          .prepare(
            `INSERT INTO runs (project_id, pipeline, status, trigger, git_sha, git_dirty, actor, queued_at, definition)
             VALUES (?, ?, ?, 'manual', ?, ?, 'ann', 0, '{}')`,
          )
          .run(projectId, pipeline, status, sha, dirty ? 1 : 0).lastInsertRowid,
      );
    },
    environment(name: string): number {
      return Number(
        db.prepare('INSERT INTO environments (project_id, name) VALUES (?, ?)').run(projectId, name)
          .lastInsertRowid,
      );
    },
    check(environmentId: number, at: number, state: 'up' | 'degraded' | 'down'): void {
      db.prepare('INSERT INTO check_results (environment_id, at, state) VALUES (?, ?, ?)').run(
        environmentId,
        at,
        state,
      );
    },
    observed(environmentId: number, version: string, seenAt: number): void {
      db.prepare('INSERT INTO observed_deployments (environment_id, version, seen_at) VALUES (?, ?, ?)').run(
        environmentId,
        version,
        seenAt,
      );
    },
  };
}
