// Entry point of the `cockpit` command (bin/cockpit.js loads it under Node 24's type stripping).
import { resolveDataDir } from '../../engine/data-dir.ts';
import { reportCliError } from './cli-errors.ts';
import type { CliIo } from './cli-io.ts';
import { readSecret } from './read-secret.ts';
import { runCli } from './run-cli.ts';

const stopSignals = ['SIGINT', 'SIGTERM'] as const;

const io: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  color: process.stdout.isTTY === true && !process.env.NO_COLOR,
  onInterrupt: (handler) => {
    process.on('SIGINT', handler);
    return () => process.off('SIGINT', handler);
  },
  readSecret: (prompt) => readSecret(prompt),
  untilStopped: () =>
    new Promise((resolve) => {
      for (const signal of stopSignals) process.once(signal, () => resolve());
    }),
};

// Whatever escapes a command (a bug in a callback, a rejected promise nobody awaited) still ends as
// one line naming an id in the diagnostic log, never a stack trace.
process.on('uncaughtException', (error) => {
  process.exit(reportCliError(error, resolveDataDir(process.env), io));
});

process.exitCode = await runCli(process.argv.slice(2), io);
