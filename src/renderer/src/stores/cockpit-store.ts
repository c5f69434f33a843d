// Builds the one bound store from its slices, given the engine connection.
import { createStore } from 'zustand/vanilla';
import type { EngineConnection } from '../engine/engine-connection.ts';
import { createActivityNotificationsSlice } from './activity-notifications-slice.ts';
import { createAddProjectSlice } from './add-project-slice.ts';
import { createAppInfoSlice } from './app-info-slice.ts';
import { createBoardSlice } from './board-slice.ts';
import type { CockpitState } from './cockpit-state.ts';
import { createConnectionSlice } from './connection-slice.ts';
import { createEnvironmentAlertsSlice } from './environment-alerts-slice.ts';
import { createEnvironmentDetailSlice } from './environment-detail-slice.ts';
import { createEnvironmentsSlice } from './environments-slice.ts';
import { createEvidenceSlice } from './evidence-slice.ts';
import { createInsightsSlice } from './insights-slice.ts';
import { createLiveAtSlice } from './live-at-slice.ts';
import { createLogSlice } from './log-slice.ts';
import { createNoticesSlice } from './notices-slice.ts';
import { createNotesSlice } from './notes-slice.ts';
import { createNotificationsSentSlice } from './notifications-sent-slice.ts';
import { createPipelinesSlice } from './pipelines-slice.ts';
import { createProjectsSlice } from './projects-slice.ts';
import { createReleaseActionsSlice } from './release-actions-slice.ts';
import { createReleasesSlice } from './releases-slice.ts';
import { createRunHistorySlice } from './run-history-slice.ts';
import { createRunLaunchSlice } from './run-launch-slice.ts';
import { createRunSlice } from './run-slice.ts';
import { createSecretsSlice } from './secrets-slice.ts';
import { createSettingsSlice } from './settings-slice.ts';
import { createUiSlice } from './ui-slice.ts';

export function createCockpitStore(connection: EngineConnection) {
  return createStore<CockpitState>()((...args) => ({
    ...createConnectionSlice(connection)(...args),
    ...createProjectsSlice(connection)(...args),
    ...createAddProjectSlice(connection)(...args),
    ...createAppInfoSlice(connection)(...args),
    ...createUiSlice(connection)(...args),
    ...createNoticesSlice(connection)(...args),
    ...createPipelinesSlice(connection)(...args),
    ...createRunHistorySlice(connection)(...args),
    ...createRunLaunchSlice(connection)(...args),
    ...createRunSlice(connection)(...args),
    ...createLogSlice(connection)(...args),
    ...createSecretsSlice(connection)(...args),
    ...createEnvironmentsSlice(connection)(...args),
    ...createEnvironmentDetailSlice(connection)(...args),
    ...createEnvironmentAlertsSlice(connection)(...args),
    ...createBoardSlice(connection)(...args),
    ...createReleaseActionsSlice(connection)(...args),
    ...createReleasesSlice(connection)(...args),
    ...createInsightsSlice(connection)(...args),
    ...createLiveAtSlice(connection)(...args),
    ...createNotesSlice(connection)(...args),
    ...createEvidenceSlice(connection)(...args),
    ...createSettingsSlice(connection)(...args),
    ...createNotificationsSentSlice(connection)(...args),
    ...createActivityNotificationsSlice(connection)(...args),
  }));
}

export type CockpitStore = ReturnType<typeof createCockpitStore>;
