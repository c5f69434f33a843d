// Remote environments: keeps environment rows in step with each project's cockpit.yml, checks them on
// schedule (one check: monitor/check-environment.ts — states, incidents, alerts, observed deployments),
// and answers queries (one environment's summary: monitor/environment-summary.ts).
import type { Database } from 'better-sqlite3';
import type {
  CheckResult,
  EnvironmentDetail,
  EnvironmentHistory,
  EnvironmentSummary,
  Incident,
  LastResponse,
} from '../../../shared/domain/environment.ts';
import { CockpitError } from '../../../shared/errors.ts';
import type { Clock } from '../kernel/clock.ts';
import { type CockpitConfig, environmentDefaults, loadConfig } from '../config/index.ts';
import type { EventBus } from '../kernel/events.ts';
import type { Logger } from '../kernel/diagnostics/logger.ts';
import { checkEnvironment } from './monitor/check-environment.ts';
import { summarize } from './monitor/environment-summary.ts';
import { createScheduler, type Scheduler } from './monitor/scheduler.ts';
import { intervalOf, type WatchedEnvironment } from './monitor/watched-environment.ts';
import { probeEnvironment } from './probes/probe-environment.ts';
import { createEnvironmentsRepo } from './store/environments-repo.ts';
import { history as historyQuery } from './store/environment-queries.ts';
import { prune, rollUp } from './store/rollups.ts';

export interface MonitorServiceDeps {
  db: Database;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  listProjects(): { id: number; name: string; path: string }[];
  /**
   * The configuration to watch a project by: the last good one while its cockpit.yml is invalid, so a
   * typo never stops monitoring. Default: the file as it is (null when it is not valid).
   */
  configOf?: (project: { id: number; path: string }) => { config: CockpitConfig | null };
  /** A project secret for ${secrets.NAME} in check headers, or undefined. */
  secret(projectId: number, name: string): string | undefined;
  probe?: typeof probeEnvironment;
  concurrency?: number;
  /** How long raw check results are kept (rollups stay); default 14 days. */
  rawRetentionMs?: () => number;
}

const DAY = 24 * 60 * 60 * 1000;
const tierOrder = { production: 0, staging: 1, development: 2, other: 3 } as const;

export type MonitorService = ReturnType<typeof createMonitorService>;

export function createMonitorService(deps: MonitorServiceDeps) {
  const { db, clock, events, logger } = deps;
  const repo = createEnvironmentsRepo(db);
  const probe = deps.probe ?? probeEnvironment;
  const configOf =
    deps.configOf ??
    ((project: { path: string }) => {
      const result = loadConfig(project.path);
      return { config: result.status === 'ok' ? result.config : null };
    });
  let entries = new Map<number, WatchedEnvironment>();
  let scheduler: Scheduler | null = null;
  const timers: NodeJS.Timeout[] = [];
  let sessionId: number | null = null;

  /** Reads every project's environments and makes the table match (new ones added, removed ones dropped). */
  function sync(): Map<number, WatchedEnvironment> {
    const next = new Map<number, WatchedEnvironment>();
    for (const project of deps.listProjects()) {
      const { config } = configOf(project);
      if (!config) continue; // no configuration to go by: its rows are kept until there is one
      const environments = config.environments ?? [];
      // The tier is kept on the row too, for queries over history (insights).
      const ids = repo.sync(
        project.id,
        environments.map((env) => env.name),
        clock.now(),
        new Map(environments.map((env) => [env.name, env.tier ?? environmentDefaults.tier])),
      );
      for (const env of environments) {
        const id = ids.get(env.name)!;
        next.set(id, { id, projectId: project.id, projectName: project.name, config: env });
      }
    }
    entries = next;
    return next;
  }

  function entry(id: number): WatchedEnvironment {
    const found = entries.get(id) ?? sync().get(id);
    if (!found)
      throw new CockpitError('NOT_FOUND', `There is no environment with id ${id}.`, { environmentId: id });
    return found;
  }

  function projectOwners(projectId: number): string[] {
    const project = deps.listProjects().find((p) => p.id === projectId);
    return (project && configOf(project).config?.owners) ?? [];
  }

  const checkOne = (id: number): Promise<CheckResult> =>
    checkEnvironment(
      {
        db,
        repo,
        clock,
        events,
        logger,
        probe,
        secret: (projectId, name) => deps.secret(projectId, name),
        entry,
        entries: () => entries.values(),
        projectOwners,
      },
      id,
    );

  const summary = (e: WatchedEnvironment): EnvironmentSummary =>
    summarize({ db, repo, clock, nextCheckAt: (id, down) => scheduler?.nextCheckAt(id, down) }, e);

  /** Heartbeat, rollups and retention in small batches, at most ~50 ms per turn so checks never wait. */
  function housekeeping() {
    try {
      if (sessionId !== null) repo.beat(sessionId, clock.now());
      const until = performance.now() + 50;
      while (!rollUp(db, { now: clock.now() }).done && performance.now() < until);
      const rawRetentionMs = deps.rawRetentionMs?.();
      while (!prune(db, { now: clock.now(), rawRetentionMs }).done && performance.now() < until);
    } catch (error) {
      logger.warn('environment housekeeping failed; it will try again', { error });
    }
  }

  return {
    sync,
    list(projectId?: number): EnvironmentSummary[] {
      sync();
      return [...entries.values()]
        .filter((e) => projectId === undefined || e.projectId === projectId)
        .map(summary)
        .sort(
          (a, b) =>
            a.projectName.localeCompare(b.projectName) ||
            tierOrder[a.tier] - tierOrder[b.tier] ||
            a.name.localeCompare(b.name),
        );
    },
    get(id: number): EnvironmentDetail {
      const e = entry(id);
      const row = repo.row(id)!;
      const recentResults = repo.recentResults(id, 50);
      return {
        ...summary(e),
        recentResults,
        lastAttempt: recentResults[0] ?? null,
        lastResponse: row.last_response ? (JSON.parse(row.last_response) as LastResponse) : null,
        dependsOn: e.config.depends_on ?? [],
      };
    },
    history(id: number, range: EnvironmentHistory['range']): EnvironmentHistory {
      entry(id);
      const now = clock.now();
      const span = { '1h': DAY / 24, '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY, '90d': 90 * DAY }[range];
      return {
        ...historyQuery(db, id, range, now),
        incidents: repo
          .incidents({ environmentId: id, limit: 200 })
          .filter((i) => (i.closedAt ?? now) >= now - span),
        versions: repo.versions(id, now - span),
      };
    },
    checkNow: (id: number) => checkOne(id),
    pause(id: number) {
      repo.setPaused(id, true);
      events.emit('environments.changed', { projectId: entry(id).projectId, environmentId: id });
      return summary(entry(id));
    },
    resume(id: number) {
      repo.setPaused(id, false);
      events.emit('environments.changed', { projectId: entry(id).projectId, environmentId: id });
      return summary(entry(id));
    },
    incidents: (filter: {
      projectId?: number;
      environmentId?: number;
      open?: boolean;
      limit?: number;
    }): Incident[] => repo.incidents({ ...filter, limit: filter.limit ?? 100 }),
    acknowledge(incidentId: number, who: string): Incident {
      const incident = repo.acknowledge(incidentId, who, clock.now());
      events.emit('environments.changed', {
        projectId: incident.projectId,
        environmentId: incident.environmentId,
      });
      return incident;
    },
    /** Long-lived hosts only: scheduled checks, the session heartbeat, rollups and retention. */
    start() {
      if (scheduler) return;
      sync();
      sessionId = repo.startSession(clock.now(), process.pid);
      scheduler = createScheduler({
        clock,
        logger,
        concurrency: deps.concurrency,
        list: () => {
          const states = repo.schedulingStates();
          return [...entries.values()].map((e) => ({
            id: e.id,
            intervalMs: intervalOf(e.config),
            down: states.get(e.id)?.down ?? false,
            paused: states.get(e.id)?.paused ?? false,
            maxBackoffMs: e.config.max_backoff,
          }));
        },
        check: async (id) => {
          await checkOne(id);
        },
      });
      scheduler.start();
      timers.push(
        setInterval(() => {
          try {
            sync();
          } catch (error) {
            logger.warn('could not re-read the environments; will try again', { error });
          }
        }, 10_000),
        setInterval(housekeeping, 10_000),
      );
      for (const timer of timers) timer.unref();
    },
    async stop() {
      for (const timer of timers.splice(0)) clearInterval(timer);
      await scheduler?.stop();
      scheduler = null;
      try {
        if (sessionId !== null) repo.beat(sessionId, clock.now());
      } catch (error) {
        logger.warn('could not record the end of the monitoring session', { error });
      }
    },
    stats: () => scheduler?.stats() ?? null,
  };
}
