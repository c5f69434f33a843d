// Wires engine happenings into the store: connection state, refetch on every (re)connect,
// debounced refetches on `projects.changed`, `runs.changed` and `environments.changed`, live log lines,
// environment alerts, and engine notices.
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
      state().scheduleEnvironmentsRefetch();
      state().scheduleEnvironmentRefetch(null);
    }),
    connection.on('projects.changed', () => {
      state().scheduleProjectsRefetch();
      state().schedulePipelinesRefetch(null);
      state().scheduleEnvironmentsRefetch();
    }),
    connection.on('environments.changed', ({ environmentId }) => {
      state().scheduleEnvironmentsRefetch();
      state().scheduleEnvironmentRefetch(environmentId);
    }),
    connection.on('environments.alert', (alert) => state().onEnvironmentAlert(alert)),
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
