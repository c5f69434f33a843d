// GitLab's interruptible jobs: a newer run of a pipeline cancels an older one on the same branch
// while that one has only started jobs that may be interrupted.
import type { Logger } from '../kernel/diagnostics/logger.ts';
import type { ActiveRun } from './run-executor.ts';
import type { RunsRepo } from './runs-repo.ts';

/**
 * An older run of the same pipeline on the same branch is cancelled when every job it has started so
 * far is interruptible (and at least one job says it is).
 */
export function interruptOlderRuns(
  deps: { repo: RunsRepo; logger: Logger },
  active: ReadonlyMap<number, ActiveRun & { pipeline: string }>,
  projectId: number,
  pipeline: string,
  branch: string | null,
): void {
  const { repo, logger } = deps;
  for (const [runId, entry] of active) {
    if (entry.projectId !== projectId || entry.pipeline !== pipeline || entry.controller.signal.aborted)
      continue;
    if (!entry.plan.jobs.some((job) => job.interruptible)) continue;
    if ((repo.getRun(runId)?.git?.branch ?? null) !== branch) continue;
    const interruptible = new Set(entry.plan.jobs.filter((job) => job.interruptible).map((job) => job.id));
    const started = repo
      .jobRows(runId)
      .filter((row) => !['pending', 'skipped', 'cancelled'].includes(row.status));
    if (started.every((row) => interruptible.has(row.name))) {
      logger.info('a newer run interrupts this one (interruptible jobs)', { runId });
      entry.controller.abort('cancel');
    }
  }
}
