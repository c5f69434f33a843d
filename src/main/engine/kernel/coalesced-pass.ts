// Background passes that never overlap and never pile up: asked while a pass runs, the answer is
// that pass, and one more pass runs after it (however many times it was asked meanwhile).
// Used by notification delivery and the auto-deploy rules, which events wake at any rate.

export interface CoalescedPass {
  /** Runs a pass now, or asks for one more after the one running; resolves when they are done. */
  run: () => Promise<void>;
  /** Settles when the pass running now (and the one asked for after it) is done. */
  settled: () => Promise<void>;
}

/**
 * `pass` behind `run()`. A pass asked for while one runs follows it unless `stopped()` says
 * otherwise by then; `afterwards` runs once the passes stop (to schedule the next, say).
 */
export function coalescedPass(
  pass: () => Promise<void>,
  options: { stopped(): boolean; afterwards?(): void },
): CoalescedPass {
  let running: Promise<void> | null = null;
  let again = false;
  return {
    run: () => {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        do {
          again = false;
          await pass();
        } while (again && !options.stopped());
      })().finally(() => {
        running = null;
        options.afterwards?.();
      });
      return running;
    },
    settled: async () => {
      await running;
    },
  };
}
