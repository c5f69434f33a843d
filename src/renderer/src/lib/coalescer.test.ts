// The board's refetch coalescing: bursts become one refetch, at most two a second, never overlapping.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCoalescer } from './coalescer.ts';

describe('coalescer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const timers = {
    now: () => Date.now(),
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };

  it('gathers a burst of changes into one run', async () => {
    const run = vi.fn(() => Promise.resolve());
    const coalescer = createCoalescer({ run, minIntervalMs: 500, gatherMs: 50, timers });
    for (let i = 0; i < 20; i++) coalescer.schedule();
    expect(run).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(50);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('runs at most twice a second under a steady stream of changes', async () => {
    const run = vi.fn(() => Promise.resolve());
    const coalescer = createCoalescer({ run, minIntervalMs: 500, gatherMs: 50, timers });
    // A change every 20 ms for 3 seconds.
    for (let t = 0; t < 3_000; t += 20) {
      coalescer.schedule();
      await vi.advanceTimersByTimeAsync(20);
    }
    await vi.advanceTimersByTimeAsync(1_000);
    expect(run.mock.calls.length).toBeGreaterThanOrEqual(6);
    expect(run.mock.calls.length).toBeLessThanOrEqual(7);
  });

  it('never overlaps a slow run, and follows it with one more when changes came meanwhile', async () => {
    let finish: () => void = () => {};
    let active = 0;
    let maxActive = 0;
    const run = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          active++;
          maxActive = Math.max(maxActive, active);
          finish = () => {
            active--;
            resolve();
          };
        }),
    );
    const coalescer = createCoalescer({ run, minIntervalMs: 500, gatherMs: 50, timers });
    coalescer.schedule();
    await vi.advanceTimersByTimeAsync(50);
    expect(run).toHaveBeenCalledTimes(1);
    coalescer.schedule();
    coalescer.schedule();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(run).toHaveBeenCalledTimes(1); // still running
    finish();
    await vi.advanceTimersByTimeAsync(50);
    expect(run).toHaveBeenCalledTimes(2);
    expect(maxActive).toBe(1);
    finish();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(run).toHaveBeenCalledTimes(2); // nothing changed since
  });

  it('keeps going after a failed run', async () => {
    const run = vi.fn(() => Promise.reject(new Error('offline')));
    const coalescer = createCoalescer({ run, minIntervalMs: 500, gatherMs: 50, timers });
    coalescer.schedule();
    await vi.advanceTimersByTimeAsync(50);
    coalescer.schedule();
    await vi.advanceTimersByTimeAsync(500);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('cancel drops a pending run', async () => {
    const run = vi.fn(() => Promise.resolve());
    const coalescer = createCoalescer({ run, minIntervalMs: 500, gatherMs: 50, timers });
    coalescer.schedule();
    coalescer.cancel();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(run).not.toHaveBeenCalled();
  });
});
