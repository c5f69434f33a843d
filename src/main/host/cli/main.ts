// Entry point of the `cockpit` command (bin/cockpit.js loads it under Node 24's type stripping).
import { readSecret } from './read-secret.ts';
import { runCli } from './run-cli.ts';

const stopSignals = ['SIGINT', 'SIGTERM'] as const;

process.on('uncaughtException', (error) => {
  process.stderr.write(`error: unexpected failure: ${error.stack ?? error.message}\n`);
  process.exit(1);
});

const code = await runCli(process.argv.slice(2), {
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
});
process.exitCode = code;
