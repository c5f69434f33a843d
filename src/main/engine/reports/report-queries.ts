// The SQL behind reports and evidence packs, prepared once per database: which deployments, runs and
// incidents fall in a window, and an environment's checks around a deploy.
import type { Database } from 'better-sqlite3';
import type { RunStatus, RunTrigger } from '../../../shared/domain/run.ts';
import { preparedOnce } from '../kernel/store/prepared-once.ts';

export type Tier = 'development' | 'staging' | 'production' | 'other';

export interface DeploymentRef {
  id: number;
  /** The environment's tier when it was deployed (else as cockpit.yml says now); null when unknown. */
  tier: string | null;
  requestedAt: number;
}

export interface IncidentRow {
  id: number;
  projectId: number;
  projectName: string;
  environment: string;
  tier: string | null;
  openedAt: number;
  closedAt: number | null;
  firstError: string;
  errorClass: string | null;
  acknowledgedBy: string | null;
  acknowledgedAt: number | null;
}

export interface RunRow {
  id: number;
  projectId: number;
  projectName: string;
  pipeline: string;
  status: RunStatus;
  trigger: RunTrigger;
  actor: string;
  gitSha: string | null;
  gitBranch: string | null;
  gitDirty: 0 | 1 | null;
  queuedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  rerunOf: number | null;
}

export interface CheckRow {
  at: number;
  state: 'up' | 'degraded' | 'down';
  statusCode: number | null;
  latencyMs: number | null;
  errorClass: string | null;
  error: string | null;
  version: string | null;
  inMaintenance: boolean;
}

const deploymentColumns = `d.id, COALESCE(d.tier, e.tier) AS tier, d.requested_at AS requestedAt
  FROM deployments d
  LEFT JOIN environments e ON e.project_id = d.project_id AND e.name = d.environment`;

const incidentColumns = `i.id, e.project_id AS projectId, COALESCE(p.name, 'project ' || e.project_id) AS projectName,
    e.name AS environment, e.tier, i.opened_at AS openedAt, i.closed_at AS closedAt, i.first_error AS firstError,
    i.error_class AS errorClass, i.acknowledged_by AS acknowledgedBy, i.acknowledged_at AS acknowledgedAt
  FROM incidents i
  JOIN environments e ON e.id = i.environment_id
  LEFT JOIN projects p ON p.id = e.project_id`;

/** Overlaps [@since, @until): opened before the end, and not closed before the start. */
const overlaps = 'i.opened_at < @until AND (i.closed_at IS NULL OR i.closed_at >= @since)';

const statementsFor = preparedOnce((db: Database) => {
  return {
    deploymentsIn: db.prepare<[{ since: number; until: number; projectId: number | null }], DeploymentRef>(
      `SELECT ${deploymentColumns}
       WHERE d.requested_at >= @since AND d.requested_at < @until
         AND (@projectId IS NULL OR d.project_id = @projectId)
       ORDER BY d.requested_at, d.id`,
    ),
    // sameVersion(): "v1.2.0" and "1.2.0" name the same release.
    deploymentsOf: db.prepare<[{ version: string; projectId: number | null }], DeploymentRef>(
      `SELECT ${deploymentColumns}
       WHERE lower(trim(d.version)) IN (@version, 'v' || @version)
         AND (@projectId IS NULL OR d.project_id = @projectId)
       ORDER BY d.requested_at, d.id`,
    ),
    incidentsIn: db.prepare<[{ since: number; until: number; projectId: number | null }], IncidentRow>(
      `SELECT ${incidentColumns}
       WHERE ${overlaps} AND (@projectId IS NULL OR e.project_id = @projectId)
       ORDER BY i.opened_at, i.id`,
    ),
    incidentsOfEnvironment: db.prepare<
      [{ since: number; until: number; projectId: number; environment: string }],
      IncidentRow
    >(
      `SELECT ${incidentColumns}
       WHERE ${overlaps} AND e.project_id = @projectId AND e.name = @environment
       ORDER BY i.opened_at, i.id`,
    ),
    runsIn: db.prepare<[{ since: number; until: number; projectId: number | null }], RunRow>(
      `SELECT r.id, r.project_id AS projectId, COALESCE(p.name, 'project ' || r.project_id) AS projectName,
         r.pipeline, r.status, r.trigger, r.actor, r.git_sha AS gitSha, r.git_branch AS gitBranch,
         r.git_dirty AS gitDirty, r.queued_at AS queuedAt, r.started_at AS startedAt,
         r.finished_at AS finishedAt, r.rerun_of AS rerunOf
       FROM runs r LEFT JOIN projects p ON p.id = r.project_id
       WHERE r.queued_at >= @since AND r.queued_at < @until
         AND (@projectId IS NULL OR r.project_id = @projectId)
       ORDER BY r.queued_at, r.id`,
    ),
    run: db.prepare<[number], RunRow>(
      `SELECT r.id, r.project_id AS projectId, COALESCE(p.name, 'project ' || r.project_id) AS projectName,
         r.pipeline, r.status, r.trigger, r.actor, r.git_sha AS gitSha, r.git_branch AS gitBranch,
         r.git_dirty AS gitDirty, r.queued_at AS queuedAt, r.started_at AS startedAt,
         r.finished_at AS finishedAt, r.rerun_of AS rerunOf
       FROM runs r LEFT JOIN projects p ON p.id = r.project_id WHERE r.id = ?`,
    ),
    environment: db.prepare<[number, string], { id: number; tier: string | null }>(
      'SELECT id, tier FROM environments WHERE project_id = ? AND name = ?',
    ),
    checks: db.prepare<[number, number, number], Omit<CheckRow, 'inMaintenance'> & { inMaintenance: 0 | 1 }>(
      `SELECT at, state, status_code AS statusCode, latency_ms AS latencyMs, error_class AS errorClass, error,
         version, in_maintenance AS inMaintenance
       FROM check_results WHERE environment_id = ? AND at >= ? AND at <= ? ORDER BY at, id`,
    ),
    logFile: db.prepare<[number], string | null>('SELECT log_file FROM attempts WHERE id = ?').pluck(),
  };
});

export function reportQueries(db: Database) {
  const s = statementsFor(db);
  return {
    deploymentsIn: (since: number, until: number, projectId: number | null) =>
      s.deploymentsIn.all({ since, until, projectId }),
    deploymentsOf: (version: string, projectId: number | null) =>
      s.deploymentsOf.all({ version: version.trim().toLowerCase().replace(/^v/, ''), projectId }),
    incidentsIn: (since: number, until: number, projectId: number | null) =>
      s.incidentsIn.all({ since, until, projectId }),
    incidentsOf: (since: number, until: number, projectId: number, environment: string) =>
      s.incidentsOfEnvironment.all({ since, until, projectId, environment }),
    runsIn: (since: number, until: number, projectId: number | null) =>
      s.runsIn.all({ since, until, projectId }),
    run: (id: number): RunRow | null => s.run.get(id) ?? null,
    environment: (projectId: number, name: string) => s.environment.get(projectId, name) ?? null,
    checks: (environmentId: number, from: number, to: number): CheckRow[] =>
      s.checks
        .all(environmentId, from, to)
        .map((row) => ({ ...row, inMaintenance: row.inMaintenance === 1 })),
    /** The attempt's log file (absolute), as the log writer recorded it. */
    logFile: (attemptId: number): string | null => s.logFile.get(attemptId) ?? null,
  };
}

export type ReportQueries = ReturnType<typeof reportQueries>;

/** The tier recorded with a deployment or environment; an unrecorded one is judged by its name. */
export function tierOf(recorded: string | null, environment: string): Tier {
  if (recorded === 'development' || recorded === 'staging' || recorded === 'production') return recorded;
  if (recorded !== null) return 'other';
  return /^prod(uction)?$/i.test(environment) ? 'production' : 'other';
}
