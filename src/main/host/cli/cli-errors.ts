// Every way a `cockpit` command can fail, turned into one line for the terminal and a documented exit
// code (README "Exit codes"): usage mistakes, refusals from the engine, a busy or damaged database,
// files that cannot be read or written — and bugs, which are logged under an id the line names.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isCockpitError } from '../../../shared/errors.ts';
import { databaseProblem, newErrorId } from '../../engine/kernel/diagnostics/boundary-error.ts';
import { createFileLogger, LOG_FILE_NAME } from '../../engine/kernel/diagnostics/logger.ts';
import { colors, exitCodes, paint, UsageError, type CliIo } from './cli-io.ts';

export interface CliFailure {
  /** What to print, after "error:" or "usage error:" — one line. */
  line: string;
  usage: boolean;
  exitCode: number;
}

/** A file named on the command line could not be read or written: exit 6, with what was being done. */
export class CliFileError extends Error {
  /** `doing`: "cannot write the report to /tmp/r.md". */
  constructor(doing: string, cause: unknown) {
    super(`${doing}: ${causeOf(cause)}`, { cause });
    this.name = 'CliFileError';
  }
}

export function describeCliError(error: unknown, dataDir: string | undefined): CliFailure {
  if (error instanceof UsageError) {
    return { line: oneLine(error.message), usage: true, exitCode: exitCodes.usage };
  }
  if (error instanceof CliFileError) return failure(error.message, exitCodes.fileError);
  if (isCockpitError(error)) {
    switch (error.code) {
      case 'INTERNAL': {
        const id = (error.details as { errorId?: unknown } | undefined)?.errorId;
        return typeof id === 'string'
          ? failure(`internal error ${id} — details in ${logFile(dataDir)}`, exitCodes.internal)
          : internalFailure(error, dataDir);
      }
      case 'DATABASE': {
        const corrupt = (error.details as { reason?: string } | undefined)?.reason === 'corrupt';
        const hint =
          corrupt && !/move-aside/.test(error.message)
            ? ' Run "cockpit db move-aside" to rename it aside.'
            : '';
        return failure(`${oneLine(error.message)}${hint}`, exitCodes.dataUnavailable);
      }
      case 'GATE_FAILED':
        return failure(oneLine(error.message), exitCodes.gateFailed);
      default:
        return failure(oneLine(error.message), exitCodes.failure);
    }
  }
  const database = databaseProblem(error);
  if (database) return failure(database.message, exitCodes.dataUnavailable);
  if (isSystemError(error)) {
    const path = error.path ?? '';
    const inDataDir =
      dataDir !== undefined &&
      path !== '' &&
      (path === dataDir || path.startsWith(`${dataDir}/`) || dataDir.startsWith(`${path}/`)); // or a parent
    return inDataDir
      ? failure(`cannot use the data directory ${dataDir}: ${systemReason(error)}`, exitCodes.dataUnavailable)
      : failure(systemReason(error), exitCodes.fileError);
  }
  return internalFailure(error, dataDir);
}

function failure(line: string, exitCode: number): CliFailure {
  return { line, usage: false, exitCode };
}

/** A bug: the details go to the diagnostic log under a new id; the line names the id and the file. */
function internalFailure(error: unknown, dataDir: string | undefined): CliFailure {
  const id = newErrorId();
  if (dataDir !== undefined) {
    try {
      const logger = createFileLogger({ dir: join(dataDir, 'logs') });
      const fields =
        error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { error };
      logger.error(`internal error ${id} in the command line`, fields);
      logger.close();
      return failure(`internal error ${id} — details in ${logFile(dataDir)}`, exitCodes.internal);
    } catch {
      // No log to write to: the line itself has to say what happened.
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return failure(
    `internal error ${id}: ${oneLine(message)} (the diagnostic log could not be written)`,
    exitCodes.internal,
  );
}

function logFile(dataDir: string | undefined): string {
  return dataDir === undefined ? 'the diagnostic log' : join(dataDir, 'logs', LOG_FILE_NAME);
}

function oneLine(text: string): string {
  return text
    .trim()
    .split(/\s*\n\s*/)
    .join(' ');
}

interface SystemError extends Error {
  code: string;
  syscall?: string;
  path?: string;
  dest?: string;
  hostname?: string;
}

function isSystemError(error: unknown): error is SystemError {
  return (
    error instanceof Error &&
    typeof (error as { code?: unknown }).code === 'string' &&
    /^E[A-Z]+$/.test((error as SystemError).code)
  );
}

const actions: Record<string, string> = {
  open: 'open',
  read: 'read',
  write: 'write',
  mkdir: 'create the folder',
  rmdir: 'remove the folder',
  scandir: 'read the folder',
  opendir: 'read the folder',
  unlink: 'remove',
  rename: 'rename',
  copyfile: 'copy',
  stat: 'read',
  lstat: 'read',
  access: 'read',
  chmod: 'change the permissions of',
  getaddrinfo: 'find the address of',
  listen: 'listen on',
  connect: 'connect to',
};

const reasons: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  EEXIST: 'it already exists',
  ENOTEMPTY: 'the folder is not empty',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EBUSY: 'it is busy',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  EIO: 'an input/output error',
  ENOTFOUND: 'no such host',
  EADDRINUSE: 'the address is already in use',
  EADDRNOTAVAIL: 'that address is not one of this machine',
  ECONNREFUSED: 'the connection was refused',
};

/** "cannot open /missing/dir/r.md: the folder /missing/dir does not exist", from a Node system error. */
export function systemReason(error: unknown): string {
  if (!isSystemError(error)) return causeOf(error);
  const target = error.path ?? error.hostname ?? '';
  const action = actions[error.syscall ?? ''] ?? 'use';
  return target ? `cannot ${action} ${target}: ${causeOf(error)}` : causeOf(error);
}

/** Why a system call failed, in words: "permission denied", "the folder /x does not exist". */
export function causeOf(error: unknown): string {
  if (!isSystemError(error)) return oneLine(error instanceof Error ? error.message : String(error));
  const target = error.path ?? '';
  if (error.code === 'ENOENT' && target && !existsSync(dirname(target))) {
    return `the folder ${dirname(target)} does not exist`;
  }
  return reasons[error.code] ?? oneLine(error.message);
}

/** Prints the failure as one line on stderr and returns its exit code. */
export function reportCliError(error: unknown, dataDir: string | undefined, io: CliIo): number {
  const failed = describeCliError(error, dataDir);
  io.stderr(
    failed.usage
      ? `${paint(io, colors.red, 'usage error:')} ${failed.line} (see "cockpit --help")\n`
      : `${paint(io, colors.red, 'error:')} ${failed.line}\n`,
  );
  return failed.exitCode;
}
