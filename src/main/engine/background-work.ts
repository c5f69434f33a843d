// The work only long-lived hosts start (Engine.startBackgroundWork): noticing other processes'
// writes, pipeline triggers (commits, schedules), environment checks, project watching, run
// retention, notification delivery and auto-deploy rules. Returns what to stop when the engine closes.
import type { Database } from 'better-sqlite3';
import type { Clock } from './kernel/clock.ts';
import type { Logger } from './kernel/diagnostics/logger.ts';
import type { EventBus } from './kernel/events.ts';
import { watchExternalChanges } from './kernel/external-changes.ts';
import { loadConfig } from './config/index.ts';
import { createProjectWatch, type ProjectService } from './projects/index.ts';
import { createTriggerService, type RunService } from './pipelines/index.ts';
import type { PipelineRuns } from './releases/index.ts';
import { startRunRetention } from './run-retention-timer.ts';

export interface Stoppable {
  stop(): void | Promise<void>;
}

export interface BackgroundWorkDeps {
  db: Database;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  dataDir: string;
  projects: ProjectService;
  runs: RunService;
  pipelineRuns: PipelineRuns;
  monitor: Stoppable & { start(): void };
  notifications: Stoppable & { start(): void };
  autoDeploy: Stoppable & { start(): void };
  runRetentionDays(): number | null;
}

export function startBackgroundWork(deps: BackgroundWorkDeps): Stoppable[] {
  const { db, clock, events, logger, projects, runs, pipelineRuns, monitor, notifications, autoDeploy } =
    deps;
  const triggers = createTriggerService({
    clock,
    logger,
    listProjects: () => projects.list(),
    loadPipelines: (projectId) => {
      const config = loadConfig(projects.get(projectId).path);
      return config.status === 'ok' ? (config.config.pipelines ?? {}) : null;
    },
    startRun: async (projectId, pipeline, trigger, detail) => {
      // A schedule faster than the pipeline must not stack runs on top of each other.
      if (runs.isRunning(projectId, pipeline)) {
        logger.info('trigger skipped: the pipeline is still running', { projectId, pipeline, trigger });
        return null;
      }
      // A commit trigger builds the commit it saw, in a worktree, whatever is checked out.
      const commit = detail.kind === 'commit' ? { commit: detail.sha, branch: detail.branch } : {};
      return pipelineRuns.startPipelineRun({ projectId, pipeline, trigger, ...commit });
    },
  });
  triggers.start();
  const stopLookingAtNewProjects = events.on('projects.changed', ({ reason }) => {
    if (reason === 'added') void triggers.lookNow();
  });
  monitor.start();
  const watch = createProjectWatch({
    list: () => projects.list(),
    refresh: (id) => projects.refresh(id),
    logger,
  });
  watch.start();
  notifications.start();
  autoDeploy.start();
  return [
    watchExternalChanges(db, events, logger),
    triggers,
    { stop: stopLookingAtNewProjects },
    monitor,
    watch,
    startRunRetention({
      db,
      clock,
      events,
      logger,
      dataDir: deps.dataDir,
      retentionDays: () => deps.runRetentionDays(),
    }),
    notifications,
    autoDeploy,
  ];
}
