// Wraps a MessagePort (handed over by the Electron preload) as a Channel to the engine.
import type { EngineChannel } from './transport.ts';
import { parseServerFrame } from './server-frame.ts';

export function messagePortChannel(port: MessagePort): EngineChannel {
  const messageListeners = new Set<Parameters<EngineChannel['onMessage']>[0]>();
  const closeListeners = new Set<() => void>();
  let closed = false;

  const fireClose = () => {
    if (closed) return;
    closed = true;
    port.onmessage = null;
    for (const listener of closeListeners) listener();
  };

  port.onmessage = (event: MessageEvent<unknown>) => {
    const frame = parseServerFrame(event.data);
    if (!frame) return;
    for (const listener of messageListeners) listener(frame);
  };
  // Chromium fires 'close' on a port whose other end went away (the engine process died).
  port.addEventListener('close', fireClose);
  port.start();

  return {
    send(frame) {
      if (!closed) port.postMessage(frame);
    },
    onMessage(listener) {
      messageListeners.add(listener);
    },
    onClose(listener) {
      closeListeners.add(listener);
    },
    close() {
      port.close();
      fireClose();
    },
  };
}
