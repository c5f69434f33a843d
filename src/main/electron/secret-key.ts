// The desktop app's secrets key: 32 random bytes wrapped by the OS keychain (Electron safeStorage) in
// <dataDir>/secrets.safestorage. Main unwraps it and hands it to the engine process in memory; the
// raw key is never written to disk. Without a keychain the app falls back to the secrets.key file.
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeStorage } from 'electron';
import type { Logger } from '../engine/kernel/diagnostics/logger.ts';
import { createFileExclusively, SECRET_KEY_BYTES } from '../engine/secrets/index.ts';

export const SAFE_STORAGE_KEY_FILE_NAME = 'secrets.safestorage';

/**
 * The app's raw secrets key, creating and wrapping a new one on first use; null (with a warning in
 * the log) when the OS offers no real keychain, or when the wrapped key cannot be unwrapped — the
 * file is then kept untouched, since secrets set in the app can only ever be read with it.
 * Call after `app.whenReady()`: safeStorage is not available before.
 */
export async function loadSafeStorageKey(dataDir: string, logger: Logger): Promise<Buffer | null> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) {
    logger.warn('the OS keychain is not available: secrets use the secrets.key file in the data directory');
    return null;
  }
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    // basic_text "encrypts" with a password built into Chromium: no better than the key file, and less honest.
    logger.warn(
      'no keyring (gnome-libsecret or kwallet) found: secrets use the secrets.key file in the data directory',
    );
    return null;
  }
  const path = join(dataDir, SAFE_STORAGE_KEY_FILE_NAME);
  for (let attempt = 0; attempt < 3; attempt++) {
    let stored: string;
    try {
      stored = readFileSync(path, 'utf8').trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        logger.error('cannot read the wrapped secrets key', { path, error: (error as Error).message });
        return null;
      }
      const key = randomBytes(SECRET_KEY_BYTES);
      const wrapped = await safeStorage.encryptStringAsync(key.toString('base64'));
      if (createFileExclusively(path, `${wrapped.toString('base64')}\n`)) {
        logger.info('created the secrets key, wrapped by the OS keychain', { path });
        return key;
      }
      continue; // created meanwhile by another process: read that one
    }
    return unwrap(path, stored, logger);
  }
  logger.error('cannot create the wrapped secrets key', { path });
  return null;
}

async function unwrap(path: string, stored: string, logger: Logger): Promise<Buffer | null> {
  let key: Buffer;
  let shouldReEncrypt: boolean;
  try {
    const unwrapped = await safeStorage.decryptStringAsync(Buffer.from(stored, 'base64'));
    key = Buffer.from(unwrapped.result, 'base64');
    shouldReEncrypt = unwrapped.shouldReEncrypt;
  } catch (error) {
    logger.error(
      'the OS keychain cannot unwrap the secrets key (another user, machine or keychain?); secrets set in the app are unavailable and the key file is kept',
      { path, error: (error as Error).message },
    );
    return null;
  }
  if (key.length !== SECRET_KEY_BYTES) {
    logger.error('the wrapped secrets key is damaged; the file is kept', { path, bytes: key.length });
    return null;
  }
  if (shouldReEncrypt) {
    // The keychain rotated its own key: wrap ours again (same key, so replacing the file is safe).
    try {
      const wrapped = await safeStorage.encryptStringAsync(key.toString('base64'));
      const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        writeFileSync(temp, `${wrapped.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
        renameSync(temp, path);
      } finally {
        rmSync(temp, { force: true });
      }
    } catch (error) {
      logger.warn('could not re-wrap the secrets key; the old wrapping still works', {
        error: (error as Error).message,
      });
    }
  }
  return key;
}
