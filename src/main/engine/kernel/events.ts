// A typed event bus: the engine emits protocol events here and every host forwards them to its clients.
import type { EventName, EventPayload } from '../../../shared/protocol.ts';

type AnyListener = (name: EventName, payload: unknown) => void;

export interface EventBus {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  onAny(listener: AnyListener): () => void;
}

export function createEventBus(onListenerError: (error: unknown) => void = () => {}): EventBus {
  const listeners = new Set<AnyListener>();
  return {
    emit(name, payload) {
      for (const listener of [...listeners]) {
        try {
          listener(name, payload);
        } catch (error) {
          // One broken subscriber (say, a closed socket) must not stop the others.
          onListenerError(error);
        }
      }
    },
    on(name, listener) {
      return this.onAny((emitted, payload) => {
        if (emitted === name) listener(payload as never);
      });
    },
    onAny(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
