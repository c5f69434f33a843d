import { describe, expect, it } from 'vitest';
import { coalescedPass } from './coalesced-pass.ts';

/** A pass that waits for `finish()` each time; counts how often it started. */
function heldPass() {
  const state = { started: 0, finish: () => {} };
  const pass = () =>
    new Promise<void>((resolve) => {
      state.started++;
      state.finish = resolve;
    });
  return { state, pass };
}

describe('coalescedPass', () => {
  it('answers calls during a pass with that pass and runs exactly one more after it', async () => {
    const { state, pass } = heldPass();
    let afterwards = 0;
    const passes = coalescedPass(pass, { stopped: () => false, afterwards: () => afterwards++ });
    const first = passes.run();
    expect(passes.run()).toBe(first);
    expect(passes.run()).toBe(first);
    expect(state.started).toBe(1);
    state.finish();
    // The one more pass starts after the first ends, within the same run.
    await new Promise((resolve) => setImmediate(resolve));
    expect(state.started).toBe(2);
    state.finish();
    await first;
    expect(state.started).toBe(2);
    expect(afterwards).toBe(1);
    await passes.settled();
  });

  it('skips the pass asked for when stopped by then, and settled() waits for the running one', async () => {
    const { state, pass } = heldPass();
    let stopped = false;
    const passes = coalescedPass(pass, { stopped: () => stopped });
    const first = passes.run();
    void passes.run();
    let settled = false;
    const waiting = passes.settled().then(() => (settled = true));
    stopped = true;
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    state.finish();
    await first;
    await waiting;
    expect(settled).toBe(true);
    expect(state.started).toBe(1);
  });

  it('starts a new pass once the last has settled', async () => {
    const { state, pass } = heldPass();
    const passes = coalescedPass(pass, { stopped: () => false });
    const first = passes.run();
    state.finish();
    await first;
    const second = passes.run();
    expect(second).not.toBe(first);
    expect(state.started).toBe(2);
    state.finish();
    await second;
  });
});
