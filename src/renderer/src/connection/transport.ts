// A transport hands the connection live channels to the engine: a WebSocket in a browser,
// a MessagePort in Electron. It owns how channels are (re)obtained; the connection owns the client.
import type { Channel, ClientFrame, ServerFrame } from '../../../shared/frames.ts';

export type EngineChannel = Channel<ClientFrame, ServerFrame>;

export type TransportKind = 'electron' | 'web';

export interface TransportSink {
  /** A new live channel. In Electron a new one may arrive while the old one still looks open. */
  connected(channel: EngineChannel): void;
  /** No live channel. `retryAt` is when the transport tries again (null: it waits to be handed one). */
  waiting(retryAt: number | null, failedAttempts: number): void;
}

export interface Transport {
  readonly kind: TransportKind;
  /** Starts obtaining channels; returns a function that stops for good. */
  start(sink: TransportSink): () => void;
  /** Skips the wait before the next attempt (no-op while connected). */
  retryNow(): void;
}
