// The native dialogs main shows when the engine cannot run: every choice keeps the user's data,
// and "start fresh" only ever moves the damaged database aside.
import { dirname, resolve } from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import type { ErrorData } from '../../shared/errors.ts';
import type { Logger } from '../engine/kernel/diagnostics/logger.ts';
import { moveDatabaseAside } from '../engine/kernel/store/move-aside.ts';
import { openFolder } from './menu.ts';

export interface DialogContext {
  parent: () => BrowserWindow | undefined;
  dataDir: string;
  logsDir: string;
  restartEngine(): void;
  logger: Logger;
}

interface Choice {
  label: string;
  /** Returns true when the dialog is done; false shows it again (e.g. after opening a folder). */
  run(): boolean;
}

async function ask(context: DialogContext, message: string, detail: string, choices: Choice[]) {
  for (;;) {
    const parent = context.parent();
    const options = { type: 'error' as const, title: 'Release Cockpit', message, detail, noLink: true };
    const buttons = choices.map((choice) => choice.label);
    const { response } = parent
      ? await dialog.showMessageBox(parent, { ...options, buttons, defaultId: 0, cancelId: 0 })
      : await dialog.showMessageBox({ ...options, buttons, defaultId: 0, cancelId: 0 });
    if (choices[response]?.run() ?? true) return;
  }
}

function quit(): Choice {
  return {
    label: 'Quit',
    run: () => {
      app.quit();
      return true;
    },
  };
}

function openFolderChoice(label: string, path: string, context: DialogContext): Choice {
  return {
    label,
    run: () => {
      openFolder(path, context.logger);
      return false;
    },
  };
}

function retry(context: DialogContext): Choice {
  return {
    label: 'Try again',
    run: () => {
      context.restartEngine();
      return true;
    },
  };
}

/** The engine refused to start, e.g. a damaged database or one written by a newer version. */
export async function showEngineRefused(error: ErrorData, context: DialogContext): Promise<void> {
  if (error.code !== 'DATABASE') {
    const choices = [quit(), openFolderChoice('Open logs folder', context.logsDir, context), retry(context)];
    return ask(context, 'Release Cockpit could not start its engine', error.message, choices);
  }
  const details = (error.details ?? {}) as { reason?: unknown; path?: unknown };
  const choices = [quit(), openFolderChoice('Open data folder', context.dataDir, context)];
  const path = typeof details.path === 'string' ? details.path : null;
  // Only the database in our own data folder is ever moved, whatever the message says.
  if (details.reason === 'corrupt' && path && dirname(resolve(path)) === resolve(context.dataDir)) {
    choices.push({ label: 'Move it aside and start fresh', run: () => moveAsideAndRestart(path, context) });
  }
  return ask(context, 'Release Cockpit cannot open its database', error.message, choices);
}

function moveAsideAndRestart(path: string, context: DialogContext): boolean {
  try {
    const movedTo = moveDatabaseAside(path);
    context.logger.warn('moved the damaged database aside at the user’s request', { path, movedTo });
    context.restartEngine();
    if (movedTo) {
      void dialog.showMessageBox({
        type: 'info',
        title: 'Release Cockpit',
        message: 'Started with a fresh database',
        detail: `The old database was kept at ${movedTo}. Nothing was deleted.`,
      });
    }
    return true;
  } catch (error) {
    context.logger.error('could not move the database aside', { path, error });
    dialog.showErrorBox('Could not move the database aside', String((error as Error)?.message ?? error));
    return false;
  }
}

/** The engine crashed repeatedly; automatic restarts have stopped. */
export async function showEngineGaveUp(context: DialogContext): Promise<void> {
  const detail = `It stopped unexpectedly several times within a minute. The log files may say why.`;
  const choices = [quit(), openFolderChoice('Open logs folder', context.logsDir, context), retry(context)];
  return ask(context, 'The Release Cockpit engine keeps stopping', detail, choices);
}

/** A window's renderer process died; offer to reload it. */
export async function offerReload(win: BrowserWindow, reason: string): Promise<void> {
  const { response } = await dialog.showMessageBox(win, {
    type: 'warning',
    title: 'Release Cockpit',
    message: 'This window stopped working',
    detail: `Its page process ended (${reason}). Your data is safe; reloading usually fixes it.`,
    buttons: ['Reload', 'Close window'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  });
  if (win.isDestroyed()) return;
  if (response === 0) win.reload();
  else win.close();
}
