// Per-project secrets (name → value) for pipeline jobs: sealed with the host's cipher before they
// reach SQLite, decrypted only to hand to a job's environment or the log masker — never to a client.
import type { Database } from 'better-sqlite3';
import type { SecretInfo } from '../../../shared/domain/run.ts';
import { badRequest, CockpitError, isCockpitError } from '../../../shared/errors.ts';
import type { Clock } from '../kernel/clock.ts';
import { secretWarning } from '../kernel/masking/masker.ts';
import type { SecretCipher } from './cipher.ts';

export interface SecretStoreDeps {
  db: Database;
  cipher: SecretCipher;
  clock: Clock;
}

export interface SecretStore {
  /** Names and update times of this host's secrets (never values), by name. */
  list(projectId: number): SecretInfo[];
  /** Sets or replaces a secret; `warning` says when the value is too short or common to mask well. */
  set(projectId: number, name: string, value: string): { warning: string | null };
  /** Deletes this host's copy of a secret; false when there was none. */
  delete(projectId: number, name: string): boolean;
  /** The named secrets' values; NOT_FOUND naming every missing one and how to set it. */
  resolve(projectId: number, names: string[]): Record<string, string>;
  /** Every value this host can decrypt for the project, to mask in logs. */
  values(projectId: number): string[];
}

const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const MAX_SECRET_LENGTH = 65_536;

/** Variables a secret must not replace: they change how the shell and every program start. */
const RESERVED_NAMES = new Set([
  'PATH',
  'HOME',
  'SHELL',
  'ENV',
  'BASH_ENV',
  'CI',
  'IFS',
  'LD_PRELOAD',
  'LD_LIBRARY_PATH',
  'NODE_OPTIONS',
  'PYTHONPATH',
  'GIT_DIR',
]);

/** How each key id is described to people, when a secret exists only under another host's key. */
const keyHolders: Record<string, string> = {
  safeStorage: 'the desktop app (its key is kept in the OS keychain)',
  file: 'the command line or web host (its key is the secrets.key file)',
};

interface SecretRow {
  name: string;
  key_id: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
  updated_at: number;
}

/**
 * The row's identity, bound to its ciphertext as GCM additional data: a value copied to another
 * project, name or key id does not decrypt.
 */
export function secretAad(projectId: number, name: string, keyId: string): Buffer {
  return Buffer.from(`cockpit-secret-v1\0${projectId}\0${name}\0${keyId}`, 'utf8');
}

export function createSecretStore({ db, cipher, clock }: SecretStoreDeps): SecretStore {
  const keyId = cipher.keyId;
  const selectInfo = db.prepare<[number, string], { name: string; updated_at: number }>(
    'SELECT name, updated_at FROM secrets WHERE project_id = ? AND key_id = ? ORDER BY name',
  );
  const selectRows = db.prepare<[number, string], SecretRow>(
    'SELECT name, key_id, iv, tag, ciphertext, updated_at FROM secrets WHERE project_id = ? AND key_id = ? ORDER BY name',
  );
  const selectElsewhere = db.prepare<[number, string], { name: string; key_id: string }>(
    'SELECT name, key_id FROM secrets WHERE project_id = ? AND key_id <> ? ORDER BY name, key_id',
  );
  const upsert = db.prepare(
    `INSERT INTO secrets (project_id, name, key_id, iv, tag, ciphertext, updated_at)
     VALUES (@projectId, @name, @keyId, @iv, @tag, @ciphertext, @updatedAt)
     ON CONFLICT (project_id, name, key_id) DO UPDATE SET
       iv = excluded.iv, tag = excluded.tag, ciphertext = excluded.ciphertext, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare<[number, string, string]>(
    'DELETE FROM secrets WHERE project_id = ? AND name = ? AND key_id = ?',
  );

  function open(projectId: number, row: SecretRow): string {
    try {
      const plain = cipher.decrypt(row, secretAad(projectId, row.name, row.key_id));
      const value = plain.toString('utf8');
      plain.fill(0);
      return value;
    } catch (error) {
      if (isCockpitError(error)) throw error; // e.g. the key file is missing or too open: its own message
      throw new CockpitError(
        'SECRETS',
        `Secret "${row.name}" cannot be decrypted: its stored value was altered, or it was sealed with another key than this host's ("${keyId}"). Set it again to replace it.`,
        { projectId, name: row.name, reason: 'undecryptable' },
      );
    }
  }

  return {
    list: (projectId) =>
      selectInfo.all(projectId, keyId).map((row) => ({ name: row.name, updatedAt: row.updated_at })),

    set(projectId, name, value) {
      if (!NAME_PATTERN.test(name)) {
        throw badRequest(
          `"${name}" cannot be a secret name: it becomes an environment variable, so use letters, digits and underscores, not starting with a digit.`,
          [{ path: 'name', message: 'letters, digits and underscores, not starting with a digit' }],
          { name },
        );
      }
      if (RESERVED_NAMES.has(name) || name.startsWith('COCKPIT_')) {
        throw badRequest(
          `"${name}" cannot be a secret name: jobs rely on it (${name.startsWith('COCKPIT_') ? 'COCKPIT_* variables describe the run' : 'it changes how every program runs'}).`,
          [{ path: 'name', message: 'reserved' }],
          { name },
        );
      }
      if (value.length === 0)
        throw badRequest(`Secret "${name}" needs a value.`, [{ path: 'value', message: 'needs a value' }], {
          name,
        });
      if (value.length > MAX_SECRET_LENGTH) {
        throw badRequest(
          `Secret "${name}" is longer than ${MAX_SECRET_LENGTH} characters.`,
          [{ path: 'value', message: `longer than ${MAX_SECRET_LENGTH} characters` }],
          { name },
        );
      }
      const plain = Buffer.from(value, 'utf8');
      let sealed;
      try {
        sealed = cipher.encrypt(plain, secretAad(projectId, name, keyId));
      } catch (error) {
        if (isCockpitError(error)) throw error;
        throw new CockpitError('INTERNAL', `Cannot encrypt secret "${name}": ${(error as Error).message}`, {
          name,
        });
      } finally {
        plain.fill(0);
      }
      try {
        upsert.run({ projectId, name, keyId, ...sealed, updatedAt: clock.now() });
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
          throw new CockpitError('NOT_FOUND', `There is no project with id ${projectId}.`, { projectId });
        }
        throw error;
      }
      return { warning: secretWarning(value) };
    },

    delete: (projectId, name) => remove.run(projectId, name, keyId).changes > 0,

    resolve(projectId, names) {
      const wanted = [...new Set(names)];
      const rows = new Map(selectRows.all(projectId, keyId).map((row) => [row.name, row]));
      const missing = wanted.filter((name) => !rows.has(name));
      if (missing.length > 0) throw missingError(projectId, missing);
      const values: Record<string, string> = {};
      for (const name of wanted) values[name] = open(projectId, rows.get(name)!);
      return values;
    },

    values(projectId) {
      const values: string[] = [];
      for (const row of selectRows.all(projectId, keyId)) {
        // A value nobody can decrypt cannot leak into a log either; resolve() reports it when used.
        try {
          values.push(open(projectId, row));
        } catch {
          continue;
        }
      }
      return values;
    },
  };

  function missingError(projectId: number, missing: string[]): CockpitError {
    const elsewhere = new Map<string, string[]>();
    for (const row of selectElsewhere.all(projectId, keyId)) {
      if (missing.includes(row.name))
        elsewhere.set(row.name, [...(elsewhere.get(row.name) ?? []), row.key_id]);
    }
    const list = missing.map((name) => `"${name}"`).join(', ');
    const lines = [
      `${missing.length === 1 ? 'Secret' : 'Secrets'} ${list} ${missing.length === 1 ? 'is' : 'are'} not set for this project.`,
      'Set secrets in the app (Settings → Secrets), or with the command line: cockpit secrets set NAME --project DIR (the value is read from standard input).',
    ];
    for (const [name, keyIds] of elsewhere) {
      const holders = keyIds.map((id) => keyHolders[id] ?? `another host (key "${id}")`).join(' and ');
      lines.push(`"${name}" was set by ${holders}, whose key this host cannot use; set it here as well.`);
    }
    return new CockpitError('NOT_FOUND', lines.join('\n'), {
      projectId,
      missing,
      elsewhere: Object.fromEntries(elsewhere),
    });
  }
}
