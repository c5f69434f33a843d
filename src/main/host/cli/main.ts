// Entry point of the `cockpit` command: bin/cockpit.js loads it from source under Node 24's type
// stripping, or its bundle (bundle-entry.ts). Imports stay few: what only some commands or only
// failures need is loaded when needed.
import { resolveDataDir } from '../../engine/kernel/data-dir.ts';
import type { CliIo } from './cli-io.ts';
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
  readSecret: async (prompt) => (await import('./read-secret.ts')).readSecret(prompt),
  untilStopped: () =>
    new Promise((resolve) => {
      for (const signal of stopSignals) process.once(signal, () => resolve());
    }),
};

// Whatever escapes a command (a bug in a callback, a rejected promise nobody awaited) still ends as
// one line naming an id in the diagnostic log, never a stack trace.
process.on('uncaughtException', (error) => {
  import('./cli-errors.ts').then(
    ({ reportCliError }) => process.exit(reportCliError(error, resolveDataDir(process.env), io)),
    () => {
      process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(70);
    },
  );
});

process.exitCode = await runCli(process.argv.slice(2), io);
