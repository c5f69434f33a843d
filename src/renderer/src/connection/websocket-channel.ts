// Dials the web host's WebSocket and, once it is open, wraps it as a Channel (JSON text frames).
import { channelFromEndpoint } from '../../../shared/channel-adapter.ts';
import type { ClientFrame, ServerFrame } from '../../../shared/frames.ts';
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
  let abandoned = false;

  socket.onopen = () => {
    if (abandoned) return;
    socket.onclose = null;
    handlers.opened(webSocketChannel(socket));
  };
  socket.onclose = () => {
    if (!abandoned) handlers.failed();
  };

  return () => {
    abandoned = true;
    socket.close();
  };
}

function webSocketChannel(socket: WebSocket): EngineChannel {
  return channelFromEndpoint<ClientFrame, ServerFrame>(
    {
      post: (frame) => {
        if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
      },
      subscribe: (deliver) => {
        socket.onmessage = (event: MessageEvent<unknown>) => {
          if (typeof event.data !== 'string') return;
          let raw: unknown;
          try {
            raw = JSON.parse(event.data);
          } catch {
            console.warn('The engine sent a WebSocket message that is not JSON.');
            return;
          }
          deliver(raw);
        };
      },
      onClose: (closed) => {
        socket.onclose = closed;
      },
      close: () => socket.close(),
    },
    { accept: (raw) => parseServerFrame(raw) ?? undefined },
  );
}
