// How long a failed delivery waits before its next attempt: exponential backoff, capped.
export interface RetryPolicy {
  /** Attempts in all, the first included; then the delivery is given up as failed. */
  maxAttempts: number;
  /** The wait after the first failed attempt; each later one waits three times as long. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** The wait after failed attempt number `attempt` (1 = the first). */
export function retryDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.baseDelayMs * 3 ** Math.max(attempt - 1, 0), policy.maxDelayMs);
}
