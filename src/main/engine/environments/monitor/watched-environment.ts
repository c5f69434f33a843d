// An environment the monitor watches: its row id, its project and its cockpit.yml settings.
import { environmentDefaults, type EnvironmentConfig } from '../../config/index.ts';

export interface WatchedEnvironment {
  id: number;
  projectId: number;
  projectName: string;
  config: EnvironmentConfig;
}

/** How often it is checked while up. */
export const intervalOf = (env: EnvironmentConfig) => env.interval ?? environmentDefaults.intervalMs;
