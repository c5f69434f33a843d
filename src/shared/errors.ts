// Errors cross every boundary as plain data and are rebuilt as real errors on the other side,
// so no client ever shows "Error invoking remote method" or a stack trace.
import { z } from 'zod';

export const errorCodes = [
  'BAD_REQUEST', // params failed validation
  'UNKNOWN_METHOD',
  'NOT_FOUND',
  'CONFLICT',
  'CONFIG_MISSING', // folder has no cockpit.yml (details.canCreate)
  'CONFIG_INVALID', // cockpit.yml failed to parse or validate (details.file/line/col)
  'DATABASE', // the database could not be opened or is from a newer version
  'UNAVAILABLE', // the engine is closed or the connection dropped
  'CANCELLED',
  'GATE_FAILED', // a deploy's gates did not pass (details.gates: each gate with passed and why)
  'SECRETS', // secrets cannot be used: the key is missing, too open or damaged, or a value does not decrypt
  'INTERNAL', // a bug: the message carries only an id (details.errorId); the details are in the log
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const errorDataSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  details: z.unknown().optional(),
});

export type ErrorData = z.infer<typeof errorDataSchema>;

export class CockpitError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'CockpitError';
    this.code = code;
    this.details = details;
  }

  toData(): ErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** One thing wrong with a request: where (a dotted path into the params; '' for the whole) and what. */
export const requestIssueSchema = z.object({ path: z.string(), message: z.string() });
export type RequestIssue = z.infer<typeof requestIssueSchema>;

/** Every BAD_REQUEST carries its issues (and may add facts beside them). */
export const badRequestDetailsSchema = z.looseObject({ issues: z.array(requestIssueSchema).min(1) });

/** The one way to refuse a request: the message for people, the issues for forms and scripts. */
export function badRequest(
  message: string,
  issues: RequestIssue[],
  facts: Record<string, unknown> = {},
): CockpitError {
  return new CockpitError('BAD_REQUEST', message, { ...facts, issues });
}

/** The issues of a BAD_REQUEST; empty for any other error or a malformed one. */
export function requestIssues(error: unknown): RequestIssue[] {
  if (!isCockpitError(error) || error.code !== 'BAD_REQUEST') return [];
  const parsed = badRequestDetailsSchema.safeParse(error.details);
  return parsed.success ? parsed.data.issues : [];
}

export function isCockpitError(error: unknown): error is CockpitError {
  return error instanceof CockpitError;
}

export function fromErrorData(data: ErrorData): CockpitError {
  return new CockpitError(data.code, data.message, data.details);
}
