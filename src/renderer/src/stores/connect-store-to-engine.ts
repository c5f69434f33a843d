// Wires engine happenings into the store: connection state, refetch on every (re)connect,
// debounced refetches on `projects.changed`, `runs.changed`, `environments.changed`,
// `releases.changed` (the release board and insights listen to all four) and `settings.changed`,
// live log lines, environment alerts, activity notifications, and engine notices.
import type { EngineConnection } from '../connection/engine-connection.ts';
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
      state().scheduleBoardRefetch();
      state().scheduleReleasesRefetch(null);
      void state().fetchSettings();
      state().scheduleInsightsRefetch();
      state().scheduleDeploymentNotesRefetch(null);
      state().scheduleIncidentNotesRefetch();
    }),
    connection.on('projects.changed', () => {
      state().scheduleProjectsRefetch();
      state().schedulePipelinesRefetch(null);
      state().scheduleEnvironmentsRefetch();
      state().scheduleBoardRefetch();
      state().scheduleInsightsRefetch();
    }),
    connection.on('environments.changed', ({ environmentId }) => {
      state().scheduleEnvironmentsRefetch();
      state().scheduleEnvironmentRefetch(environmentId);
      state().scheduleBoardRefetch();
      state().scheduleIncidentNotesRefetch();
    }),
    connection.on('environments.alert', (alert) => {
      state().onEnvironmentAlert(alert);
      // Checks arrive every few seconds; only incidents opening or closing move the insights.
      state().scheduleInsightsRefetch();
    }),
    connection.on('runs.changed', ({ projectId, runId }) => {
      state().schedulePipelinesRefetch(projectId);
      state().scheduleRunRefetch(runId);
      // A deploy's progress (jobs done) and the CI status on the board come from runs.
      state().scheduleBoardRefetch();
      state().scheduleReleasesRefetch(null);
      state().scheduleInsightsRefetch();
      state().noticeRunChanged(projectId, runId);
    }),
    connection.on('releases.changed', ({ deploymentId }) => {
      state().scheduleBoardRefetch();
      state().scheduleReleasesRefetch(deploymentId);
      state().scheduleInsightsRefetch();
      state().scheduleDeploymentNotesRefetch(deploymentId);
      state().noticeDeploymentChanged(deploymentId);
    }),
    connection.on('settings.changed', () => void state().fetchSettings()),
    connection.on('runs.log', (event) => state().onRunLog(event)),
    connection.on('engine.notice', ({ level, message }) =>
      state().notify(level === 'info' ? 'info' : level, message),
    ),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
