// Opens the cockpit's SQLite file with the pragmas every connection needs, turning unreadable,
// corrupt or too-new files into clear errors that name the path — user data is never deleted.
import { closeSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { CockpitError } from '../../../../shared/errors.ts';
import { ensurePrivateDir, tightenPath } from '../private-files.ts';
import { loadMigrations, migrate, type Migration } from './migrate.ts';

export interface OpenDatabaseOptions {
  migrations?: Migration[];
  readonly?: boolean;
}

export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Database {
  ensurePrivateDir(dirname(path));
  // SQLite creates the file 0644 (and its -wal and -shm like it): make it 0600 first, whatever the umask.
  if (!(options.readonly ?? false)) createPrivately(path);
  let db: Database;
  try {
    db = new BetterSqlite3(path, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
    });
  } catch (error) {
    throw databaseError(path, error);
  }
  try {
    // Read before any write: a foreign or corrupt file fails here, untouched.
    const version = db.pragma('user_version', { simple: true }) as number;
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    const migrations = options.migrations ?? loadMigrations();
    // WAL before migrating: in the default rollback journal each migration's commit waited for
    // several fsyncs (~180 ms of a fresh `cockpit serve`). A too-new file is refused untouched.
    const writable = !(options.readonly ?? false) && version <= migrations.length;
    if (writable) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    migrate(db, migrations);
    if (writable) {
      // Made like the database file (0600) — unless an older version left them behind.
      for (const suffix of ['-wal', '-shm']) tightenPath(`${path}${suffix}`);
    }
    return db;
  } catch (error) {
    db.close();
    throw databaseError(path, error);
  }
}

/** Creates an empty file 0600 if there is none (SQLite takes an empty file as a new database). */
function createPrivately(path: string): void {
  try {
    closeSync(openSync(path, 'a', 0o600));
  } catch {
    return; // SQLite reports why it cannot open the file
  }
  tightenPath(path);
}

function databaseError(path: string, error: unknown): CockpitError {
  if (error instanceof CockpitError) return error;
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT')) {
    return new CockpitError(
      'DATABASE',
      `The database ${path} is damaged or is not a Release Cockpit database (${message}). It was left untouched. Move it aside to start fresh; nothing is deleted.`,
      { path, reason: 'corrupt' },
    );
  }
  if (
    code === 'SQLITE_CANTOPEN' ||
    code === 'SQLITE_READONLY' ||
    code === 'SQLITE_PERM' ||
    code === 'EACCES'
  ) {
    return new CockpitError(
      'DATABASE',
      `Cannot open the database ${path}: ${message}. Check that the file and its folder are readable and writable.`,
      {
        path,
        reason: 'unreadable',
      },
    );
  }
  return new CockpitError('DATABASE', `Cannot open the database ${path}: ${message}`, {
    path,
    reason: 'other',
  });
}
