// Two connected in-memory Channels, for in-process clients and tests. Messages are structured-cloned
// and delivered asynchronously, as over a real port, so no object is shared across the boundary.
import type { Channel } from './frames.ts';

export function channelPair<A, B>(): [Channel<A, B>, Channel<B, A>] {
  const listeners: [Set<(m: B) => void>, Set<(m: A) => void>] = [new Set(), new Set()];
  const closers: [Set<() => void>, Set<() => void>] = [new Set(), new Set()];
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    for (const set of closers) for (const fn of set) fn();
  };
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
