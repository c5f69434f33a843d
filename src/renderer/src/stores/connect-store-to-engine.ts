// Wires engine happenings into the store: connection state, refetch on every (re)connect,
// debounced refetches on `projects.changed` and `runs.changed`, live log lines, and engine notices.
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
      // Events may have been missed while away: refetch whatever is on screen.
      state().schedulePipelinesRefetch(null);
      state().scheduleRunRefetch(null);
      state().refetchLog();
      state().refetchSecrets();
    }),
    connection.on('projects.changed', () => {
      state().scheduleProjectsRefetch();
      state().schedulePipelinesRefetch(null);
    }),
    connection.on('runs.changed', ({ projectId, runId }) => {
      state().schedulePipelinesRefetch(projectId);
      state().scheduleRunRefetch(runId);
    }),
    connection.on('runs.log', (event) => state().onRunLog(event)),
    connection.on('engine.notice', ({ level, message }) =>
      state().notify(level === 'info' ? 'info' : level, message),
    ),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
