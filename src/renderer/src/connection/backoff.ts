// How long to wait before the next reconnect attempt: capped exponential backoff with jitter.

export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  /** 0.2 = each delay is randomly stretched or shrunk by up to 20 %. */
  jitter?: number;
  random?: () => number;
}

export function backoffDelay(failedAttempts: number, options: BackoffOptions = {}): number {
  const { baseMs = 500, maxMs = 15_000, jitter = 0.2, random = Math.random } = options;
  const exponential = baseMs * 2 ** Math.max(0, Math.min(failedAttempts, 20));
  const capped = Math.min(maxMs, exponential);
  const spread = 1 - jitter + random() * 2 * jitter;
  return Math.round(Math.min(maxMs, capped * spread));
}
