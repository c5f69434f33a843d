// Remote environments: keeps environment rows in step with each project's cockpit.yml, checks them on
// schedule, turns results into states, incidents, alerts and observed deployments, and answers queries.
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
import {
  type CockpitConfig,
  type EnvironmentConfig,
  environmentDefaults,
  loadConfig,
} from '../config/index.ts';
import type { EventBus } from '../kernel/events.ts';
import type { Logger } from '../kernel/diagnostics/logger.ts';
import { alertMessage } from './monitor/alert-message.ts';
import { activeMaintenance } from './monitor/maintenance.ts';
import { createScheduler, type Scheduler } from './monitor/scheduler.ts';
import { transition, type MonitorState } from './monitor/transition.ts';
import { probeEnvironment, type ProbeOutcome } from './probes/probe-environment.ts';
import { createEnvironmentsRepo } from './store/environments-repo.ts';
import { history as historyQuery, monitoredSince, uptime } from './store/environment-queries.ts';
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

interface Entry {
  id: number;
  projectId: number;
  projectName: string;
  config: EnvironmentConfig;
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
  let entries = new Map<number, Entry>();
  let scheduler: Scheduler | null = null;
  const timers: NodeJS.Timeout[] = [];
  let sessionId: number | null = null;

  /** Reads every project's environments and makes the table match (new ones added, removed ones dropped). */
  function sync(): Map<number, Entry> {
    const next = new Map<number, Entry>();
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

  function entry(id: number): Entry {
    const found = entries.get(id) ?? sync().get(id);
    if (!found)
      throw new CockpitError('NOT_FOUND', `There is no environment with id ${id}.`, { environmentId: id });
    return found;
  }

  function projectOwners(projectId: number): string[] {
    const project = deps.listProjects().find((p) => p.id === projectId);
    return (project && configOf(project).config?.owners) ?? [];
  }

  const intervalOf = (env: EnvironmentConfig) => env.interval ?? environmentDefaults.intervalMs;

  async function checkOne(id: number): Promise<CheckResult> {
    const { config, projectId, projectName } = entry(id);
    let outcome: ProbeOutcome;
    try {
      outcome = await probe(config, {
        resolveSecret: (name) => deps.secret(projectId, name),
        now: () => clock.now(),
      });
    } catch (error) {
      logger.error('an environment probe failed unexpectedly', { environmentId: id, error });
      outcome = {
        state: 'down',
        statusCode: null,
        latencyMs: null,
        errorClass: 'unknown',
        error: (error as Error)?.message ?? String(error),
        version: null,
        certExpiresAt: null,
        response: null,
      };
    }
    const at = clock.now();
    const row = repo.row(id)!;
    const maintenance = activeMaintenance(config.maintenance, at);
    const dependencyDown =
      (config.depends_on ?? []).find((name) => {
        const dependency = [...entries.values()].find(
          (e) => e.projectId === projectId && e.config.name === name,
        );
        return dependency ? repo.row(dependency.id)?.state === 'down' : false;
      }) ?? null;
    const openIncidentId = repo.openIncidentId(id);
    const previous: MonitorState = {
      state: row.state,
      failures: row.failures,
      notifiedState: row.notified_state,
      openIncident: openIncidentId !== null,
    };
    const step = transition(previous, {
      outcome: { state: outcome.state, error: outcome.error, errorClass: outcome.errorClass },
      failuresBeforeDown: config.failures_before_down ?? environmentDefaults.failuresBeforeDown,
      dependencyDown,
      inMaintenance: maintenance !== null,
    });
    // An environment that has never been up since the cockpit watches it (say, a demo not started yet)
    // gets its incident but no "down" notification — and so, later, no "recovered" one either.
    if (step.alert === 'down' && previous.state === 'unknown') {
      step.alert = null;
      step.next = { ...step.next, notifiedState: previous.notifiedState };
    }
    const result: CheckResult = {
      at,
      state: outcome.state,
      statusCode: outcome.statusCode,
      latencyMs: outcome.latencyMs,
      errorClass: outcome.errorClass,
      error: outcome.error,
      version: outcome.version,
      certExpiresAt: outcome.certExpiresAt,
    };
    // How long it was down: from its incident's opening (or its first failing check) to now.
    const downSince =
      step.alert === 'recovered' ? (repo.incidentOpenedAt(openIncidentId) ?? repo.failingSince(id)) : null;
    db.transaction(() => {
      repo.insertResult(id, { ...result, inMaintenance: maintenance !== null });
      if (step.openIncident)
        repo.openIncident(id, at, step.openIncident.firstError, step.openIncident.errorClass);
      if (step.closeIncident) repo.closeIncident(id, at);
      if (outcome.version !== null && outcome.version !== row.last_version) {
        repo.observedDeployment(id, outcome.version, row.last_version, at);
        logger.info('observed a new version', {
          environment: config.name,
          version: outcome.version,
          previous: row.last_version,
        });
      }
      repo.saveState(id, {
        state: step.next.state,
        cause: step.cause,
        failures: step.next.failures,
        notifiedState: step.next.notifiedState,
        lastCheckedAt: at,
        lastVersion: outcome.version ?? row.last_version,
        // The latest attempt's response, or none when it got none: never an older answer.
        lastResponse: outcome.response ? JSON.stringify(outcome.response) : null,
      });
    }).immediate();
    events.emit('environments.changed', { projectId, environmentId: id });
    if (step.alert) {
      const downForMs = downSince !== null ? Math.max(0, at - downSince) : null;
      const message = alertMessage({
        kind: step.alert,
        environment: config.name,
        projectName,
        error: outcome.error,
        downForMs,
      });
      logger.warn('environment alert', { environment: config.name, kind: step.alert, downForMs });
      events.emit('environments.alert', {
        environmentId: id,
        projectId,
        projectName,
        environment: config.name,
        tier: config.tier ?? environmentDefaults.tier,
        kind: step.alert,
        message,
        downForMs,
        owners: config.owners?.length ? config.owners : projectOwners(projectId),
      });
    }
    return result;
  }

  function summary(e: Entry): EnvironmentSummary {
    const row = repo.row(e.id)!;
    const now = clock.now();
    const intervalMs = intervalOf(e.config);
    const recent = repo.recentResults(e.id, 1)[0];
    const maintenance = activeMaintenance(e.config.maintenance, now);
    const down = row.state === 'down';
    const nextCheckAt = row.paused ? null : (scheduler?.nextCheckAt(e.id, down) ?? null);
    // Overdue: no result for longer than the wait before the next check, plus an interval of slack.
    const waitMs =
      nextCheckAt !== null && row.last_checked_at !== null ? nextCheckAt - row.last_checked_at : intervalMs;
    const overdue =
      !row.paused &&
      row.last_checked_at !== null &&
      now - row.last_checked_at > Math.max(waitMs, intervalMs) + intervalMs;
    // Old good news is not shown as current ('stale'); bad news stays 'down' whatever its age.
    const state = row.paused
      ? 'paused'
      : row.last_checked_at === null
        ? 'unknown'
        : overdue && !down
          ? 'stale'
          : row.state;
    return {
      id: e.id,
      projectId: e.projectId,
      projectName: e.projectName,
      name: e.config.name,
      tier: e.config.tier ?? environmentDefaults.tier,
      url: e.config.url,
      state,
      cause: maintenance ? `in maintenance${maintenance.reason ? `: ${maintenance.reason}` : ''}` : row.cause,
      intervalMs,
      lastCheckedAt: row.last_checked_at,
      nextCheckAt,
      overdue,
      latencyMs: recent?.latencyMs ?? null,
      latencySeries: repo.latencySeries(e.id, 30),
      version: row.last_version,
      monitoredSince: monitoredSince(db, e.id),
      uptime24h: uptime(db, e.id, now - DAY, now),
      uptime30d: uptime(db, e.id, now - 30 * DAY, now),
      certDaysLeft: recent?.certExpiresAt ? Math.floor((recent.certExpiresAt - now) / DAY) : null,
      openIncidentId: repo.openIncidentId(e.id),
      inMaintenance: maintenance !== null,
      lastError: recent && recent.state !== 'up' ? recent.error : null,
    };
  }

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
