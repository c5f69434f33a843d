// Wraps a MessagePort (handed over by the Electron preload) as a Channel to the engine.
import { channelFromEndpoint } from '../../../shared/channel-adapter.ts';
import type { ClientFrame, ServerFrame } from '../../../shared/frames.ts';
import type { EngineChannel } from './transport.ts';
import { parseServerFrame } from './server-frame.ts';

export function messagePortChannel(port: MessagePort): EngineChannel {
  const channel = channelFromEndpoint<ClientFrame, ServerFrame>(
    {
      post: (frame) => port.postMessage(frame),
      subscribe: (deliver) => {
        port.onmessage = (event: MessageEvent<unknown>) => deliver(event.data);
      },
      // Chromium fires 'close' on a port whose other end went away (the engine process died).
      onClose: (closed) => port.addEventListener('close', closed),
      close: () => {
        port.onmessage = null;
        port.close();
      },
    },
    { accept: (raw) => parseServerFrame(raw) ?? undefined },
  );
  port.start();
  return channel;
}
