// An in-process channel pair: the CLI and tests talk to the engine through the same frames as
// every other client, so the protocol (validation, errors) is exercised the same way everywhere.
import { createClient, type EngineClient } from '../../../shared/client.ts';
import type { Channel, ClientFrame, ServerFrame } from '../../../shared/frames.ts';
import { serveConnection } from '../../engine/connection.ts';
import type { Engine } from '../../engine/engine.ts';

export function channelPair<A, B>(): [Channel<A, B>, Channel<B, A>] {
  const listeners: [Set<(m: B) => void>, Set<(m: A) => void>] = [new Set(), new Set()];
  const closers: [Set<() => void>, Set<() => void>] = [new Set(), new Set()];
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    for (const set of closers) for (const fn of set) fn();
  };
  // structuredClone keeps the in-process path honest: no shared object references across the boundary.
  const left: Channel<A, B> = {
    send: (message) => {
      const copy = structuredClone(message);
      queueMicrotask(() => !closed && listeners[1].forEach((fn) => fn(copy)));
    },
    onMessage: (fn) => listeners[0].add(fn),
    onClose: (fn) => closers[0].add(fn),
    close,
  };
  const right: Channel<B, A> = {
    send: (message) => {
      const copy = structuredClone(message);
      queueMicrotask(() => !closed && listeners[0].forEach((fn) => fn(copy)));
    },
    onMessage: (fn) => listeners[1].add(fn),
    onClose: (fn) => closers[1].add(fn),
    close,
  };
  return [left, right];
}

export function connectInProcess(engine: Engine): EngineClient {
  const [clientSide, engineSide] = channelPair<ClientFrame, ServerFrame>();
  serveConnection(engine, engineSide, 'in-process');
  return createClient(clientSide);
}
