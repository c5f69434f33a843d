// A MessagePortMain (main's tray client, and each window's port in the engine process) as a Channel.
// Types only from 'electron': the engine process must not load it at run time.
import type { MessagePortMain } from 'electron';
import { channelFromEndpoint, type ChannelOptions } from '../../shared/channel-adapter.ts';
import type { Channel } from '../../shared/frames.ts';

export function portChannel<Out, In>(port: MessagePortMain, options?: ChannelOptions<In>): Channel<Out, In> {
  const channel = channelFromEndpoint<Out, In>(
    {
      post: (message) => port.postMessage(message),
      subscribe: (deliver) => port.on('message', (event) => deliver(event.data)),
      onClose: (closed) => port.on('close', closed),
      close: () => port.close(),
    },
    options,
  );
  port.start();
  return channel;
}
