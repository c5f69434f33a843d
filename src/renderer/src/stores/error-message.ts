// Turns anything thrown by an engine call into a sentence for people: engine errors are written
// for humans already; anything else is a bug in the window, described without internals.
import { isCockpitError, type ErrorCode } from '../../../shared/errors.ts';

export interface ShownError {
  code: ErrorCode | 'CLIENT';
  message: string;
}

export function shownError(error: unknown): ShownError {
  if (isCockpitError(error)) return { code: error.code, message: error.message };
  return {
    code: 'CLIENT',
    message: 'Something unexpected went wrong in the window. Details are in the log.',
  };
}

export function humanMessage(error: unknown): string {
  return shownError(error).message;
}
