// The typed client every UI and host uses to talk to the engine, derived from the protocol table.
// `client.api.projects.add({ path })` is a call; `client.on('projects.changed', fn)` an event.
import { CockpitError, fromErrorData } from './errors.ts';
import type { Channel, ClientFrame, ServerFrame } from './frames.ts';
import {
  methodNames,
  type EventName,
  type EventPayload,
  type MethodName,
  type ParamsIn,
  type Result,
} from './protocol.ts';

type Namespace = MethodName extends `${infer NS}.${string}` ? NS : never;

type MethodFn<M extends MethodName> =
  Record<string, never> extends ParamsIn<M>
    ? (params?: ParamsIn<M>, options?: CallOptions) => Promise<Result<M>>
    : (params: ParamsIn<M>, options?: CallOptions) => Promise<Result<M>>;

export type Api = {
  [NS in Namespace]: {
    [M in MethodName as M extends `${NS}.${infer K}` ? K : never]: MethodFn<M>;
  };
};

export interface CallOptions {
  signal?: AbortSignal;
}

export interface EngineClient {
  api: Api;
  call<M extends MethodName>(method: M, params: ParamsIn<M>, options?: CallOptions): Promise<Result<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  onDisconnect(listener: () => void): () => void;
  close(): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export function createClient(channel: Channel<ClientFrame, ServerFrame>): EngineClient {
  let nextId = 1;
  let closed = false;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: never) => void>>();
  const disconnectListeners = new Set<() => void>();

  channel.onMessage((frame) => {
    if (frame.t === 'event') {
      for (const listener of listeners.get(frame.name) ?? []) listener(frame.payload as never);
      return;
    }
    const waiting = pending.get(frame.id);
    if (!waiting) return;
    pending.delete(frame.id);
    if (frame.ok) waiting.resolve(frame.result);
    else waiting.reject(fromErrorData(frame.error));
  });

  channel.onClose(() => {
    closed = true;
    for (const waiting of pending.values()) {
      waiting.reject(new CockpitError('UNAVAILABLE', 'The connection to the engine was lost.'));
    }
    pending.clear();
    for (const listener of disconnectListeners) listener();
  });

  function call<M extends MethodName>(method: M, params: ParamsIn<M>, options: CallOptions = {}) {
    if (closed) return Promise.reject(new CockpitError('UNAVAILABLE', 'The engine connection is closed.'));
    const id = nextId++;
    return new Promise<Result<M>>((resolve, reject) => {
      const { signal } = options;
      if (signal?.aborted) {
        reject(new CockpitError('CANCELLED', `${method} was cancelled.`));
        return;
      }
      const onAbort = () => {
        channel.send({ t: 'cancel', id });
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      pending.set(id, {
        resolve: (value) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(value as Result<M>);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      });
      channel.send({ t: 'call', id, method, params });
    });
  }

  return {
    api: buildApi(call),
    call,
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    onDisconnect(listener) {
      disconnectListeners.add(listener);
      return () => disconnectListeners.delete(listener);
    },
    close() {
      channel.close();
    },
  };
}

/** The namespaced API (`api.projects.add(...)`) over any typed `call`, derived from the protocol table. */
export function buildApi(
  call: <M extends MethodName>(method: M, params: ParamsIn<M>, options?: CallOptions) => Promise<Result<M>>,
): Api {
  const api = {} as Record<string, Record<string, unknown>>;
  for (const name of methodNames) {
    const [ns, fn] = name.split('.') as [string, string];
    api[ns] ??= {};
    api[ns][fn] = (params: unknown, options?: CallOptions) => call(name, (params ?? {}) as never, options);
  }
  return api as unknown as Api;
}
