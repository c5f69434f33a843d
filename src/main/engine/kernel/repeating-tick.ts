// Background work that repeats: each tick starts `everyMs` after the previous one settled (so ticks
// never overlap), on an unref'd timer (the cockpit's other work keeps the process alive; a
// background loop alone should not). Used by the environment monitor and the pipeline triggers.

export interface RepeatingTick {
  /** Started and not stopped since. */
  readonly running: boolean;
  /** Starts the chain of timers; false (and nothing done) when it is already running. */
  start(): boolean;
  /** Ends the chain: a tick under way finishes, no other follows. */
  stop(): void;
}

export function repeatingTick(tick: () => Promise<void>, everyMs: number): RepeatingTick {
  let timer: NodeJS.Timeout | null = null;
  /** Bumped by start and stop, so a chain from before a restart ends. */
  let generation = 0;

  function next(chain: number) {
    timer = setTimeout(() => {
      if (chain !== generation) return;
      void tick().finally(() => {
        if (chain === generation) next(chain);
      });
    }, everyMs);
    timer.unref();
  }

  return {
    get running() {
      return timer !== null;
    },
    start() {
      if (timer !== null) return false;
      generation += 1;
      next(generation);
      return true;
    },
    stop() {
      generation += 1;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
