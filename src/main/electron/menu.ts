// The application menu: the standard roles plus Help entries that lead to the logs and the data.
import { Menu, shell, type MenuItemConstructorOptions } from 'electron';
import type { Logger } from '../engine/kernel/diagnostics/logger.ts';

export interface MenuOptions {
  dataDir: string;
  logsDir: string;
  /** Packaged builds leave out the developer tools. */
  packaged: boolean;
  showAbout(): void;
  logger: Logger;
}

export function openFolder(path: string, logger: Logger): void {
  shell
    .openPath(path)
    .then((problem) => problem && logger.warn('could not open a folder', { path, problem }))
    .catch((error: unknown) => logger.warn('could not open a folder', { path, error }));
}

export function buildMenu(options: MenuOptions): Menu {
  const isMac = process.platform === 'darwin';
  const developer: MenuItemConstructorOptions[] = options.packaged
    ? []
    : [{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }];
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    { label: 'File', submenu: [isMac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...developer,
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Open logs folder', click: () => openFolder(options.logsDir, options.logger) },
        { label: 'Open data folder', click: () => openFolder(options.dataDir, options.logger) },
        { type: 'separator' },
        { label: 'About Release Cockpit', click: () => options.showAbout() },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
