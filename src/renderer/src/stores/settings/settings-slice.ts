// The app's settings (retention, notification preferences) as the engine keeps them: fetched on
// every connect (notifications need them even when the Settings view is closed) and again whenever
// the engine says they changed, here or in another window.
import type { Settings } from '../../../../shared/domain/insights.ts';
import type { SliceCreator } from '../slice.ts';
import { humanMessage } from '../error-message.ts';
import { latestRequest } from '../latest-request.ts';

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
  const latestFetch = latestRequest();
  return {
    settings: null,
    settingsError: null,
    settingsSaving: null,

    async fetchSettings() {
      await latestFetch(
        () => connection.api.settings.get({}),
        (settings) => set({ settings, settingsError: null }),
        (error) => set({ settingsError: humanMessage(error) }),
      );
    },

    async saveSettings(part, changes) {
      if (get().settingsSaving !== null) return 'Another change is being saved; try again in a moment.';
      set({ settingsSaving: part });
      try {
        const settings = await connection.api.settings.set(changes);
        latestFetch.overtake();
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
