// Errors nothing else caught (window.onerror, unhandled promise rejections) are written to the
// engine log and shown as a dismissible notice, never as a stack trace.
import { isCockpitError } from '../../../shared/errors.ts';
import type { CockpitStore } from '../stores/cockpit-store.ts';

/** Browser noise that is not a bug in the app. */
const ignoredMessages = [/^ResizeObserver loop/, /^Script error\.?$/];

export function installGlobalErrorHandlers(store: CockpitStore): () => void {
  const report = (message: string, stack?: string) => {
    if (ignoredMessages.some((pattern) => pattern.test(message))) return;
    store.getState().reportClientError({ message, stack });
  };

  const onError = (event: ErrorEvent) => {
    const error: unknown = event.error;
    report(
      error instanceof Error ? error.message : event.message,
      error instanceof Error ? error.stack : undefined,
    );
  };

  const onRejection = (event: PromiseRejectionEvent) => {
    const reason: unknown = event.reason;
    if (isCockpitError(reason) && reason.code === 'UNAVAILABLE') {
      // A call that was in flight when the engine went away: the banner already says so.
      event.preventDefault();
      return;
    }
    if (reason instanceof Error) report(reason.message, reason.stack);
    else report(`Unhandled rejection: ${String(reason)}`);
  };

  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return () => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  };
}
