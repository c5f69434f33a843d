// What the engine says about itself (version, data directory, …), fetched on every connect.
import type { AppInfo } from '../../../../shared/domain/app-info.ts';
import type { SliceCreator } from '../slice.ts';
import { humanMessage } from '../error-message.ts';

export interface AppInfoSlice {
  appInfo: AppInfo | null;
  appInfoError: string | null;
  fetchAppInfo: () => Promise<void>;
}

export const createAppInfoSlice: SliceCreator<AppInfoSlice> = (connection) => (set) => ({
  appInfo: null,
  appInfoError: null,
  async fetchAppInfo() {
    try {
      set({ appInfo: await connection.api.app.info(), appInfoError: null });
    } catch (error) {
      set({ appInfoError: humanMessage(error) });
    }
  },
});
