// Deletes runs past the retention period in the background: a batch per turn, soon after start and
// then hourly, so a long history is cleared without holding up the engine.
import type { Database } from 'better-sqlite3';
import type { Clock } from './kernel/clock.ts';
import type { Logger } from './kernel/diagnostics/logger.ts';
import type { EventBus } from './kernel/events.ts';
import { pruneRuns } from './pipelines/index.ts';

export interface RunRetentionTimerDeps {
  db: Database;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  dataDir: string;
  /** Days runs are kept (null: kept for ever). */
  retentionDays(): number | null;
}

/** Deletes runs past the retention period, a batch per turn, soon after start and then hourly. */
export function startRunRetention(deps: RunRetentionTimerDeps): { stop(): void } {
  const { db, clock, events, logger } = deps;
  const sweep = () => {
    try {
      const until = performance.now() + 50;
      let result;
      do {
        result = pruneRuns(db, {
          now: clock.now(),
          retentionDays: deps.retentionDays(),
          dataDir: deps.dataDir,
        });
        if (result.deleted > 0) events.emit('runs.changed', { projectId: null, runId: null });
      } while (!result.done && performance.now() < until);
      if (!result.done) timer = setTimeout(sweep, 1000);
      else timer = setTimeout(sweep, 60 * 60 * 1000);
    } catch (error) {
      logger.warn('run retention failed; it will try again', { error });
      timer = setTimeout(sweep, 60 * 60 * 1000);
    }
    timer.unref();
  };
  let timer = setTimeout(sweep, 30_000);
  timer.unref();
  return { stop: () => clearTimeout(timer) };
}
