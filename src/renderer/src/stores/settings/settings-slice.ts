// The app's settings (retention, notification preferences) as the engine keeps them: fetched on
// every connect (notifications need them even when the Settings view is closed) and again whenever
// the engine says they changed, here or in another window.
import type { Settings } from '../../../../shared/domain/insights.ts';
import type { SliceCreator } from '../slice.ts';
import { humanMessage } from '../error-message.ts';

export interface SettingsSlice {
  settings: Settings | null;
  settingsError: string | null;
  /** Which part is being saved ('retention' or 'notifications'), one save at a time. */
  settingsSaving: string | null;
  fetchSettings: () => Promise<void>;
  /** Resolves to null when saved, else the engine's message. */
  saveSettings: (part: string, changes: Partial<Settings>) => Promise<string | null>;
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (connection) => (set, get) => {
  let latest = 0;
  return {
    settings: null,
    settingsError: null,
    settingsSaving: null,

    async fetchSettings() {
      const id = ++latest;
      try {
        const settings = await connection.api.settings.get({});
        if (id === latest) set({ settings, settingsError: null });
      } catch (error) {
        if (id === latest) set({ settingsError: humanMessage(error) });
      }
    },

    async saveSettings(part, changes) {
      if (get().settingsSaving !== null) return 'Another change is being saved; try again in a moment.';
      set({ settingsSaving: part });
      try {
        const settings = await connection.api.settings.set(changes);
        latest++;
        set({ settings, settingsError: null });
        return null;
      } catch (error) {
        return humanMessage(error);
      } finally {
        set({ settingsSaving: null });
      }
    },
  };
};
