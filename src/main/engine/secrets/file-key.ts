// The secrets key of the CLI and the web host: 32 random bytes in <dataDir>/secrets.key, readable by
// its owner only. Also picks the cipher for a host: a key the host hands over (the desktop app's,
// wrapped by the OS keychain) or this file. docs/secrets.md says what each protects against.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fstatSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { CockpitError } from '../../../shared/errors.ts';
import { aesGcmCipher, SECRET_KEY_BYTES, type SecretCipher } from './cipher.ts';

export const SECRETS_KEY_FILE_NAME = 'secrets.key';
export const FILE_KEY_ID = 'file';
/** The desktop app's key id: its key is wrapped by the OS keychain (see src/main/electron/secret-key.ts). */
export const SAFE_STORAGE_KEY_ID = 'safeStorage';
const checkMode = process.platform !== 'win32'; // Windows has ACLs, not mode bits: Node reports 0o666

/** A key handed over by the host, in memory (the desktop app's key id is 'safeStorage'). */
export interface SuppliedKey {
  keyId: string;
  key: Buffer;
}

/** The host's key when it supplied one, else the key file in the data directory. */
export function hostCipher(dataDir: string, supplied?: SuppliedKey | null): SecretCipher {
  return supplied ? aesGcmCipher(supplied.keyId, supplied.key) : fileKeyCipher(dataDir);
}

/**
 * A cipher with key id 'file' whose key lives in <dataDir>/secrets.key. The file is read (and its
 * permissions checked) on every use — 32 bytes, next to nothing — so a replaced, removed or opened-up
 * key file is noticed at once. The first encryption creates it (0600); decrypting never does.
 */
export function fileKeyCipher(dataDir: string): SecretCipher {
  const path = join(dataDir, SECRETS_KEY_FILE_NAME);
  const withKey = (create: boolean): SecretCipher => {
    const key = create ? readOrCreateKeyFile(path) : readKeyFile(path);
    if (!key) {
      throw new CockpitError(
        'SECRETS',
        `The secrets key file ${path} is missing, so secrets saved with it cannot be decrypted. Set them again (cockpit secrets set NAME --project DIR); a new key file is created then.`,
        { path, reason: 'key-missing' },
      );
    }
    try {
      return aesGcmCipher(FILE_KEY_ID, key);
    } finally {
      key.fill(0);
    }
  };
  return {
    keyId: FILE_KEY_ID,
    encrypt: (plain, aad) => withKey(true).encrypt(plain, aad),
    decrypt: (sealed, aad) => withKey(false).decrypt(sealed, aad),
  };
}

/** Reads the key file, creating it with a fresh random key if there is none. */
export function readOrCreateKeyFile(path: string): Buffer {
  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = readKeyFile(path);
    if (existing) return existing;
    const key = randomBytes(SECRET_KEY_BYTES);
    if (createFileExclusively(path, key)) return key;
    // Another process (the app and a CLI at once) created it first: use theirs.
  }
  throw new CockpitError(
    'INTERNAL',
    `Cannot create the secrets key file ${path}: it keeps appearing and vanishing.`,
  );
}

/** The key in the file, or null when there is no file; refuses a file other users can read. */
export function readKeyFile(path: string): Buffer | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CockpitError(
      'SECRETS',
      `Cannot read the secrets key file ${path}: ${(error as Error).message}`,
      {
        path,
      },
    );
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      throw new CockpitError('SECRETS', `The secrets key ${path} is not a regular file.`, { path });
    }
    if (checkMode && (stat.mode & 0o077) !== 0) {
      const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
      throw new CockpitError(
        'SECRETS',
        `The secrets key file ${path} can be accessed by other users (mode ${mode}), so it is not used. ` +
          `If only you have used this computer, restrict it with: chmod 600 "${path}". ` +
          `If others may have read it, delete it instead and set your secrets again.`,
        { path, mode, reason: 'key-permissions' },
      );
    }
    const key = readFileSync(fd);
    if (key.length !== SECRET_KEY_BYTES) {
      throw new CockpitError(
        'SECRETS',
        `The secrets key file ${path} is damaged (${key.length} bytes, expected ${SECRET_KEY_BYTES}). Secrets saved with it cannot be decrypted; delete the file and set them again.`,
        { path, reason: 'key-damaged' },
      );
    }
    return key;
  } finally {
    closeSync(fd);
  }
}

/**
 * Creates `path` with `data` and mode 0600, all at once or not at all: written to a temporary file,
 * flushed, then hard-linked into place (which fails if the file exists, unlike a rename). Returns
 * false when the file already exists. For key files, never for anything large.
 */
export function createFileExclusively(path: string, data: Buffer | string): boolean {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    try {
      if (checkMode) fchmodSync(fd, 0o600); // whatever the umask
      writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(temp, path);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
      // A file system without hard links: exclusive create in place (a reader may briefly see it short).
      try {
        const direct = openSync(path, 'wx', 0o600);
        try {
          writeSync(direct, typeof data === 'string' ? Buffer.from(data) : data);
          fsyncSync(direct);
        } finally {
          closeSync(direct);
        }
        return true;
      } catch (fallbackError) {
        if ((fallbackError as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw fallbackError;
      }
    }
  } finally {
    rmSync(temp, { force: true });
  }
}
