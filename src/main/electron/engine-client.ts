// Main's own connection to the engine (for the tray): a MessagePort like a window's, wrapped in the
// typed client. Reconnected by the engine host whenever the engine process (re)starts.
import type { MessagePortMain } from 'electron';
import { createClient, type EngineClient } from '../../shared/client.ts';
import type { Channel, ClientFrame, ServerFrame } from '../../shared/frames.ts';

export function clientOverPort(port: MessagePortMain): EngineClient {
  const closeListeners = new Set<() => void>();
  const channel: Channel<ClientFrame, ServerFrame> = {
    send: (frame) => port.postMessage(frame),
    onMessage: (listener) => port.on('message', (event) => listener(event.data as ServerFrame)),
    onClose: (listener) => void closeListeners.add(listener),
    close: () => port.close(),
  };
  port.on('close', () => {
    for (const listener of closeListeners) listener();
  });
  port.start();
  return createClient(channel);
}
