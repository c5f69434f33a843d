// Moving a damaged database aside — only ever on the user's explicit request. Kept apart from
// database.ts so the Electron main process can offer it without loading SQLite.
import { existsSync, renameSync } from 'node:fs';

/** Renames the database (and its WAL/SHM companions) aside, only when the user asks. Returns the new path. */
export function moveDatabaseAside(path: string, now = new Date()): string | null {
  if (!existsSync(path)) return null;
  const stamp = now
    .toISOString()
    .replaceAll(':', '-')
    .replace(/\.\d+Z$/, 'Z');
  const target = `${path}.broken-${stamp}`;
  renameSync(path, target);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix);
  }
  return target;
}
