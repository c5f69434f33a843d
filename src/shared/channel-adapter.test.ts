// The one Channel implementation, over a real MessageChannel (Node's global one: a medium with its
// own close event, like Electron's and Chromium's ports) and over the in-memory pair.
import { describe, expect, it } from 'vitest';
import { channelFromEndpoint, type ChannelOptions } from './channel-adapter.ts';
import { channelPair } from './channel-pair.ts';
import type { Channel } from './frames.ts';

type Port = InstanceType<typeof MessageChannel>['port1'];

function overPort<In>(port: Port, options?: ChannelOptions<In>): Channel<unknown, In> {
  const channel = channelFromEndpoint<unknown, In>(
    {
      post: (message) => port.postMessage(message),
      subscribe: (deliver) =>
        port.addEventListener('message', (event) => deliver((event as MessageEvent).data)),
      onClose: (closed) => port.addEventListener('close', closed),
      close: () => port.close(),
    },
    options,
  );
  port.start();
  return channel;
}

const nextMessage = <In>(channel: Channel<unknown, In>) =>
  new Promise<In>((resolve) => channel.onMessage(resolve));
const closing = (channel: Channel<unknown, unknown>) =>
  new Promise<void>((resolve) => channel.onClose(resolve));

describe('channelFromEndpoint', () => {
  it('carries messages both ways and drops those `accept` refuses', async () => {
    const { port1, port2 } = new MessageChannel();
    const numbersOnly = (raw: unknown) => (typeof raw === 'number' ? raw : undefined);
    const left = overPort(port1, { accept: numbersOnly });
    const right = overPort<unknown>(port2);

    const received = nextMessage(left);
    left.send({ hello: 'right' });
    expect(await nextMessage(right)).toEqual({ hello: 'right' });
    right.send('not a number');
    right.send(42);
    expect(await received).toBe(42);
    left.close();
  });

  it('closes once: both ends hear it, nothing is sent or delivered afterwards, late listeners run at once', async () => {
    const { port1, port2 } = new MessageChannel();
    const left = overPort<unknown>(port1);
    const right = overPort<unknown>(port2);
    let leftCloses = 0;
    left.onClose(() => leftCloses++);
    const delivered: unknown[] = [];
    left.onMessage((message) => delivered.push(message));

    const rightClosed = closing(right);
    left.close();
    left.close();
    await rightClosed;
    expect(leftCloses).toBe(1);

    left.send('after close'); // must not throw on a closed port
    right.send('after close');
    let lateListenerRan = false;
    left.onClose(() => (lateListenerRan = true));
    expect(lateListenerRan).toBe(true);
    expect(leftCloses).toBe(1);
    expect(delivered).toEqual([]);
  });

  it('a listener that throws does not keep the message from the others, and its error is reported', async () => {
    const { port1, port2 } = new MessageChannel();
    const errors: unknown[] = [];
    const left = overPort<unknown>(port1, { onListenerError: (error) => errors.push(error) });
    const right = overPort<unknown>(port2);
    left.onMessage(() => {
      throw new Error('listener bug');
    });
    const second = nextMessage(left);
    right.send('ping');
    expect(await second).toBe('ping');
    expect(errors).toEqual([new Error('listener bug')]);

    left.onClose(() => {
      throw new Error('close listener bug');
    });
    const laterCloseListener = closing(left);
    right.close();
    await laterCloseListener;
    expect(errors).toEqual([new Error('listener bug'), new Error('close listener bug')]);
  });
});

describe('channelPair', () => {
  it('delivers copies, not shared objects, and closing either side closes both', async () => {
    const [left, right] = channelPair<{ items: number[] }, { items: number[] }>();
    const sent = { items: [1] };
    const received = nextMessage(right);
    left.send(sent);
    sent.items.push(2);
    expect(await received).toEqual({ items: [1] });

    const leftClosed = closing(left);
    const rightClosed = closing(right);
    right.close();
    await Promise.all([leftClosed, rightClosed]);
    const late: unknown[] = [];
    right.onMessage((message) => late.push(message));
    left.send({ items: [3] });
    await Promise.resolve();
    await Promise.resolve();
    expect(late).toEqual([]);
  });
});
