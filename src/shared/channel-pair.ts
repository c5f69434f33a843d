// Two connected in-memory Channels, for in-process clients and tests. Messages are structured-cloned
// and delivered asynchronously, as over a real port, so no object is shared across the boundary.
import { channelFromEndpoint, type ChannelEndpoint } from './channel-adapter.ts';
import type { Channel } from './frames.ts';

export function channelPair<A, B>(): [Channel<A, B>, Channel<B, A>] {
  const deliverTo: [(raw: unknown) => void, (raw: unknown) => void] = [() => {}, () => {}];
  const closers = new Set<() => void>();
  let closed = false;
  const closeBoth = () => {
    if (closed) return;
    closed = true;
    for (const closer of closers) closer();
  };
  const end = <Out>(side: 0 | 1): ChannelEndpoint<Out> => ({
    post: (message) => {
      const copy = structuredClone(message);
      queueMicrotask(() => !closed && deliverTo[side === 0 ? 1 : 0](copy));
    },
    subscribe: (deliver) => void (deliverTo[side] = deliver),
    onClose: (closer) => void closers.add(closer),
    close: closeBoth,
  });
  return [channelFromEndpoint<A, B>(end<A>(0)), channelFromEndpoint<B, A>(end<B>(1))];
}
