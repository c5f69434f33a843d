// What a client is told when a call fails. Errors meant for people (CockpitError with any code but
// INTERNAL) pass as they are; a busy, full or damaged database becomes DATABASE with a plain reason;
// everything else is an internal error: logged in full under a short id, and the client gets the id
// only — never a raw message, path, SQL or stack from inside the engine.
import { randomBytes } from 'node:crypto';
import { CockpitError, isCockpitError } from '../../../../shared/errors.ts';
import type { Logger } from './logger.ts';

/** "E-7f3a09c2": short enough to read out, random enough to find in a log. */
export function newErrorId(): string {
  return `E-${randomBytes(4).toString('hex')}`;
}

/** The message every INTERNAL error carries to clients (hosts that know the log's path may say it). */
export function internalErrorMessage(errorId: string): string {
  return `Internal error ${errorId}. The details are in the cockpit's diagnostic log.`;
}

/** Logs `error` under a new id and returns the INTERNAL error to give to the client. */
export function internalError(logger: Logger, error: unknown, context: string): CockpitError {
  const errorId = newErrorId();
  logger.error(`internal error ${errorId}: ${context}`, { error: describe(error) });
  return new CockpitError('INTERNAL', internalErrorMessage(errorId), { errorId });
}

export function toBoundaryError(error: unknown, logger: Logger, context: string): CockpitError {
  if (isCockpitError(error) && error.code !== 'INTERNAL') return error;
  const database = databaseProblem(error);
  if (database) {
    logger.warn(`${context}: ${database.message}`, { error: describe(error) });
    return database;
  }
  return internalError(logger, error, context);
}

/** SQLite failures a person can act on, as DATABASE errors; null for anything else. */
export function databaseProblem(error: unknown): CockpitError | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  const reason = (text: string, kind: string) => new CockpitError('DATABASE', text, { reason: kind });
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return reason(
      'The database is locked by another process (another cockpit, or a tool holding it open). Try again in a moment.',
      'busy',
    );
  }
  if (code === 'SQLITE_FULL') return reason('The disk holding the database is full.', 'full');
  if (code.startsWith('SQLITE_READONLY')) {
    return reason('The database cannot be written (read-only file, folder or disk).', 'readonly');
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return reason(
      'The database is damaged. Run "cockpit db move-aside" to start fresh (nothing is deleted).',
      'corrupt',
    );
  }
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) {
    return reason('The database could not be read or written (a disk or file system error).', 'io');
  }
  return null;
}

/** Errors as log fields: name, message, code, stack (CockpitErrors keep their details). */
function describe(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  return {
    name: error.name,
    message: error.message,
    code: (error as { code?: unknown }).code,
    details: isCockpitError(error) ? error.details : undefined,
    stack: error.stack,
  };
}
