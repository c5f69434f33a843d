// Picks the transport from how the page was opened: `?host=electron` inside the desktop app,
// otherwise the web host's WebSocket on the same origin.
import { messagePortTransport } from './message-port-transport.ts';
import type { Transport } from './transport.ts';
import { webSocketTransport } from './websocket-transport.ts';

export function selectTransport(location: Location): Transport {
  if (new URLSearchParams(location.search).get('host') === 'electron') return messagePortTransport();
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return webSocketTransport(`${scheme}://${location.host}/api`);
}
