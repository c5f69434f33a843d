// The main window: sandboxed, isolated, shown when painted, remembering where it was.
import { join } from 'node:path';
import { BrowserWindow, screen } from 'electron';
import type { Logger } from '../engine/kernel/diagnostics/logger.ts';
import type { AppPaths } from './app-paths.ts';
import { offerReload } from './dialogs.ts';
import type { EngineHost } from './engine-host.ts';
import { MIN_SIZE, restoreWindowState, trackWindowState, WINDOW_STATE_FILE } from './window-state.ts';

export interface MainWindowOptions {
  paths: AppPaths;
  /** electron-vite's dev server URL, or undefined to load the built files. */
  devUrl: string | undefined;
  dataDir: string;
  engine: EngineHost;
  logger: Logger;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { paths, logger } = options;
  const stateFile = join(options.dataDir, WINDOW_STATE_FILE);
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const state = restoreWindowState(stateFile, workAreas);

  const win = new BrowserWindow({
    ...state.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Release Cockpit',
    icon: paths.icon,
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  trackWindowState(win, stateFile, logger);
  win.once('ready-to-show', () => {
    if (state.maximized) win.maximize();
    win.show();
  });
  win.webContents.on('render-process-gone', (_event, details) => {
    logger.error('a window’s page process ended', { ...details });
    if (details.reason !== 'clean-exit' && !win.isDestroyed()) void offerReload(win, details.reason);
  });

  // Before loading: the engine hands the page its port after every load.
  options.engine.attach(win.webContents);
  // The renderer picks its transport (MessagePort via the preload) from host=electron.
  const loading = options.devUrl
    ? win.loadURL(withHostQuery(options.devUrl))
    : win.loadFile(paths.rendererIndex, { query: { host: 'electron' } });
  loading.catch((error: unknown) => logger.error('could not load the window', { error }));
  return win;
}

function withHostQuery(devUrl: string): string {
  const url = new URL(devUrl);
  url.searchParams.set('host', 'electron');
  return url.toString();
}
