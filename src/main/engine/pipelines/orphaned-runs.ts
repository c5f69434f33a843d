// Runs whose owning cockpit process is gone: their jobs' process groups are ended (only those provably
// started by that cockpit) and the runs are marked interrupted; their logs stay.
import type { Clock } from '../kernel/clock.ts';
import type { Logger } from '../kernel/diagnostics/logger.ts';
import { groupAlive, signalGroup } from '../kernel/process/process-group.ts';
import { ownerAlive, provablySame } from '../kernel/process/process-identity.ts';
import type { RunsRepo } from './runs-repo.ts';
import type { StepsRepo } from './steps-repo.ts';

export interface OrphanedRunsDeps {
  repo: RunsRepo;
  steps: StepsRepo;
  clock: Clock;
  logger: Logger;
  killGraceMs?: number;
}

/** Marks runs whose owning process is gone as interrupted; returns their ids. */
export function recoverOrphanedRuns(deps: OrphanedRunsDeps, runsHere: (runId: number) => boolean): number[] {
  const { repo, steps, clock, logger } = deps;
  const recovered: number[] = [];
  for (const row of repo.activeRuns()) {
    if (row.owner_pid !== process.pid && ownerAlive(row.owner_pid, row.owner_start, row.queued_at)) continue;
    if (runsHere(row.id)) continue;
    // Jobs of a cockpit that died run on in their own process groups: end them first, so the
    // run (and any deploy it carried) is only called over once nothing of it is left. Only a
    // group whose leader is provably the shell the cockpit started: a reused pid is left alone.
    const groups = repo.runningGroups(row.id).filter(({ pgid }) => groupAlive(pgid));
    const ours = groups.filter(({ pgid, start }) => provablySame(pgid, start)).map(({ pgid }) => pgid);
    const unproven = groups.filter(({ pgid }) => !ours.includes(pgid)).map(({ pgid }) => pgid);
    if (ours.length > 0) {
      endGroups(ours, deps.killGraceMs ?? 5000);
      logger.warn('ended the jobs an interrupted run left running', { runId: row.id, groups: ours });
    }
    if (unproven.length > 0) {
      logger.warn(
        'left process groups alone: not provably the jobs of this run (their pid was reused, or their leader ended)',
        {
          runId: row.id,
          groups: unproven,
        },
      );
    }
    repo.interruptRun(row.id, clock.now());
    steps.interruptSteps(row.id, clock.now());
    recovered.push(row.id);
    logger.warn('marked an orphaned run as interrupted', { runId: row.id, ownerPid: row.owner_pid });
  }
  return recovered;
}

/**
 * SIGTERM to each group, then SIGKILL to those still alive after the grace. Synchronous (it runs
 * while the engine starts, before anything else): a short blocking wait is the price of never
 * leaving a dead cockpit's jobs running.
 */
function endGroups(groups: number[], graceMs: number): void {
  const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  for (const pgid of groups) signalGroup(pgid, 'SIGTERM');
  const deadline = performance.now() + Math.min(graceMs, 5000);
  while (groups.some(groupAlive) && performance.now() < deadline) pause(50);
  for (const pgid of groups.filter(groupAlive)) signalGroup(pgid, 'SIGKILL');
  const killDeadline = performance.now() + 1000;
  while (groups.some(groupAlive) && performance.now() < killDeadline) pause(20);
}
