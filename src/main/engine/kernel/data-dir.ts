// Where the cockpit keeps its database and logs — one place shared by the app, the CLI and the web host.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'release-cockpit';
export const DATABASE_FILE_NAME = 'cockpit.db';

export function resolveDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.COCKPIT_DATA_DIR) return env.COCKPIT_DATA_DIR;
  const home = env.HOME || homedir();
  switch (platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', APP_DIR_NAME);
    case 'win32':
      return join(env.APPDATA || join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
    default:
      return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), APP_DIR_NAME);
  }
}
