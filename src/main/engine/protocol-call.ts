// The protocol boundary of the engine: a method call is checked against the protocol table, handled,
// its result checked against its schema (in tests), and any error turned into one CockpitError shape.
import { badRequest, CockpitError } from '../../shared/errors.ts';
import { isMethodName, methods } from '../../shared/protocol.ts';
import { toBoundaryError } from './kernel/diagnostics/boundary-error.ts';
import type { Logger } from './kernel/diagnostics/logger.ts';
import { assertResultMatchesSchema } from './kernel/diagnostics/result-check.ts';
import type { Handlers } from './handlers.ts';

/** A call slower than this is logged as a warning. */
const SLOW_CALL_MS = 200;

export interface ProtocolCallDeps {
  handlers: Handlers;
  logger: Logger;
  /** Check every result against its protocol schema. */
  checkResults: boolean;
  /** Whether the engine has shut down (then every call is UNAVAILABLE). */
  closed(): boolean;
}

export type ProtocolCall = (method: string, params: unknown, signal?: AbortSignal) => Promise<unknown>;

export function createProtocolCall(deps: ProtocolCallDeps): ProtocolCall {
  const { handlers, logger, checkResults } = deps;
  async function call(
    method: string,
    params: unknown,
    signal = new AbortController().signal,
  ): Promise<unknown> {
    if (deps.closed()) throw new CockpitError('UNAVAILABLE', 'The engine has shut down.');
    if (!isMethodName(method)) {
      throw new CockpitError('UNKNOWN_METHOD', `There is no method "${method}".`, { method });
    }
    const parsed = methods[method].params.safeParse(params);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({
        path: issue.path.join('.'),
        message: issue.message,
      }));
      const summary = issues
        .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
        .join('; ');
      throw badRequest(`Invalid parameters for ${method}: ${summary}`, issues, { method });
    }
    const started = performance.now();
    try {
      const handler = handlers[method] as (params: unknown, context: { signal: AbortSignal }) => unknown;
      const result = await handler(parsed.data, { signal });
      if (checkResults) assertResultMatchesSchema(method, result);
      return result;
    } catch (error) {
      throw toBoundaryError(error, logger, `${method} failed`);
    } finally {
      const elapsed = performance.now() - started;
      if (elapsed > SLOW_CALL_MS) logger.warn('slow engine call', { method, ms: Math.round(elapsed) });
    }
  }

  return call;
}
