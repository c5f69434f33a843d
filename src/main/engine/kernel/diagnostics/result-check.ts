// Results are checked against the protocol's result schemas where a mismatch should be loud: in
// tests (vitest sets VITEST) and when COCKPIT_CHECK_RESULTS=1 (the e2e web host, development). A
// packaged app skips the check: a client must never lose an answer over a schema detail.
import { methods, type MethodName } from '../../../../shared/protocol.ts';

export function resultCheckEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.COCKPIT_CHECK_RESULTS !== undefined) return env.COCKPIT_CHECK_RESULTS === '1';
  return env.VITEST !== undefined;
}

export class ResultSchemaError extends Error {
  readonly method: MethodName;
  readonly issues: { path: string; message: string }[];

  constructor(method: MethodName, issues: { path: string; message: string }[]) {
    super(
      `${method} returned a result that does not match its schema: ${issues
        .slice(0, 5)
        .map((issue) => `${issue.path || '(result)'}: ${issue.message}`)
        .join('; ')}`,
    );
    this.name = 'ResultSchemaError';
    this.method = method;
    this.issues = issues;
  }
}

/** Throws ResultSchemaError (an internal error: the engine broke its own promise) on a mismatch. */
export function assertResultMatchesSchema(method: MethodName, result: unknown): void {
  const checked = methods[method].result.safeParse(result ?? null);
  if (checked.success) return;
  throw new ResultSchemaError(
    method,
    checked.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  );
}
