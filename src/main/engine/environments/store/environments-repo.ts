// Prepared statements for monitored environments, their check results, incidents, observed
// deployments and the monitor's own sessions; rows in, domain objects out.
import type { Database } from 'better-sqlite3';
import type {
  CheckResult,
  ErrorClass,
  Incident,
  LastResponse,
} from '../../../../shared/domain/environment.ts';
import { CockpitError } from '../../../../shared/errors.ts';
import { fieldsOf } from '../../kernel/store/row-fields.ts';

/** The states stored in the table; 'paused' and 'stale' are derived when summarising. */
export type StoredState = 'up' | 'degraded' | 'down' | 'unknown';
/** The last state an alert was raised for. */
export type NotifiedState = 'up' | 'down' | null;

/** An environments row as stored, all columns (last_response is JSON text). */
export interface EnvironmentRow {
  id: number;
  project_id: number;
  name: string;
  paused: 0 | 1;
  state: StoredState;
  cause: string | null;
  failures: number;
  notified_state: NotifiedState;
  last_checked_at: number | null;
  last_version: string | null;
  last_response: string | null;
  /** Set while cockpit.yml no longer lists it. */
  retired_at: number | null;
  tier: string | null;
}

export interface SavedState {
  state: StoredState;
  cause: string | null;
  failures: number;
  notifiedState: NotifiedState;
  lastCheckedAt: number | null;
  lastVersion: string | null;
  /** JSON text as stored, or the response itself (stored as JSON). */
  lastResponse: string | LastResponse | null;
}

interface CheckResultRow {
  id: number;
  environment_id: number;
  at: number;
  state: CheckResult['state'];
  status_code: number | null;
  latency_ms: number | null;
  error_class: ErrorClass | null;
  error: string | null;
  version: string | null;
  cert_expires_at: number | null;
  in_maintenance: 0 | 1;
}

interface IncidentRow {
  id: number;
  environment_id: number;
  environment: string;
  project_id: number;
  opened_at: number;
  closed_at: number | null;
  first_error: string;
  error_class: string | null;
  acknowledged_by: string | null;
  acknowledged_at: number | null;
}

export interface IncidentFilter {
  projectId?: number;
  environmentId?: number;
  /** true: open only; false: closed only; undefined: both. */
  open?: boolean;
  limit: number;
}

export interface ObservedVersion {
  version: string;
  previousVersion: string | null;
  seenAt: number;
}

export type EnvironmentsRepo = ReturnType<typeof createEnvironmentsRepo>;

export function createEnvironmentsRepo(db: Database) {
  const selectRow = db.prepare<[number], EnvironmentRow>('SELECT * FROM environments WHERE id = ?');
  const selectSchedulingStates = db.prepare<[], { id: number; state: string; paused: number }>(
    'SELECT id, state, paused FROM environments',
  );
  const selectRowsFor = db.prepare<[number], EnvironmentRow>(
    'SELECT * FROM environments WHERE project_id = ? ORDER BY id',
  );
  const insertEnvironment = db.prepare<[number, string]>(
    `INSERT INTO environments (project_id, name, state) VALUES (?, ?, 'unknown')`,
  );
  const retireEnvironment = db.prepare<[number, number]>(
    'UPDATE environments SET retired_at = coalesce(retired_at, ?) WHERE id = ?',
  );
  const updateTier = db.prepare<[string, number, string]>(
    'UPDATE environments SET tier = ? WHERE id = ? AND tier IS NOT ?',
  );
  const reviveEnvironment = db.prepare<[number]>('UPDATE environments SET retired_at = NULL WHERE id = ?');
  const purgeRetired = db.prepare<[number, number]>(
    'DELETE FROM environments WHERE project_id = ? AND retired_at IS NOT NULL AND retired_at < ?',
  );
  const updatePaused = db.prepare<[0 | 1, number]>('UPDATE environments SET paused = ? WHERE id = ?');
  const updateState = db.prepare(
    `UPDATE environments SET state = @state, cause = @cause, failures = @failures, notified_state = @notifiedState,
       last_checked_at = @lastCheckedAt, last_version = @lastVersion, last_response = @lastResponse
     WHERE id = @id`,
  );
  const insertResult = db.prepare(
    `INSERT INTO check_results (environment_id, at, state, status_code, latency_ms, error_class, error, version, cert_expires_at, in_maintenance)
     VALUES (@environmentId, @at, @state, @statusCode, @latencyMs, @errorClass, @error, @version, @certExpiresAt, @inMaintenance)`,
  );
  const selectRecent = db.prepare<[number, number], CheckResultRow>(
    'SELECT * FROM check_results WHERE environment_id = ? ORDER BY at DESC, id DESC LIMIT ?',
  );
  const selectLatencies = db.prepare<[number, number], { state: string; latency_ms: number | null }>(
    'SELECT state, latency_ms FROM check_results WHERE environment_id = ? ORDER BY at DESC, id DESC LIMIT ?',
  );
  const selectOpenIncident = db
    .prepare<[number], number>(
      'SELECT id FROM incidents WHERE environment_id = ? AND closed_at IS NULL ORDER BY id DESC LIMIT 1',
    )
    .pluck();
  const selectIncidentOpenedAt = db
    .prepare<[number], number>('SELECT opened_at FROM incidents WHERE id = ?')
    .pluck();
  /** The first failing check after the last passing one (the start of the current outage). */
  const selectFailingSince = db
    .prepare<[{ id: number }], number | null>(
      `SELECT min(at) FROM check_results WHERE environment_id = @id AND state = 'down'
         AND at > coalesce((SELECT max(at) FROM check_results WHERE environment_id = @id AND state != 'down'), 0)`,
    )
    .pluck();
  const insertIncident = db.prepare<[number, number, string, string | null]>(
    'INSERT INTO incidents (environment_id, opened_at, first_error, error_class) VALUES (?, ?, ?, ?)',
  );
  const updateClosed = db.prepare<[number, number]>(
    'UPDATE incidents SET closed_at = ? WHERE environment_id = ? AND closed_at IS NULL',
  );
  const updateAcknowledged = db.prepare<[string, number, number]>(
    'UPDATE incidents SET acknowledged_by = ?, acknowledged_at = ? WHERE id = ? AND acknowledged_at IS NULL',
  );
  const incidentColumns = `SELECT i.*, e.name AS environment, e.project_id FROM incidents i
     JOIN environments e ON e.id = i.environment_id`;
  const selectIncident = db.prepare<[number], IncidentRow>(`${incidentColumns} WHERE i.id = ?`);
  const selectIncidents = db.prepare<
    [{ projectId: number | null; environmentId: number | null; open: 0 | 1 | null; limit: number }],
    IncidentRow
  >(
    `${incidentColumns}
     WHERE (@projectId IS NULL OR e.project_id = @projectId)
       AND (@environmentId IS NULL OR i.environment_id = @environmentId)
       AND (@open IS NULL OR (i.closed_at IS NULL) = @open)
     ORDER BY i.opened_at DESC, i.id DESC LIMIT @limit`,
  );
  const insertDeployment = db.prepare<[number, string, string | null, number]>(
    'INSERT INTO observed_deployments (environment_id, version, previous_version, seen_at) VALUES (?, ?, ?, ?)',
  );
  const selectVersions = db.prepare<[number, number], ObservedVersion>(
    `SELECT version, previous_version AS previousVersion, seen_at AS seenAt FROM observed_deployments
     WHERE environment_id = ? AND seen_at >= ? ORDER BY seen_at DESC, id DESC`,
  );
  const insertSession = db.prepare<[number, number, number]>(
    'INSERT INTO monitor_sessions (started_at, beat_at, pid) VALUES (?, ?, ?)',
  );
  const updateBeat = db.prepare<[number, number]>(
    'UPDATE monitor_sessions SET beat_at = max(beat_at, ?) WHERE id = ?',
  );
  const selectSessions = db.prepare<[number, number], { started_at: number; beat_at: number }>(
    'SELECT started_at, beat_at FROM monitor_sessions WHERE started_at < ? AND beat_at > ? ORDER BY started_at',
  );

  /** Makes the project's rows match its environment names (and their tiers, when given). */
  const sync = db.transaction(
    (
      projectId: number,
      names: string[],
      now: number,
      tiers?: ReadonlyMap<string, string>,
    ): Map<string, number> => {
      const wanted = new Set(names);
      const ids = new Map<string, number>();
      for (const row of selectRowsFor.all(projectId)) {
        if (wanted.has(row.name)) {
          ids.set(row.name, row.id);
          if (row.retired_at !== null) reviveEnvironment.run(row.id);
          const tier = tiers?.get(row.name);
          if (tier !== undefined && row.tier !== tier) updateTier.run(tier, row.id, tier);
        } else retireEnvironment.run(now, row.id); // its history stays until long after
      }
      purgeRetired.run(projectId, now - 365 * 24 * 60 * 60 * 1000); // cascades to its results and rollups
      for (const name of wanted) {
        if (ids.has(name)) continue;
        const id = Number(insertEnvironment.run(projectId, name).lastInsertRowid);
        const tier = tiers?.get(name);
        if (tier !== undefined) updateTier.run(tier, id, tier);
        ids.set(name, id);
      }
      return ids;
    },
  );

  const openIncident = db.transaction(
    (environmentId: number, at: number, firstError: string, errorClass: string | null): number =>
      selectOpenIncident.get(environmentId) ??
      Number(insertIncident.run(environmentId, at, firstError, errorClass).lastInsertRowid),
  );

  const acknowledge = db.transaction((incidentId: number, who: string, at: number): Incident => {
    updateAcknowledged.run(who, at, incidentId);
    const row = selectIncident.get(incidentId);
    if (!row) throw new CockpitError('NOT_FOUND', `No incident ${incidentId}.`, { incidentId });
    return toIncident(row);
  });

  return {
    /** Makes the project's environment rows match the configured names; returns name → id. */
    sync: (projectId: number, names: string[], now: number, tiers?: ReadonlyMap<string, string>) =>
      sync.immediate(projectId, names, now, tiers),
    row: (id: number): EnvironmentRow | undefined => selectRow.get(id),
    rowsFor: (projectId: number): EnvironmentRow[] => selectRowsFor.all(projectId),
    /** Down and paused flags of every environment, in one query (the scheduler asks 4 times a second). */
    schedulingStates(): Map<number, { down: boolean; paused: boolean }> {
      const states = new Map<number, { down: boolean; paused: boolean }>();
      for (const row of selectSchedulingStates.iterate()) {
        states.set(row.id, { down: row.state === 'down', paused: row.paused === 1 });
      }
      return states;
    },
    setPaused: (id: number, paused: boolean) => void updatePaused.run(paused ? 1 : 0, id),
    saveState(id: number, state: SavedState): void {
      updateState.run({
        id,
        state: state.state,
        cause: state.cause,
        failures: state.failures,
        notifiedState: state.notifiedState,
        lastCheckedAt: state.lastCheckedAt,
        lastVersion: state.lastVersion,
        lastResponse:
          state.lastResponse === null || typeof state.lastResponse === 'string'
            ? state.lastResponse
            : JSON.stringify(state.lastResponse),
      });
    },
    insertResult(environmentId: number, result: CheckResult & { inMaintenance: boolean }): number {
      const { lastInsertRowid } = insertResult.run({
        environmentId,
        at: result.at,
        state: result.state,
        statusCode: result.statusCode,
        latencyMs: result.latencyMs,
        errorClass: result.errorClass,
        error: result.error,
        version: result.version,
        certExpiresAt: result.certExpiresAt,
        inMaintenance: result.inMaintenance ? 1 : 0,
      });
      return Number(lastInsertRowid);
    },
    /** Newest first. */
    recentResults: (environmentId: number, limit: number): CheckResult[] =>
      selectRecent.all(environmentId, limit).map(toCheckResult),
    /** The last n latencies, oldest first; null where the check was down or measured none. */
    latencySeries: (environmentId: number, n: number): (number | null)[] =>
      selectLatencies
        .all(environmentId, n)
        .reverse()
        .map((row) => (row.state === 'down' ? null : row.latency_ms)),

    /** Opens an incident, or returns the one already open for this environment. */
    openIncident: (
      environmentId: number,
      at: number,
      firstError: string,
      errorClass: string | null,
    ): number => openIncident.immediate(environmentId, at, firstError, errorClass),
    /** Closes the open incident, if any; true when one was closed. */
    closeIncident: (environmentId: number, at: number): boolean =>
      updateClosed.run(at, environmentId).changes > 0,
    openIncidentId: (environmentId: number): number | null => selectOpenIncident.get(environmentId) ?? null,
    incidentOpenedAt: (incidentId: number | null): number | null =>
      incidentId === null ? null : (selectIncidentOpenedAt.get(incidentId) ?? null),
    /** When the checks started failing, for an environment failing now; null when the last one passed. */
    failingSince: (environmentId: number): number | null =>
      selectFailingSince.get({ id: environmentId }) ?? null,
    /** The first acknowledgement wins; later ones return the incident unchanged. */
    acknowledge: (incidentId: number, who: string, at: number): Incident =>
      acknowledge.immediate(incidentId, who, at),
    incident: (incidentId: number): Incident | undefined => {
      const row = selectIncident.get(incidentId);
      return row && toIncident(row);
    },
    /** Newest first. */
    incidents: (filter: IncidentFilter): Incident[] =>
      selectIncidents
        .all({
          projectId: filter.projectId ?? null,
          environmentId: filter.environmentId ?? null,
          open: filter.open === undefined ? null : filter.open ? 1 : 0,
          limit: filter.limit,
        })
        .map(toIncident),

    observedDeployment: (environmentId: number, version: string, previous: string | null, at: number) =>
      void insertDeployment.run(environmentId, version, previous, at),
    /** Versions seen since `since`, newest first. */
    versions: (environmentId: number, since: number): ObservedVersion[] =>
      selectVersions.all(environmentId, since),

    startSession: (at: number, pid: number): number => Number(insertSession.run(at, at, pid).lastInsertRowid),
    beat: (sessionId: number, at: number) => void updateBeat.run(at, sessionId),
    /**
     * When the monitor was running within [from, to): session intervals clipped to the range and
     * merged where they overlap or are at most `joinGapMs` apart. Time outside them is "no data".
     */
    coverage(from: number, to: number, joinGapMs = 0): [number, number][] {
      const merged: [number, number][] = [];
      for (const session of selectSessions.all(to, from)) {
        const start = Math.max(session.started_at, from);
        const end = Math.min(session.beat_at, to);
        if (end <= start) continue;
        const last = merged[merged.length - 1];
        if (last && start <= last[1] + joinGapMs) last[1] = Math.max(last[1], end);
        else merged.push([start, end]);
      }
      return merged;
    },
  };
}

function toCheckResult(row: CheckResultRow): CheckResult {
  return fieldsOf(row, 'at, state, status_code, latency_ms, error_class, error, version, cert_expires_at');
}

function toIncident(row: IncidentRow): Incident {
  return fieldsOf(
    row,
    'id, environment_id, environment, project_id, opened_at, closed_at, first_error, error_class, acknowledged_by, acknowledged_at',
  );
}
