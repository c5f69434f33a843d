// The one list of renderer state: each domain folder's slices, registered here and nowhere else.
// The store's type (`CockpitState`) is derived from this list, and the compiler checks that
// everything a slice says it uses (`SliceCreator<Own, Uses>`) is provided by a registered slice.
import type { EngineConnection } from '../connection/engine-connection.ts';
import { createAppInfoSlice } from './app/app-info-slice.ts';
import { createConnectionSlice } from './app/connection-slice.ts';
import { createNoticesSlice } from './app/notices-slice.ts';
import { createUiSlice } from './app/ui-slice.ts';
import { createBoardSlice } from './board/board-slice.ts';
import { createLiveAtSlice } from './board/live-at-slice.ts';
import { createEnvironmentDetailSlice } from './environments/environment-detail-slice.ts';
import { createEnvironmentsSlice } from './environments/environments-slice.ts';
import { createInsightsSlice } from './insights/insights-slice.ts';
import { createActivityNotificationsSlice } from './notifications/activity-notifications-slice.ts';
import { createEnvironmentAlertsSlice } from './notifications/environment-alerts-slice.ts';
import { createAddProjectSlice } from './projects/add-project-slice.ts';
import { createProjectsSlice } from './projects/projects-slice.ts';
import { createAutoDeploySlice } from './releases/auto-deploy-slice.ts';
import { createEvidenceSlice } from './releases/evidence-slice.ts';
import { createNotesSlice } from './releases/notes-slice.ts';
import { createReleaseActionsSlice } from './releases/release-actions-slice.ts';
import { createReleaseDiffSlice } from './releases/release-diff-slice.ts';
import { createReleasesSlice } from './releases/releases-slice.ts';
import { createRollbackTargetsSlice } from './releases/rollback-targets-slice.ts';
import { createLogSlice } from './runs/log-slice.ts';
import { createPipelinesSlice } from './runs/pipelines-slice.ts';
import { createRunHistorySlice } from './runs/run-history-slice.ts';
import { createRunLaunchSlice } from './runs/run-launch-slice.ts';
import { createRunSlice } from './runs/run-slice.ts';
import { createSecretsSlice } from './runs/secrets-slice.ts';
import { createNotificationsSentSlice } from './settings/notifications-sent-slice.ts';
import { createSettingsSlice } from './settings/settings-slice.ts';

export const domains = {
  app: [createConnectionSlice, createAppInfoSlice, createUiSlice, createNoticesSlice],
  projects: [createProjectsSlice, createAddProjectSlice],
  board: [createBoardSlice, createLiveAtSlice],
  runs: [
    createPipelinesSlice,
    createRunHistorySlice,
    createRunLaunchSlice,
    createRunSlice,
    createLogSlice,
    createSecretsSlice,
  ],
  environments: [createEnvironmentsSlice, createEnvironmentDetailSlice],
  releases: [
    createReleasesSlice,
    createReleaseActionsSlice,
    createReleaseDiffSlice,
    createNotesSlice,
    createEvidenceSlice,
    createAutoDeploySlice,
    createRollbackTargetsSlice,
  ],
  insights: [createInsightsSlice],
  settings: [createSettingsSlice, createNotificationsSentSlice],
  notifications: [createEnvironmentAlertsSlice, createActivityNotificationsSlice],
} as const;

export type DomainName = keyof typeof domains;
type RegisteredSlice = (typeof domains)[DomainName][number];

type UnionToIntersection<U> = (U extends unknown ? (value: U) => void : never) extends (
  value: infer I,
) => void
  ? I
  : never;
/** What a slice creator builds (its own state and actions). */
type OwnOf<C> = C extends (connection: EngineConnection) => (...args: never[]) => infer Own ? Own : never;
/** What a slice creator reads: its own state and what it uses. */
type ReadsOf<C> = C extends (connection: EngineConnection) => (set: never, get: () => infer Reads) => unknown
  ? Reads
  : never;

/** The whole renderer state: every registered slice, combined into one bound store. */
export type CockpitState = UnionToIntersection<OwnOf<RegisteredSlice>>;

/** Keys some slice uses that no registered slice provides; `never` when the list is complete. */
type Unprovided = Exclude<keyof UnionToIntersection<ReadsOf<RegisteredSlice>>, keyof CockpitState>;
// A compile error here names the keys a slice uses that no slice in `domains` provides.
export const everyUseIsProvided: [Unprovided] extends [never] ? true : { unprovided: Unprovided } = true;
