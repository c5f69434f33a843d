// Words for the connection state, shared by the header indicator and the banner.
import type { ConnectionState } from '../stores/app/connection-slice.ts';

export function connectionLabel(status: ConnectionState['status']): string {
  if (status === 'connected') return 'Connected';
  if (status === 'connecting') return 'Connecting…';
  return 'Reconnecting…';
}

/** A sentence for the banner; `now` drives the "in 3 s" countdown. */
export function connectionSentence(state: ConnectionState, now: number): string {
  const countdown =
    state.retryAt === null
      ? ''
      : ` Trying again in ${Math.max(0, Math.ceil((state.retryAt - now) / 1000))} s.`;
  if (state.transport === 'electron') {
    return state.status === 'connecting'
      ? 'Starting the engine…'
      : 'The engine stopped. Waiting for it to restart…';
  }
  if (state.status === 'connecting') {
    return state.failedAttempts === 0 ? 'Connecting to the engine…' : `Cannot reach the engine.${countdown}`;
  }
  return state.failedAttempts === 0
    ? 'Lost the connection to the engine. Reconnecting…'
    : `Lost the connection to the engine.${countdown}`;
}

/** After this many failures in a browser, the server was probably restarted with a new token. */
export const SUGGEST_NEW_URL_AFTER = 3;
