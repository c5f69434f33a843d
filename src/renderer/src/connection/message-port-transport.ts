// The Electron transport: the preload posts the engine's MessagePort to this window. A later port
// (the engine process was restarted) replaces the current one, which the connection treats as a reconnect.
import { ENGINE_LOST_MESSAGE, ENGINE_PORT_MESSAGE } from '../../../shared/engine-port.ts';
import { messagePortChannel } from './message-port-channel.ts';
import type { EngineChannel, Transport } from './transport.ts';

// The preload posts ENGINE_PORT_MESSAGE with the port in `event.ports[0]`, and ENGINE_LOST_MESSAGE
// when the engine process died (Chromium fires no 'close' on a port whose other end is gone).
export function messagePortTransport(): Transport {
  let current: EngineChannel | undefined;

  return {
    kind: 'electron',
    start(sink) {
      const onMessage = (event: MessageEvent<unknown>) => {
        if (event.source !== window) return;
        if (event.data === ENGINE_LOST_MESSAGE) {
          current?.close();
          return;
        }
        if (event.data !== ENGINE_PORT_MESSAGE) return;
        const port = event.ports[0];
        if (!port) return;
        const channel = messagePortChannel(port);
        current = channel;
        channel.onClose(() => {
          // A replaced port closing is part of the swap, not a disconnect.
          if (current !== channel) return;
          current = undefined;
          sink.waiting(null, 0);
        });
        sink.connected(channel);
      };
      window.addEventListener('message', onMessage);
      return () => {
        window.removeEventListener('message', onMessage);
      };
    },
    // Main hands every window a fresh port as soon as the engine is back; there is nothing to ask for.
    retryNow: () => {},
  };
}
