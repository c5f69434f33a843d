// The monitor's decisions as one pure function: from the previous state and a check's outcome, the
// next state, whether an incident opens or closes, and whether anyone is alerted.

export interface MonitorState {
  state: 'up' | 'degraded' | 'down' | 'unknown';
  /** Consecutive failing checks. */
  failures: number;
  /** What the last alert said, persisted so a restart does not repeat it; null before any alert. */
  notifiedState: 'up' | 'down' | null;
  openIncident: boolean;
}

export interface TransitionInput {
  outcome: { state: 'up' | 'degraded' | 'down'; error: string | null; errorClass: string | null };
  failuresBeforeDown: number;
  /** Name of a dependency that is down right now, or null. */
  dependencyDown: string | null;
  inMaintenance: boolean;
}

export interface Transition {
  next: MonitorState;
  /** Why a failing environment opens no incident: "db is down" or "in maintenance"; else null. */
  cause: string | null;
  openIncident: { firstError: string; errorClass: string | null } | null;
  closeIncident: boolean;
  /** Raise a notification. */
  alert: 'down' | 'recovered' | null;
}

/** The state a monitor starts from when nothing is known (a new environment). */
export const initialMonitorState: MonitorState = {
  state: 'unknown',
  failures: 0,
  notifiedState: null,
  openIncident: false,
};

/**
 * Rules:
 * - success (up or degraded): failures reset, state = the outcome, an open incident closes;
 *   'recovered' is alerted when the last alert said 'down';
 * - failure: failures + 1; 'down' once failures ≥ failuresBeforeDown, before that the previous state
 *   stays (so a first-ever failure shows 'unknown');
 * - down without an open incident opens one — unless in maintenance or a dependency is down, which
 *   become the cause instead (no incident, no alert: dependants of a down dependency stay quiet).
 *   This is checked on every failing check, so a dependant still failing after its dependency (or
 *   the window) recovered opens its own incident then;
 * - 'down' is alerted when an incident opens, unless the last alert already said 'down'.
 * Maintenance wins over a down dependency as the cause when both apply.
 */
export function transition(previous: MonitorState, input: TransitionInput): Transition {
  const { outcome } = input;

  if (outcome.state !== 'down') {
    const alert = previous.notifiedState === 'down' ? 'recovered' : null;
    return {
      next: {
        state: outcome.state,
        failures: 0,
        notifiedState: alert === 'recovered' ? 'up' : previous.notifiedState,
        openIncident: false,
      },
      cause: null,
      openIncident: null,
      closeIncident: previous.openIncident,
      alert,
    };
  }

  const failures = previous.failures + 1;
  const state = failures >= input.failuresBeforeDown ? 'down' : previous.state;
  const cause = input.inMaintenance
    ? 'in maintenance'
    : input.dependencyDown !== null
      ? `${input.dependencyDown} is down`
      : null;
  const opens = state === 'down' && !previous.openIncident && cause === null;
  const alert = opens && previous.notifiedState !== 'down' ? 'down' : null;
  return {
    next: {
      state,
      failures,
      notifiedState: opens ? 'down' : previous.notifiedState,
      openIncident: previous.openIncident || opens,
    },
    cause,
    openIncident: opens ? { firstError: outcome.error ?? 'down', errorClass: outcome.errorClass } : null,
    closeIncident: false,
    alert,
  };
}
