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

/**
 * 3 (production unhealthy) is status-command's; 4: a deploy was blocked by its gates; 5: a project's
 * cockpit.yml is invalid (`status`, which names the file, line and column).
 */
export const exitCodes = { ok: 0, failure: 1, usage: 2, gateFailed: 4, configInvalid: 5 } as const;

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
