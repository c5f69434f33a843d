// Which view (and, in the Pipelines section, which run; in Environments, which environment) is showing,
// which dialog is open, whether the command palette is open, and the theme.
import type { DeploymentKind } from '../../../../shared/domain/release.ts';
import type { CellAction } from '../../lib/cell-actions.ts';
import type { Route } from '../../navigation/hash-route.ts';
import { defaultView, type ViewId } from '../../navigation/views.ts';
import {
  loadThemePreference,
  saveThemePreference,
  type ThemePreference,
} from '../../theme/theme-preference.ts';
import type { SliceCreator } from '../slice.ts';

export type OpenDialog =
  | { kind: 'add-project' }
  | { kind: 'remove-project'; projectId: number }
  | { kind: 'run-pipeline'; projectId: number; pipeline: string }
  /** Add a secret (name null) or replace the named one's value. */
  | { kind: 'set-secret'; projectId: number; name: string | null }
  | { kind: 'delete-secret'; projectId: number; name: string }
  /** Deploy, promote (from `from`) or roll back, to `environment`: preview, gates, then request. */
  | {
      kind: 'deploy';
      projectId: number;
      environment: string;
      mode: DeploymentKind;
      from: string | null;
      /** A rollback's target, chosen already (the cell menu's "Roll back to v1.0.0"). */
      rollbackTo?: string | null;
    }
  | { kind: 'approve'; deploymentId: number; decision: 'approve' | 'reject' }
  | { kind: 'cancel-deployment'; deploymentId: number }
  | { kind: 'release-notes'; projectId: number; environment: string }
  | { kind: 'deploy-history'; projectId: number; environment: string };

export interface UiSlice {
  view: ViewId;
  /** The run open in the Pipelines section (#/runs/<id>); null shows the pipelines list. */
  openRunId: number | null;
  /** The environment open in the Environments section (#/environments/<id>); null shows them all. */
  openEnvironmentId: number | null;
  dialog: OpenDialog | null;
  themePreference: ThemePreference;
  paletteOpen: boolean;
  /** Collapsed by hand to icons (a narrow window collapses it anyway); remembered. */
  sidebarCollapsed: boolean;
  toggleSidebar: () => void;
  setView: (view: ViewId) => void;
  navigate: (route: Route) => void;
  openRun: (runId: number) => void;
  openEnvironment: (environmentId: number) => void;
  openDialog: (dialog: OpenDialog) => void;
  closeDialog: () => void;
  setThemePreference: (preference: ThemePreference) => void;
  openPalette: () => void;
  closePalette: () => void;
  /** Do what a board cell's menu item (or the palette's command for it) says. */
  runCellAction: (action: CellAction) => void;
}

const SIDEBAR_KEY = 'cockpit.sidebar';

function loadSidebarCollapsed(): boolean {
  try {
    return localStorage.getItem(SIDEBAR_KEY) === 'collapsed';
  } catch {
    return false;
  }
}

export const createUiSlice: SliceCreator<UiSlice> = () => (set, get) => ({
  sidebarCollapsed: loadSidebarCollapsed(),
  toggleSidebar() {
    const collapsed = !get().sidebarCollapsed;
    try {
      localStorage.setItem(SIDEBAR_KEY, collapsed ? 'collapsed' : 'expanded');
    } catch {
      // Without storage the choice lasts for this session.
    }
    set({ sidebarCollapsed: collapsed });
  },
  view: defaultView,
  openRunId: null,
  openEnvironmentId: null,
  dialog: null,
  themePreference: loadThemePreference(),
  paletteOpen: false,
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
  openPalette: () => set({ paletteOpen: true }),
  closePalette: () => set({ paletteOpen: false }),
  runCellAction(action) {
    const { openDialog, openRun, openEnvironment } = get();
    switch (action.kind) {
      case 'deploy':
        openDialog({
          kind: 'deploy',
          projectId: action.projectId,
          environment: action.environment,
          mode: 'deploy',
          from: null,
        });
        return;
      case 'rollback':
        openDialog({
          kind: 'deploy',
          projectId: action.projectId,
          environment: action.environment,
          mode: 'rollback',
          from: null,
          rollbackTo: action.version,
        });
        return;
      case 'promote':
        openDialog({
          kind: 'deploy',
          projectId: action.projectId,
          environment: action.to,
          mode: 'promote',
          from: action.environment,
        });
        return;
      case 'approve':
      case 'reject':
        openDialog({ kind: 'approve', deploymentId: action.deploymentId, decision: action.kind });
        return;
      case 'cancel':
        openDialog({ kind: 'cancel-deployment', deploymentId: action.deploymentId });
        return;
      case 'notes':
        openDialog({ kind: 'release-notes', projectId: action.projectId, environment: action.environment });
        return;
      case 'history':
        openDialog({ kind: 'deploy-history', projectId: action.projectId, environment: action.environment });
        return;
      case 'open-run':
        openRun(action.runId);
        return;
      case 'open-environment':
        openEnvironment(action.environmentId);
        return;
      case 'waiting':
        return;
    }
  },
});
