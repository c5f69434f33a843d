// What one check (http or tcp) found; probe-environment folds these into a ProbeOutcome.
import type { ErrorClass } from '../../../../shared/domain/environment.ts';
import type { HttpExchange } from './http-exchange.ts';

export type CheckState = 'up' | 'degraded' | 'down';

export interface CheckResult {
  state: CheckState;
  errorClass: ErrorClass | null;
  error: string | null;
  /** Final status (after redirects); null for tcp or when no response came. */
  statusCode: number | null;
  /** Time to response headers of the first request (http) or to connect (tcp); null if neither happened. */
  latencyMs: number | null;
  certExpiresAt: number | null;
  /** The last response received, for LastResponse and version extraction. */
  exchange: HttpExchange | null;
  /** Secret values sent by this check, to be masked in what is reported. */
  secretValues: string[];
}

export const stateRank: Record<CheckState, number> = { up: 0, degraded: 1, down: 2 };
