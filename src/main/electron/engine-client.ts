// Main's own connection to the engine (for the tray): a MessagePort like a window's, wrapped in the
// typed client. Reconnected by the engine host whenever the engine process (re)starts.
import type { MessagePortMain } from 'electron';
import { createClient, type EngineClient } from '../../shared/client.ts';
import { serverFrameSchema, type ClientFrame, type ServerFrame } from '../../shared/frames.ts';
import { portChannel } from './port-channel.ts';

export function clientOverPort(port: MessagePortMain): EngineClient {
  const accept = (raw: unknown) => serverFrameSchema.safeParse(raw).data;
  return createClient(portChannel<ClientFrame, ServerFrame>(port, { accept }));
}
