// The one Channel implementation. Every transport (an Electron MessagePort on either side, the web
// host's and the browser's WebSocket, the in-process pair) only describes its medium as an endpoint;
// the behaviour clients and the engine rely on lives here once: nothing is sent or delivered after
// close, close listeners run exactly once (and at once if the channel is already closed), and a
// listener that throws cannot keep a message from the others.
import type { Channel } from './frames.ts';

/** A medium, described as small as possible: how to post, how messages arrive, how it ends. */
export interface ChannelEndpoint<Out> {
  /** Hands one message to the other side (serialising it if the medium carries text). */
  post(message: Out): void;
  /** Starts delivery: `deliver` gets each incoming message as it arrived (decoded, not yet checked). */
  subscribe(deliver: (raw: unknown) => void): void;
  /** `closed` runs when the medium ends (the other side went away, or after close()). */
  onClose(closed: () => void): void;
  /** Ends the medium. The adapter calls it at most once. */
  close(): void;
}

export interface ChannelOptions<In> {
  /** Checks an incoming message; undefined drops it (the checker says why, if anyone should know). */
  accept?: (raw: unknown) => In | undefined;
  /** Where a throwing listener's error goes; by default it is rethrown on its own task (uncaught). */
  onListenerError?: (error: unknown) => void;
}

export function channelFromEndpoint<Out, In>(
  endpoint: ChannelEndpoint<Out>,
  options: ChannelOptions<In> = {},
): Channel<Out, In> {
  const accept = options.accept ?? ((raw: unknown) => raw as In);
  const onListenerError = options.onListenerError ?? rethrowLater;
  const messageListeners = new Set<(message: In) => void>();
  const closeListeners = new Set<() => void>();
  let closed = false;

  const runAll = <T>(listeners: Iterable<(value: T) => void>, value: T) => {
    for (const listener of [...listeners]) {
      try {
        listener(value);
      } catch (error) {
        onListenerError(error);
      }
    }
  };

  const markClosed = () => {
    if (closed) return;
    closed = true;
    messageListeners.clear();
    const listeners = [...closeListeners];
    closeListeners.clear();
    runAll<void>(listeners, undefined);
  };

  endpoint.subscribe((raw) => {
    if (closed) return;
    const message = accept(raw);
    if (message !== undefined) runAll(messageListeners, message);
  });
  endpoint.onClose(markClosed);

  return {
    send(message) {
      if (!closed) endpoint.post(message);
    },
    onMessage(listener) {
      if (!closed) messageListeners.add(listener);
    },
    onClose(listener) {
      if (closed) runAll<void>([listener], undefined);
      else closeListeners.add(listener);
    },
    close() {
      if (closed) return;
      markClosed();
      endpoint.close();
    },
  };
}

function rethrowLater(error: unknown): void {
  setTimeout(() => {
    throw error;
  });
}
