// A banner under the header whenever the engine is not connected, with a "Retry now" in browsers.
import { useCockpit } from '../stores/store-context.tsx';
import { Spinner } from '../components/Spinner.tsx';
import { useNow } from '../lib/use-now.ts';
import { connectionSentence, SUGGEST_NEW_URL_AFTER } from './connection-text.ts';

export function ConnectionBanner() {
  const connection = useCockpit((state) => state.connection);
  const retry = useCockpit((state) => state.retryConnection);
  const now = useNow(1_000);
  const visible = connection.status !== 'connected';

  return (
    <div className="connection-banner-slot" role="status" aria-live="polite">
      {visible ? (
        <div className="connection-banner" data-testid="connection-banner">
          <Spinner />
          <span>{connectionSentence(connection, now)}</span>
          {connection.transport === 'web' && connection.failedAttempts >= SUGGEST_NEW_URL_AFTER ? (
            <span className="connection-banner-hint">
              If <code>cockpit serve</code> was restarted, open the new address it printed.
            </span>
          ) : null}
          {connection.transport === 'web' && connection.retryAt !== null ? (
            <button type="button" className="button button-small button-link" onClick={retry}>
              Retry now
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
