// Dials the web host's WebSocket and, once it is open, wraps it as a Channel (JSON text frames).
import type { EngineChannel } from './transport.ts';
import { parseServerFrame } from './server-frame.ts';

export interface DialHandlers {
  /** The socket opened; the channel is live until its onClose listeners run. */
  opened(channel: EngineChannel): void;
  /** The socket closed before it ever opened. */
  failed(): void;
}

/** Starts one connection attempt; the returned function abandons it. */
export function dialWebSocket(url: string, handlers: DialHandlers): () => void {
  const socket = new WebSocket(url);
  const messageListeners = new Set<Parameters<EngineChannel['onMessage']>[0]>();
  const closeListeners = new Set<() => void>();
  let opened = false;
  let abandoned = false;

  const channel: EngineChannel = {
    send(frame) {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
    },
    onMessage(listener) {
      messageListeners.add(listener);
    },
    onClose(listener) {
      closeListeners.add(listener);
    },
    close() {
      socket.close();
    },
  };

  socket.onopen = () => {
    if (abandoned) return;
    opened = true;
    handlers.opened(channel);
  };
  socket.onmessage = (event: MessageEvent<unknown>) => {
    if (typeof event.data !== 'string') return;
    let raw: unknown;
    try {
      raw = JSON.parse(event.data);
    } catch {
      console.warn('The engine sent a WebSocket message that is not JSON.');
      return;
    }
    const frame = parseServerFrame(raw);
    if (!frame) return;
    for (const listener of messageListeners) listener(frame);
  };
  socket.onclose = () => {
    if (abandoned) return;
    if (!opened) {
      handlers.failed();
      return;
    }
    for (const listener of closeListeners) listener();
  };

  return () => {
    abandoned = true;
    socket.close();
  };
}
