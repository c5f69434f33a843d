// Run retention: runs finished longer ago than the retention period are deleted with their log files
// and stored artifacts, a small batch at a time. Runs that carried out a deployment are kept: they are
// the evidence behind the audit log.
import { rmSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { Database } from 'better-sqlite3';

const DAY = 24 * 60 * 60 * 1000;

export interface PruneRunsOptions {
  now: number;
  retentionDays: number | null;
  dataDir: string;
  /** Runs per call; call again while !done. */
  batch?: number;
}

export function pruneRuns(db: Database, options: PruneRunsOptions): { deleted: number; done: boolean } {
  if (options.retentionDays === null) return { deleted: 0, done: true };
  const batch = options.batch ?? 50;
  const before = options.now - options.retentionDays * DAY;
  const runs = db
    .prepare<[number, number], { id: number }>(
      `SELECT r.id FROM runs r
       WHERE r.finished_at IS NOT NULL AND r.finished_at < ?
         AND r.status NOT IN ('queued', 'running')
         AND NOT EXISTS (SELECT 1 FROM deployments d WHERE d.run_id = r.id)
       ORDER BY r.id LIMIT ?`,
    )
    .all(before, batch)
    .map((row) => row.id);
  if (runs.length === 0) return { deleted: 0, done: true };
  const placeholders = runs.map(() => '?').join(', ');
  const files = db
    .prepare<number[], { path: string | null }>(
      `SELECT a.log_file AS path FROM attempts a JOIN jobs j ON j.id = a.job_id WHERE j.run_id IN (${placeholders})
       UNION ALL
       SELECT ar.stored_path AS path FROM artifacts ar JOIN jobs j ON j.id = ar.job_id WHERE j.run_id IN (${placeholders})`,
    )
    .all(...runs, ...runs);
  db.transaction(() => db.prepare(`DELETE FROM runs WHERE id IN (${placeholders})`).run(...runs)).immediate();
  // Files go after their rows: a crash in between leaves files nobody points at, never rows without files.
  const root = resolve(options.dataDir) + sep;
  for (const { path } of files) {
    if (!path) continue;
    const absolute = resolve(options.dataDir, path);
    if (!absolute.startsWith(root)) continue; // never outside the data directory
    rmSync(absolute, { force: true });
  }
  for (const runId of runs)
    rmSync(join(options.dataDir, 'artifacts', String(runId)), { recursive: true, force: true });
  return { deleted: runs.length, done: runs.length < batch };
}
