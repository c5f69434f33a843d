// Main-process errors are logged and shown in plain words; the app keeps running instead of vanishing.
import { app, dialog } from 'electron';
import type { Logger } from '../engine/kernel/diagnostics/logger.ts';

/** At most one error box per this many milliseconds, so a loop of errors cannot bury the user. */
const ERROR_BOX_INTERVAL_MS = 10_000;

export function installErrorReporting(logger: Logger, logsDir: string): void {
  let lastShown = -Infinity;
  const report = (what: string, error: unknown) => {
    logger.error(what, { error });
    if (Date.now() - lastShown < ERROR_BOX_INTERVAL_MS) return;
    lastShown = Date.now();
    const message = error instanceof Error ? error.message : String(error);
    dialog.showErrorBox(
      'Release Cockpit hit an unexpected problem',
      `${message}\n\nThe app keeps running. Details are in the log files in ${logsDir}.`,
    );
  };
  process.on('uncaughtException', (error) => report('uncaught exception in the main process', error));
  process.on('unhandledRejection', (reason) => report('unhandled rejection in the main process', reason));
  app.on('child-process-gone', (_event, details) => {
    if (details.reason !== 'clean-exit') logger.warn('a helper process ended', { ...details });
  });
}
