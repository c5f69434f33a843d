// Remembers the main window's bounds and maximized state in <dataDir>/window-state.json, and only
// restores a position that is still visible on a connected display.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { BrowserWindow, Rectangle } from 'electron';
import { z } from 'zod';
import type { Logger } from '../engine/kernel/diagnostics/logger.ts';

export const WINDOW_STATE_FILE = 'window-state.json';
export const MIN_SIZE = { width: 900, height: 600 };
const DEFAULT_SIZE = { width: 1280, height: 820 };
/** How much of a saved window must overlap a display to count as visible. */
const MIN_VISIBLE_PX = 80;
const SAVE_DELAY_MS = 500;

const savedStateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(MIN_SIZE.width).max(100_000),
  height: z.number().int().min(MIN_SIZE.height).max(100_000),
  maximized: z.boolean(),
});
type SavedState = z.infer<typeof savedStateSchema>;

export interface InitialWindowState {
  /** No x/y means: let Electron centre the window. */
  bounds: { x?: number; y?: number; width: number; height: number };
  maximized: boolean;
}

/** A missing, corrupt or off-screen state falls back to a centred default; this never throws. */
export function restoreWindowState(file: string, workAreas: readonly Rectangle[]): InitialWindowState {
  let saved: SavedState | null = null;
  try {
    const parsed = savedStateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) saved = parsed.data;
  } catch {
    // missing or not JSON: defaults
  }
  if (!saved) return { bounds: { ...DEFAULT_SIZE }, maximized: false };
  const { maximized, ...bounds } = saved;
  if (workAreas.some((area) => overlaps(bounds, area))) return { bounds, maximized };
  // Its display is gone (unplugged monitor): the size may not fit either, so start from the default.
  return { bounds: { ...DEFAULT_SIZE }, maximized };
}

function overlaps(a: Rectangle, b: Rectangle): boolean {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width >= MIN_VISIBLE_PX && height >= MIN_VISIBLE_PX;
}

/** Saves the window's normal (un-maximized) bounds shortly after it moves or resizes, and on close. */
export function trackWindowState(win: BrowserWindow, file: string, logger: Logger): void {
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    clearTimeout(timer);
    if (win.isDestroyed()) return;
    const bounds = win.getNormalBounds();
    const state: SavedState = {
      x: Math.round(bounds.x),
      y: Math.round(bounds.y),
      width: Math.round(bounds.width),
      height: Math.round(bounds.height),
      maximized: win.isMaximized(),
    };
    try {
      // Write then rename, so a crash mid-write never leaves a half-written file behind.
      writeFileSync(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
      renameSync(`${file}.tmp`, file);
    } catch (error) {
      logger.warn('could not save the window state', { file, error });
    }
  };
  const saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  };
  win.on('resize', saveSoon);
  win.on('move', saveSoon);
  win.on('maximize', saveSoon);
  win.on('unmaximize', saveSoon);
  win.on('close', save);
}
