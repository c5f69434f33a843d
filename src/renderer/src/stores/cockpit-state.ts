// The shape of the whole renderer state: one slice per domain, combined into one bound store.
import type { StateCreator } from 'zustand';
import type { EngineConnection } from '../engine/engine-connection.ts';
import type { ActivityNotificationsSlice } from './activity-notifications-slice.ts';
import type { AddProjectSlice } from './add-project-slice.ts';
import type { AppInfoSlice } from './app-info-slice.ts';
import type { BoardSlice } from './board-slice.ts';
import type { ConnectionSlice } from './connection-slice.ts';
import type { EnvironmentAlertsSlice } from './environment-alerts-slice.ts';
import type { EnvironmentDetailSlice } from './environment-detail-slice.ts';
import type { EnvironmentsSlice } from './environments-slice.ts';
import type { EvidenceSlice } from './evidence-slice.ts';
import type { InsightsSlice } from './insights-slice.ts';
import type { LiveAtSlice } from './live-at-slice.ts';
import type { LogSlice } from './log-slice.ts';
import type { NoticesSlice } from './notices-slice.ts';
import type { NotesSlice } from './notes-slice.ts';
import type { NotificationsSentSlice } from './notifications-sent-slice.ts';
import type { PipelinesSlice } from './pipelines-slice.ts';
import type { ProjectsSlice } from './projects-slice.ts';
import type { ReleaseActionsSlice } from './release-actions-slice.ts';
import type { ReleasesSlice } from './releases-slice.ts';
import type { RunHistorySlice } from './run-history-slice.ts';
import type { RunLaunchSlice } from './run-launch-slice.ts';
import type { RunSlice } from './run-slice.ts';
import type { SecretsSlice } from './secrets-slice.ts';
import type { SettingsSlice } from './settings-slice.ts';
import type { UiSlice } from './ui-slice.ts';

export type CockpitState = ConnectionSlice &
  ProjectsSlice &
  AddProjectSlice &
  AppInfoSlice &
  UiSlice &
  NoticesSlice &
  PipelinesSlice &
  RunHistorySlice &
  RunLaunchSlice &
  RunSlice &
  LogSlice &
  SecretsSlice &
  EnvironmentsSlice &
  EnvironmentDetailSlice &
  EnvironmentAlertsSlice &
  BoardSlice &
  ReleaseActionsSlice &
  ReleasesSlice &
  InsightsSlice &
  LiveAtSlice &
  NotesSlice &
  EvidenceSlice &
  SettingsSlice &
  NotificationsSentSlice &
  ActivityNotificationsSlice;

/** A slice gets the engine connection and the usual zustand set/get. */
export type SliceCreator<Slice> = (connection: EngineConnection) => StateCreator<CockpitState, [], [], Slice>;
