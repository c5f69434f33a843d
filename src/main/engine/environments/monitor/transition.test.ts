// Every rule of the monitor's state machine: flap damping, incidents, alerts that survive a restart,
// and dependants of a down dependency staying quiet.
import { describe, expect, it } from 'vitest';
import { initialMonitorState, type MonitorState, type TransitionInput, transition } from './transition.ts';

const up = { state: 'up' as const, error: null, errorClass: null };
const degraded = { state: 'degraded' as const, error: 'slow: 2.1 s', errorClass: 'slow' };
const fail = {
  state: 'down' as const,
  error: 'connect ECONNREFUSED 10.0.0.1:443',
  errorClass: 'connection_refused',
};

function input(
  outcome: TransitionInput['outcome'],
  overrides: Partial<TransitionInput> = {},
): TransitionInput {
  return { outcome, failuresBeforeDown: 2, dependencyDown: null, inMaintenance: false, ...overrides };
}

/** Runs outcomes in order, returning every transition. */
function replay(start: MonitorState, inputs: TransitionInput[]) {
  const out = [];
  let state = start;
  for (const step of inputs) {
    const result = transition(state, step);
    out.push(result);
    state = result.next;
  }
  return out;
}

const downWithIncident: MonitorState = {
  state: 'down',
  failures: 3,
  notifiedState: 'down',
  openIncident: true,
};

describe('flap damping', () => {
  it('shows a first-ever failure below the threshold as unknown, not up', () => {
    const result = transition(initialMonitorState, input(fail));
    expect(result).toEqual({
      next: { state: 'unknown', failures: 1, notifiedState: null, openIncident: false },
      cause: null,
      openIncident: null,
      closeIncident: false,
      alert: null,
    });
  });

  it('keeps the previous state until failures reach the threshold, then goes down', () => {
    const start: MonitorState = { state: 'up', failures: 0, notifiedState: null, openIncident: false };
    const [first, second, third] = replay(start, [
      input(fail, { failuresBeforeDown: 3 }),
      input(fail, { failuresBeforeDown: 3 }),
      input(fail, { failuresBeforeDown: 3 }),
    ]);
    expect(first!.next).toMatchObject({ state: 'up', failures: 1 });
    expect(first!.openIncident).toBeNull();
    expect(second!.next).toMatchObject({ state: 'up', failures: 2 });
    expect(third!.next).toMatchObject({ state: 'down', failures: 3 });
    expect(third!.openIncident).not.toBeNull();
  });

  it('keeps degraded as the previous state too', () => {
    const start: MonitorState = { state: 'degraded', failures: 0, notifiedState: null, openIncident: false };
    expect(transition(start, input(fail)).next.state).toBe('degraded');
  });

  it('goes down on the first failure with a threshold of 1', () => {
    const result = transition(initialMonitorState, input(fail, { failuresBeforeDown: 1 }));
    expect(result.next.state).toBe('down');
    expect(result.alert).toBe('down');
  });

  it('resets failures on success, so isolated failures never go down', () => {
    const results = replay(initialMonitorState, [
      input(fail),
      input(up),
      input(fail),
      input(up),
      input(fail),
    ]);
    expect(results.map((r) => r.next.state)).toEqual(['unknown', 'up', 'up', 'up', 'up']);
    expect(results.map((r) => r.next.failures)).toEqual([1, 0, 1, 0, 1]);
    expect(results.every((r) => r.openIncident === null && r.alert === null)).toBe(true);
  });

  it('sets up or degraded from a success', () => {
    expect(transition(initialMonitorState, input(up)).next.state).toBe('up');
    expect(transition(initialMonitorState, input(degraded)).next.state).toBe('degraded');
  });
});

describe('incidents and alerts', () => {
  it('opens an incident and alerts once when it becomes down, then stays quiet while down', () => {
    const [, second, third] = replay(initialMonitorState, [input(fail), input(fail), input(fail)]);
    expect(second).toEqual({
      next: { state: 'down', failures: 2, notifiedState: 'down', openIncident: true },
      cause: null,
      openIncident: { firstError: 'connect ECONNREFUSED 10.0.0.1:443', errorClass: 'connection_refused' },
      closeIncident: false,
      alert: 'down',
    });
    expect(third).toMatchObject({ openIncident: null, alert: null, closeIncident: false });
    expect(third!.next).toEqual({ state: 'down', failures: 3, notifiedState: 'down', openIncident: true });
  });

  it('gives an incident a first error even when the check had no message', () => {
    const result = transition(
      { state: 'up', failures: 1, notifiedState: null, openIncident: false },
      input({ state: 'down', error: null, errorClass: null }),
    );
    expect(result.openIncident).toEqual({ firstError: 'down', errorClass: null });
  });

  it('closes the incident and alerts recovered on up', () => {
    const result = transition(downWithIncident, input(up));
    expect(result).toEqual({
      next: { state: 'up', failures: 0, notifiedState: 'up', openIncident: false },
      cause: null,
      openIncident: null,
      closeIncident: true,
      alert: 'recovered',
    });
  });

  it('closes the incident on degraded too: degraded counts as recovered', () => {
    const result = transition(downWithIncident, input(degraded));
    expect(result).toMatchObject({ closeIncident: true, alert: 'recovered' });
    expect(result.next).toMatchObject({ state: 'degraded', openIncident: false, notifiedState: 'up' });
  });

  it('never opens an incident for degraded', () => {
    const results = replay(initialMonitorState, [input(degraded), input(degraded), input(degraded)]);
    expect(results.every((r) => r.openIncident === null && r.alert === null && !r.next.openIncident)).toBe(
      true,
    );
  });

  it('does not alert down twice after a restart that loaded an already-notified state', () => {
    // The incident was closed by hand while down was notified; the next incident opens silently.
    const loaded: MonitorState = { state: 'down', failures: 5, notifiedState: 'down', openIncident: false };
    const result = transition(loaded, input(fail));
    expect(result.openIncident).not.toBeNull();
    expect(result.alert).toBeNull();
    expect(result.next.notifiedState).toBe('down');
    // And an incident open on load is neither reopened nor re-alerted.
    expect(transition(downWithIncident, input(fail))).toMatchObject({ openIncident: null, alert: null });
  });

  it('does not alert recovered when down was never notified', () => {
    const loaded: MonitorState = { state: 'down', failures: 2, notifiedState: 'up', openIncident: true };
    const result = transition(loaded, input(up));
    expect(result).toMatchObject({ closeIncident: true, alert: null });
    expect(result.next.notifiedState).toBe('up');
    const fresh = transition(initialMonitorState, input(up));
    expect(fresh).toMatchObject({ closeIncident: false, alert: null });
    expect(fresh.next.notifiedState).toBeNull();
  });

  it('tells whoever heard "down" that it recovered, even if the incident was closed meanwhile', () => {
    const loaded: MonitorState = { state: 'down', failures: 4, notifiedState: 'down', openIncident: false };
    const result = transition(loaded, input(up));
    expect(result).toMatchObject({ closeIncident: false, alert: 'recovered' });
    expect(result.next.notifiedState).toBe('up');
  });

  it('alerts down again for a new incident after a recovery', () => {
    const results = replay(initialMonitorState, [
      input(fail),
      input(fail),
      input(up),
      input(fail),
      input(fail),
    ]);
    expect(results.map((r) => r.alert)).toEqual([null, 'down', 'recovered', null, 'down']);
    expect(results.map((r) => r.openIncident !== null)).toEqual([false, true, false, false, true]);
    expect(results.map((r) => r.closeIncident)).toEqual([false, false, true, false, false]);
  });
});

describe('maintenance and dependencies', () => {
  it('opens no incident and raises no alert in maintenance, and says why', () => {
    const results = replay(initialMonitorState, [
      input(fail, { inMaintenance: true }),
      input(fail, { inMaintenance: true }),
      input(fail, { inMaintenance: true }),
    ]);
    expect(results.map((r) => r.next.state)).toEqual(['unknown', 'down', 'down']);
    expect(results.every((r) => r.openIncident === null && r.alert === null && !r.next.openIncident)).toBe(
      true,
    );
    expect(results.map((r) => r.cause)).toEqual(['in maintenance', 'in maintenance', 'in maintenance']);
  });

  it('opens the incident on the next failing check once maintenance is over', () => {
    const inWindow = replay(initialMonitorState, [
      input(fail, { inMaintenance: true }),
      input(fail, { inMaintenance: true }),
    ]);
    const after = transition(inWindow[1]!.next, input(fail));
    expect(after).toMatchObject({ cause: null, alert: 'down' });
    expect(after.openIncident).not.toBeNull();
  });

  it('keeps an incident that was already open when maintenance starts, without alerting', () => {
    const result = transition(downWithIncident, input(fail, { inMaintenance: true }));
    expect(result).toMatchObject({
      cause: 'in maintenance',
      openIncident: null,
      closeIncident: false,
      alert: null,
    });
    expect(result.next.openIncident).toBe(true);
  });

  it('keeps dependants of a down dependency quiet: no alert storm', () => {
    const dependants = Array.from({ length: 20 }, () =>
      replay(initialMonitorState, [
        input(fail, { dependencyDown: 'db' }),
        input(fail, { dependencyDown: 'db' }),
        input(fail, { dependencyDown: 'db' }),
      ]),
    );
    const all = dependants.flat();
    expect(all.filter((r) => r.alert !== null)).toEqual([]);
    expect(all.filter((r) => r.openIncident !== null)).toEqual([]);
    expect(dependants[0]!.map((r) => r.cause)).toEqual(['db is down', 'db is down', 'db is down']);
    expect(dependants[0]![2]!.next).toEqual({
      state: 'down',
      failures: 3,
      notifiedState: null,
      openIncident: false,
    });
  });

  it('opens its own incident when the dependency recovers while the dependant still fails', () => {
    const [, whileDbDown] = replay(initialMonitorState, [
      input(fail, { dependencyDown: 'db' }),
      input(fail, { dependencyDown: 'db' }),
    ]);
    const dbBack = transition(whileDbDown!.next, input(fail));
    expect(dbBack).toMatchObject({
      cause: null,
      alert: 'down',
      openIncident: { firstError: fail.error, errorClass: 'connection_refused' },
    });
    expect(dbBack.next).toEqual({ state: 'down', failures: 3, notifiedState: 'down', openIncident: true });
  });

  it('recovers silently with the dependency when it never opened an incident', () => {
    const [, whileDbDown] = replay(initialMonitorState, [
      input(fail, { dependencyDown: 'db' }),
      input(fail, { dependencyDown: 'db' }),
    ]);
    expect(transition(whileDbDown!.next, input(up))).toMatchObject({
      closeIncident: false,
      alert: null,
      cause: null,
      next: { state: 'up', failures: 0, openIncident: false },
    });
  });

  it('names maintenance as the cause when both apply', () => {
    expect(
      transition(initialMonitorState, input(fail, { inMaintenance: true, dependencyDown: 'db' })).cause,
    ).toBe('in maintenance');
  });

  it('clears the cause on success, even in maintenance', () => {
    expect(
      transition(initialMonitorState, input(up, { inMaintenance: true, dependencyDown: 'db' })).cause,
    ).toBeNull();
  });
});
