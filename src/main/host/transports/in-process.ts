// An in-process client: the CLI and tests talk to the engine through the same frames as
// every other client, so the protocol (validation, errors) is exercised the same way everywhere.
import { createClient, type EngineClient } from '../../../shared/client.ts';
import { channelPair } from '../../../shared/channel-pair.ts';
import type { ClientFrame, ServerFrame } from '../../../shared/frames.ts';
import { serveConnection } from '../../engine/connection.ts';
import type { Engine } from '../../engine/engine.ts';

export function connectInProcess(engine: Engine): EngineClient {
  const [clientSide, engineSide] = channelPair<ClientFrame, ServerFrame>();
  serveConnection(engine, engineSide, 'in-process');
  return createClient(clientSide);
}
