// One hard deadline per check (connect + redirects + body), also tripped by the caller's signal.
import { ProbeFailure, timeoutFailure } from './probe-failure.ts';

export interface Deadline {
  /** Aborts with a ProbeFailure as its reason: `timeout` when the time is up, `unknown` when cancelled. */
  readonly signal: AbortSignal;
  dispose(): void;
}

export function startDeadline(ms: number, parent?: AbortSignal): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(timeoutFailure(ms)), ms);
  const onParentAbort = () => controller.abort(new ProbeFailure('unknown', 'probe cancelled'));
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}

/** The abort reason as a ProbeFailure (reasons set by startDeadline already are). */
export function abortFailure(signal: AbortSignal): ProbeFailure {
  const reason: unknown = signal.reason;
  return reason instanceof ProbeFailure ? reason : new ProbeFailure('unknown', 'probe cancelled');
}
