// One check of an environment: probes it, turns the outcome into its next state (transition.ts),
// records the result, incidents and observed versions in one transaction, and raises an alert event
// when the state changed for good.
import type { Database } from 'better-sqlite3';
import type { CheckResult } from '../../../../shared/domain/environment.ts';
import { environmentDefaults } from '../../config/index.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Logger } from '../../kernel/diagnostics/logger.ts';
import type { EventBus } from '../../kernel/events.ts';
import type { probeEnvironment, ProbeOutcome } from '../probes/probe-environment.ts';
import type { EnvironmentsRepo } from '../store/environments-repo.ts';
import { alertMessage } from './alert-message.ts';
import { activeMaintenance } from './maintenance.ts';
import { transition, type MonitorState } from './transition.ts';
import type { WatchedEnvironment } from './watched-environment.ts';

export interface CheckDeps {
  db: Database;
  repo: EnvironmentsRepo;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  probe: typeof probeEnvironment;
  /** A project secret for ${secrets.NAME} in check headers, or undefined. */
  secret(projectId: number, name: string): string | undefined;
  /** The watched environment with that id (NOT_FOUND otherwise). */
  entry(id: number): WatchedEnvironment;
  /** Every watched environment (to find the ones this one depends on). */
  entries(): Iterable<WatchedEnvironment>;
  /** Who is told when an environment without its own owners changes state. */
  projectOwners(projectId: number): string[];
}

export async function checkEnvironment(deps: CheckDeps, id: number): Promise<CheckResult> {
  const { db, repo, clock, events, logger } = deps;
  const { config, projectId, projectName } = deps.entry(id);
  let outcome: ProbeOutcome;
  try {
    outcome = await deps.probe(config, {
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
      const dependency = [...deps.entries()].find((e) => e.projectId === projectId && e.config.name === name);
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
      owners: config.owners?.length ? config.owners : deps.projectOwners(projectId),
    });
  }
  return result;
}
