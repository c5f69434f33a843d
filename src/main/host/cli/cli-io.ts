// What a CLI command may touch: its output streams, environment and working directory.
// Passing them in lets tests run commands in-process as well as in a real child process.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { flagErrorMessage } from './did-you-mean.ts';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Colour only for terminals, and never when NO_COLOR is set. */
  color: boolean;
  /** Resolves when the user asks a long-running command (serve) to stop. */
  untilStopped: () => Promise<void>;
  /** Calls the handler on each Ctrl+C (SIGINT) until the returned function is called. */
  onInterrupt: (handler: () => void) => () => void;
  /** Reads a secret value: from a pipe as-is, or typed at a terminal without echo. */
  readSecret: (prompt: string) => Promise<string>;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The documented exit codes (README "Exit codes"); 3 (production unhealthy) is status-command's. */
export const exitCodes = {
  ok: 0,
  /** The command ran and failed, or the engine refused it (not found, conflict, invalid config). */
  failure: 1,
  /** A bad command, flag or argument. */
  usage: 2,
  /** A deploy was blocked by its gates. */
  gateFailed: 4,
  /** The data directory or database cannot be used: locked, damaged, newer, unwritable. */
  dataUnavailable: 5,
  /** A file named on the command line cannot be read or written. */
  fileError: 6,
  /** A project's cockpit.yml is invalid (`status`, which names the file, line and column). */
  configInvalid: 7,
  /** A bug: the line names an id to find in the diagnostic log (EX_SOFTWARE). */
  internal: 70,
} as const;

export function paint(io: CliIo, code: number, text: string): string {
  return io.color ? `\u001b[${code}m${text}\u001b[0m` : text;
}

export const colors = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;

/** Parses a command's own flags; a bad flag is a usage error (exit 2) naming the closest known one. */
export function parseCommandArgs<T extends ParseArgsOptionsConfig>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(flagErrorMessage(error, [...Object.keys(options), 'help']));
  }
}
