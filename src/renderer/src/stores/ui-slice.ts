// Which view is showing, which dialog is open, and the theme preference.
import { defaultView, type ViewId } from '../navigation/views.ts';
import { loadThemePreference, saveThemePreference, type ThemePreference } from '../theme/theme-preference.ts';
import type { SliceCreator } from './cockpit-state.ts';

export type OpenDialog = { kind: 'add-project' } | { kind: 'remove-project'; projectId: number };

export interface UiSlice {
  view: ViewId;
  dialog: OpenDialog | null;
  themePreference: ThemePreference;
  setView: (view: ViewId) => void;
  openDialog: (dialog: OpenDialog) => void;
  closeDialog: () => void;
  setThemePreference: (preference: ThemePreference) => void;
}

export const createUiSlice: SliceCreator<UiSlice> = () => (set) => ({
  view: defaultView,
  dialog: null,
  themePreference: loadThemePreference(),
  setView: (view) => set({ view }),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
  setThemePreference(preference) {
    saveThemePreference(preference);
    set({ themePreference: preference });
  },
});
