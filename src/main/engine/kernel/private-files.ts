// The cockpit's files are its user's alone, whatever the umask: folders 0700, files 0600 (POSIX).
// New ones are created that way; existing ones are tightened when the engine starts. Only regular
// files and folders owned by this user are ever changed — never a device, a symbolic link's target
// or someone else's file (the data directory may hold a link the user made on purpose).
import {
  chmodSync,
  fchmodSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  statSync,
  type Stats,
} from 'node:fs';
import { dirname, join } from 'node:path';

const POSIX = process.platform !== 'win32'; // Windows has ACLs, not mode bits

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

function ours(stat: Stats): boolean {
  const uid = process.getuid?.();
  return uid === undefined || stat.uid === uid;
}

/** Creates `path` (and missing parents) as 0700, and tightens it if it exists more open. */
export function ensurePrivateDir(path: string): void {
  makeDirs(path);
  tightenPath(path);
}

// Node's `mkdirSync(…, { recursive: true })` spins forever where a parent refuses new entries with
// ENOENT (e.g. under /proc), so the parents are walked here, each at most once.
function makeDirs(path: string): void {
  try {
    mkdirSync(path, { mode: PRIVATE_DIR_MODE });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && statSync(path, { throwIfNoEntry: false })?.isDirectory()) return;
    const parent = dirname(path);
    if (code !== 'ENOENT' || parent === path || statSync(parent, { throwIfNoEntry: false })) throw error;
    makeDirs(parent);
    makeDirs(path); // the parent exists now, so this ends here
  }
}

/** Tightens an open file to 0600 (only a regular file of ours; a failure is ignored). */
export function tightenFd(fd: number): void {
  if (!POSIX) return;
  try {
    const stat = fstatSync(fd);
    if (stat.isFile() && ours(stat) && (stat.mode & 0o077) !== 0) fchmodSync(fd, PRIVATE_FILE_MODE);
  } catch {
    // not ours to change, or gone: the caller goes on
  }
}

/** Tightens a file to 0600 or a folder to 0700; true when it changed something. Never follows links. */
export function tightenPath(path: string): boolean {
  if (!POSIX) return false;
  try {
    const stat = lstatSync(path, { throwIfNoEntry: false });
    if (!stat || !ours(stat) || (stat.mode & 0o077) === 0) return false;
    if (stat.isDirectory()) chmodSync(path, PRIVATE_DIR_MODE);
    else if (stat.isFile()) chmodSync(path, PRIVATE_FILE_MODE);
    else return false;
    return true;
  } catch {
    return false;
  }
}

/**
 * At start: the data directory, its database (with -wal and -shm), key files and logs, and the
 * folders of run logs, artifacts, evidence and worktrees become 0700/0600. Files inside those
 * folders are reached only through them, so a 0700 folder closes them all; run logs and logs are
 * tightened one by one as well (they are what a reader would look for). Returns what it changed.
 */
export function tightenDataDir(dataDir: string): string[] {
  if (!POSIX) return [];
  const changed: string[] = [];
  const tighten = (path: string) => {
    if (tightenPath(path)) changed.push(path);
  };
  tighten(dataDir);
  for (const entry of list(dataDir)) tighten(join(dataDir, entry));
  for (const folder of ['logs', 'run-logs']) {
    for (const entry of list(join(dataDir, folder))) tighten(join(dataDir, folder, entry));
  }
  return changed;
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
