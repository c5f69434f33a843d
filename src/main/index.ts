// The Electron main process: app lifecycle and OS integration only. Everything the cockpit does runs
// in the engine (a utilityProcess); each window reaches it through its own MessagePort.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Menu } from 'electron';
import { readAppVersion } from './engine/kernel/app-version.ts';
import { resolveDataDir } from './engine/kernel/data-dir.ts';
import { createFileLogger } from './engine/kernel/diagnostics/logger.ts';
import { appPaths } from './electron/app-paths.ts';
import { installErrorReporting } from './electron/diagnostics.ts';
import { showEngineGaveUp, showEngineRefused, type DialogContext } from './electron/dialogs.ts';
import { createEngineHost } from './electron/engine-host.ts';
import { createMainWindow } from './electron/main-window.ts';
import { buildMenu } from './electron/menu.ts';
import { loadSafeStorageKey } from './electron/secret-key.ts';
import { hardenApp } from './electron/security.ts';
import { clientOverPort } from './electron/engine-client.ts';
import { handleShowArtifact } from './electron/artifact-ipc.ts';
import { createCockpitTray } from './electron/tray.ts';
import { NAVIGATE_MESSAGE } from '../shared/engine-port.ts';

app.setName('Release Cockpit');
// One data directory for the app and the CLI (COCKPIT_DATA_DIR overrides it, e.g. in tests).
const dataDir = resolveDataDir();
const logsDir = join(dataDir, 'logs');
app.setPath('userData', dataDir);
// Chromium's own caches and storage go in a subfolder, out of the way of cockpit.db and the logs.
app.setPath('sessionData', join(dataDir, 'electron'));
app.enableSandbox();

const logger = createFileLogger({ dir: logsDir, fileName: 'main.log' });
installErrorReporting(logger, logsDir);

const mainDir = dirname(fileURLToPath(import.meta.url));
const paths = appPaths(mainDir, app.isPackaged ? { resourcesPath: process.resourcesPath } : null);
const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const version = readAppVersion(join(mainDir, '..', '..'));

// A second launch (same data directory) only brings the running app to the front, then quits.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => logger.error('the app could not start', { error }));
}

async function start() {
  logger.info('app starting', { version, electron: process.versions.electron, dataDir });
  hardenApp({ devUrl, rendererIndex: paths.rendererIndex }, logger);
  handleShowArtifact({ dataDir, location: { devUrl, rendererIndex: paths.rendererIndex }, logger });

  const dialogs: DialogContext = {
    // Never a hidden window (it is hidden until painted): a sheet on it would be invisible.
    parent: () => BrowserWindow.getAllWindows().find((win) => win.isVisible()),
    dataDir,
    logsDir,
    restartEngine: () => engine.start(),
    logger,
  };
  const engine = createEngineHost({
    entry: paths.engineEntry,
    settings: { dataDir, version, examplesDir: paths.examplesDir },
    secretKey: await loadSafeStorageKey(dataDir, logger),
    logger,
    onFatal: (error) => void showEngineRefused(error, dialogs),
    onGaveUp: () => void showEngineGaveUp(dialogs),
  });
  engine.start();

  Menu.setApplicationMenu(
    buildMenu({ dataDir, logsDir, packaged: app.isPackaged, logger, showAbout: () => showAbout() }),
  );

  const openWindow = () => createMainWindow({ paths, devUrl, dataDir, engine, logger });
  openWindow();

  // The tray keeps the cockpit reachable with no window open: it goes on polling environments and
  // running pipelines until the user quits from the tray or the app menu.
  const tray = createCockpitTray({
    logger,
    open(route) {
      const win = BrowserWindow.getAllWindows()[0] ?? openWindow();
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
      if (!route) return;
      if (win.webContents.isLoading())
        win.webContents.once('did-finish-load', () => win.webContents.send(NAVIGATE_MESSAGE, route));
      else win.webContents.send(NAVIGATE_MESSAGE, route);
    },
  });
  engine.onPort((port) => tray.connect(clientOverPort(port)));
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (!win) return void openWindow();
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  // Closing the window does not quit: the tray stays (see above).
  app.on('window-all-closed', () => {});
  app.on('before-quit', () => tray.destroy());

  // Let the engine close its database (and, later, stop running jobs) before the app exits.
  // 'will-quit' comes after every window has closed, so nothing can cancel the quit any more.
  let engineStopped = false;
  app.on('will-quit', (event) => {
    if (engineStopped) return;
    event.preventDefault();
    void engine.stop().then(() => {
      engineStopped = true;
      logger.info('app quitting');
      app.quit();
    });
  });
}

function showAbout() {
  const detail = [
    `Version ${version}`,
    `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
    `Data folder: ${dataDir}`,
  ].join('\n');
  const options = { title: 'About Release Cockpit', message: 'Release Cockpit', detail, icon: paths.icon };
  const parent = BrowserWindow.getFocusedWindow();
  void (parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options));
}
