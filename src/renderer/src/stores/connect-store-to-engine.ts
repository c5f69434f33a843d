// Wires engine happenings into the store: connection state, refetch on every (re)connect,
// debounced refetch on `projects.changed`, and engine notices as toasts.
import type { EngineConnection } from '../engine/engine-connection.ts';
import type { CockpitStore } from './cockpit-store.ts';

export function connectStoreToEngine(store: CockpitStore, connection: EngineConnection): () => void {
  const state = () => store.getState();
  const stops = [
    connection.subscribe((connectionState) => state().setConnectionState(connectionState)),
    connection.onConnected(() => {
      void state().fetchProjects();
      void state().fetchAppInfo();
      state().flushClientErrorReports();
    }),
    connection.on('projects.changed', () => state().scheduleProjectsRefetch()),
    connection.on('engine.notice', ({ level, message }) =>
      state().notify(level === 'info' ? 'info' : level, message),
    ),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
