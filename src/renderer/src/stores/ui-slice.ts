// Which view (and, in the Pipelines section, which run; in Environments, which environment) is showing, which dialog is open, and the theme.
import type { Route } from '../navigation/hash-route.ts';
import { defaultView, type ViewId } from '../navigation/views.ts';
import { loadThemePreference, saveThemePreference, type ThemePreference } from '../theme/theme-preference.ts';
import type { SliceCreator } from './cockpit-state.ts';

export type OpenDialog =
  | { kind: 'add-project' }
  | { kind: 'remove-project'; projectId: number }
  | { kind: 'run-pipeline'; projectId: number; pipeline: string }
  /** Add a secret (name null) or replace the named one's value. */
  | { kind: 'set-secret'; projectId: number; name: string | null }
  | { kind: 'delete-secret'; projectId: number; name: string };

export interface UiSlice {
  view: ViewId;
  /** The run open in the Pipelines section (#/runs/<id>); null shows the pipelines list. */
  openRunId: number | null;
  /** The environment open in the Environments section (#/environments/<id>); null shows them all. */
  openEnvironmentId: number | null;
  dialog: OpenDialog | null;
  themePreference: ThemePreference;
  setView: (view: ViewId) => void;
  navigate: (route: Route) => void;
  openRun: (runId: number) => void;
  openEnvironment: (environmentId: number) => void;
  openDialog: (dialog: OpenDialog) => void;
  closeDialog: () => void;
  setThemePreference: (preference: ThemePreference) => void;
}

export const createUiSlice: SliceCreator<UiSlice> = () => (set) => ({
  view: defaultView,
  openRunId: null,
  openEnvironmentId: null,
  dialog: null,
  themePreference: loadThemePreference(),
  setView: (view) => set({ view, openRunId: null, openEnvironmentId: null }),
  navigate: ({ view, runId, environmentId }) =>
    set({
      view,
      openRunId: view === 'pipelines' ? runId : null,
      openEnvironmentId: view === 'environments' ? environmentId : null,
    }),
  openRun: (runId) => set({ view: 'pipelines', openRunId: runId, openEnvironmentId: null }),
  openEnvironment: (environmentId) =>
    set({ view: 'environments', openRunId: null, openEnvironmentId: environmentId }),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
  setThemePreference(preference) {
    saveThemePreference(preference);
    set({ themePreference: preference });
  },
});
