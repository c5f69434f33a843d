// Turns a stream of "something changed" into few refetches: the first change waits a moment to
// gather its burst, later ones keep at least `minIntervalMs` between starts, a refetch never
// overlaps the previous one, and a change during a refetch always leads to one more afterwards.
export interface CoalescerTimers {
  now: () => number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export interface CoalescerOptions {
  run: () => Promise<void>;
  /** At least this long between the starts of two runs (500 ms: at most 2 a second). */
  minIntervalMs: number;
  /** How long the first change waits for the rest of its burst. */
  gatherMs: number;
  timers?: CoalescerTimers;
}

export interface Coalescer {
  /** Something changed: run soon (never more often than allowed). */
  schedule: () => void;
  /** Forget any pending run (a run in flight finishes, but nothing follows it). */
  cancel: () => void;
}

const realTimers: CoalescerTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createCoalescer({
  run,
  minIntervalMs,
  gatherMs,
  timers = realTimers,
}: CoalescerOptions): Coalescer {
  let timer: unknown = undefined;
  let running = false;
  /** A change arrived while running: schedule again when it finishes. */
  let dirty = false;
  let lastStart = -Infinity;

  const start = () => {
    timer = undefined;
    running = true;
    dirty = false;
    lastStart = timers.now();
    run()
      .catch(() => {
        // The run reports its own errors as state; a failure must not stop later refetches.
      })
      .finally(() => {
        running = false;
        if (dirty) schedule();
      });
  };

  function schedule() {
    if (running) {
      dirty = true;
      return;
    }
    if (timer !== undefined) return;
    const wait = Math.max(gatherMs, lastStart + minIntervalMs - timers.now());
    timer = timers.setTimeout(start, wait);
  }

  return {
    schedule,
    cancel() {
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      dirty = false;
    },
  };
}
