// The one connection the stores use: a typed api and events that survive reconnects, plus a
// connection state for the UI. Each live channel from the transport gets a fresh protocol client.
import {
  buildApi,
  createClient,
  type Api,
  type CallOptions,
  type EngineClient,
} from '../../../shared/client.ts';
import { CockpitError } from '../../../shared/errors.ts';
import {
  eventNames,
  type EventName,
  type EventPayload,
  type MethodName,
  type ParamsIn,
  type Result,
} from '../../../shared/protocol.ts';
import type { EngineChannel, Transport, TransportKind } from './transport.ts';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting';

export interface ConnectionState {
  status: ConnectionStatus;
  transport: TransportKind;
  /** When the next attempt happens (web only); null while connected or waiting to be handed a port. */
  retryAt: number | null;
  /** Attempts that failed since the last stable connection. */
  failedAttempts: number;
}

type Listener<E extends EventName> = (payload: EventPayload<E>) => void;

export interface EngineConnection {
  api: Api;
  call<M extends MethodName>(method: M, params: ParamsIn<M>, options?: CallOptions): Promise<Result<M>>;
  /** Engine events, across reconnects. Returns an unsubscribe function. */
  on<E extends EventName>(event: E, listener: Listener<E>): () => void;
  /** Runs on every (re)connect: the moment to refetch, since events may have been missed. */
  onConnected(listener: () => void): () => void;
  getState(): ConnectionState;
  subscribe(listener: (state: ConnectionState) => void): () => void;
  retryNow(): void;
  start(): void;
  stop(): void;
}

export function createEngineConnection(transport: Transport): EngineConnection {
  let client: EngineClient | undefined;
  let everConnected = false;
  let stopTransport: (() => void) | undefined;
  let state: ConnectionState = {
    status: 'connecting',
    transport: transport.kind,
    retryAt: null,
    failedAttempts: 0,
  };
  const stateListeners = new Set<(state: ConnectionState) => void>();
  const connectedListeners = new Set<() => void>();
  const eventListeners = new Map<EventName, Set<(payload: never) => void>>();

  function setState(patch: Partial<ConnectionState>) {
    state = { ...state, ...patch };
    for (const listener of stateListeners) listener(state);
  }

  const notConnectedStatus = (): ConnectionStatus => (everConnected ? 'reconnecting' : 'connecting');

  function attach(channel: EngineChannel) {
    const previous = client;
    client = undefined;
    // Closing the old client rejects its pending calls with UNAVAILABLE.
    previous?.close();
    const next = createClient(channel);
    client = next;
    for (const name of eventNames) {
      next.on(name, (payload) => {
        for (const listener of eventListeners.get(name) ?? []) (listener as Listener<typeof name>)(payload);
      });
    }
    next.onDisconnect(() => {
      if (client !== next) return;
      client = undefined;
      setState({ status: notConnectedStatus() });
    });
    everConnected = true;
    setState({ status: 'connected', retryAt: null, failedAttempts: 0 });
    for (const listener of connectedListeners) listener();
  }

  function call<M extends MethodName>(method: M, params: ParamsIn<M>, options?: CallOptions) {
    if (!client) {
      return Promise.reject(
        new CockpitError('UNAVAILABLE', 'Not connected to the engine. Waiting for it to come back…'),
      );
    }
    return client.call(method, params, options);
  }

  return {
    api: buildApi(call),
    call,
    on(event, listener) {
      let set = eventListeners.get(event);
      if (!set) eventListeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    onConnected(listener) {
      connectedListeners.add(listener);
      return () => connectedListeners.delete(listener);
    },
    getState: () => state,
    subscribe(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    retryNow: () => transport.retryNow(),
    start() {
      stopTransport ??= transport.start({
        connected: attach,
        waiting(retryAt, failedAttempts) {
          // Only said about the live channel (or none): the client's own disconnect follows.
          setState({ status: notConnectedStatus(), retryAt, failedAttempts });
        },
      });
    },
    stop() {
      stopTransport?.();
      client?.close();
      client = undefined;
    },
  };
}
