// A project's artifact retention (cockpit.yml `artifacts: { keep_last_runs: N, keep_released: true }`):
// the stored files of artifacts outside the project's N newest runs are deleted, except the builds that
// were released (keep_released, on by default). The rows stay — path, size and SHA-256 are evidence —
// marked with when and why the file went. Applied after each run and at start.
import { rmSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Clock } from '../kernel/clock.ts';
import type { Logger } from '../kernel/diagnostics/logger.ts';
import type { EventBus } from '../kernel/events.ts';

export interface ArtifactPolicy {
  keep_last_runs?: number;
  keep_released?: boolean;
}

export interface PrunedArtifacts {
  /** Runs whose artifacts were removed now. */
  runs: number[];
  files: number;
  bytes: number;
}

/**
 * A run counts as released when a deployment that shipped (or is shipping) it used it: the deploy
 * pipeline's own run, or a successful run of the project on the commit such a deployment deployed.
 */
const RELEASED = `EXISTS (
    SELECT 1 FROM deployments d
    WHERE d.project_id = r.project_id
      AND d.status IN ('succeeded', 'awaiting_approval', 'queued', 'running', 'verifying')
      AND (d.run_id = r.id OR (r.status = 'success' AND r.git_sha IS NOT NULL AND d.commit_sha = r.git_sha))
  )`;

export function pruneProjectArtifacts(
  db: Database,
  options: { projectId: number; policy: ArtifactPolicy | undefined; dataDir: string; now: number },
): PrunedArtifacts {
  const keepLast = options.policy?.keep_last_runs;
  if (keepLast === undefined) return { runs: [], files: 0, bytes: 0 };
  const keepReleased = options.policy?.keep_released ?? true;
  const rows = db
    .prepare<[number, number], { id: number; run_id: number; size: number; stored_path: string }>(
      `SELECT a.id, r.id AS run_id, a.size, a.stored_path
       FROM artifacts a JOIN jobs j ON j.id = a.job_id JOIN runs r ON r.id = j.run_id
       WHERE r.project_id = ? AND a.pruned_at IS NULL
         AND r.status NOT IN ('queued', 'running')
         AND r.id NOT IN (SELECT id FROM runs WHERE project_id = r.project_id ORDER BY id DESC LIMIT ?)
         ${keepReleased ? `AND NOT ${RELEASED}` : ''}
       ORDER BY r.id, a.id`,
    )
    .all(options.projectId, keepLast);
  if (rows.length === 0) return { runs: [], files: 0, bytes: 0 };
  const reason =
    `removed by the project's retention: not among its last ${keepLast} ${keepLast === 1 ? 'run' : 'runs'}` +
    (keepReleased ? ' and not a released build' : '') +
    ` (cockpit.yml artifacts.keep_last_runs: ${keepLast})`;
  const mark = db.prepare('UPDATE artifacts SET pruned_at = ?, pruned_reason = ? WHERE id = ?');
  // Rows are marked first: a crash before the files go leaves files nobody offers, never an offer of
  // a file that is gone without saying why.
  db.transaction(() => {
    for (const row of rows) mark.run(options.now, reason, row.id);
  }).immediate();
  const root = resolve(options.dataDir) + sep;
  for (const row of rows) {
    const absolute = resolve(options.dataDir, row.stored_path);
    if (absolute.startsWith(root)) rmSync(absolute, { force: true });
  }
  const runs = [...new Set(rows.map((row) => row.run_id))];
  // A run's artifact folder goes once none of its artifacts is kept (never outside artifacts/).
  const stillKept = db.prepare<[number], { n: number }>(
    `SELECT count(*) AS n FROM artifacts a JOIN jobs j ON j.id = a.job_id WHERE j.run_id = ? AND a.pruned_at IS NULL`,
  );
  for (const runId of runs) {
    if (stillKept.get(runId)!.n === 0)
      rmSync(join(options.dataDir, 'artifacts', String(runId)), { recursive: true, force: true });
  }
  return { runs, files: rows.length, bytes: rows.reduce((sum, row) => sum + row.size, 0) };
}

/** Retention as the engine applies it: after each run and at start, logging what it removed. */
export function createArtifactRetention(deps: {
  db: Database;
  dataDir: string;
  clock: Clock;
  logger: Logger;
  events: EventBus;
  /** The project's `artifacts:` policy from its configuration (the last good one while it is invalid). */
  policyOf: (projectId: number) => ArtifactPolicy | undefined;
}) {
  function apply(projectId: number): PrunedArtifacts {
    const policy = deps.policyOf(projectId);
    const pruned = pruneProjectArtifacts(deps.db, {
      projectId,
      policy,
      dataDir: deps.dataDir,
      now: deps.clock.now(),
    });
    if (pruned.files > 0) {
      deps.logger.info('artifacts removed by retention', {
        projectId,
        keepLastRuns: policy?.keep_last_runs,
        keepReleased: policy?.keep_released ?? true,
        runs: pruned.runs,
        files: pruned.files,
        bytes: pruned.bytes,
      });
      deps.events.emit('runs.changed', { projectId, runId: null });
    }
    return pruned;
  }
  return {
    apply,
    /** Every project in turn; one that fails is logged and the others go on. */
    applyAll(projectIds: number[]): void {
      for (const projectId of projectIds) {
        try {
          apply(projectId);
        } catch (error) {
          deps.logger.warn('artifact retention failed for a project', { projectId, error });
        }
      }
    },
  };
}
