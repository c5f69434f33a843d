// The secret store on a real SQLite file and a real key file: values round-trip, never reach the
// database in plain text, cannot be moved between rows, and each host reads only its own key's rows.
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CockpitError } from '../../../shared/errors.ts';
import { manualClock } from '../kernel/clock.ts';
import { openDatabase } from '../kernel/store/database.ts';
import { cleanupFixtures, tempDir } from '../../testing/fixtures.ts';
import { aesGcmCipher, type SecretCipher } from './cipher.ts';
import { createFileExclusively, fileKeyCipher, hostCipher, SECRETS_KEY_FILE_NAME } from './file-key.ts';
import { createSecretStore } from './secret-store.ts';

const databases: Database[] = [];
afterEach(async () => {
  while (databases.length > 0) databases.pop()!.close();
  await cleanupFixtures();
});

const posix = process.platform !== 'win32';

function setup(cipher?: (dataDir: string) => SecretCipher) {
  const dataDir = tempDir('cockpit-secrets-');
  const db = openDatabase(join(dataDir, 'cockpit.db'));
  databases.push(db);
  const addProject = (path: string) =>
    Number(
      db
        .prepare(
          `INSERT INTO projects (name, path, added_at, config_status, checked_at) VALUES (?, ?, 0, 'ok', 0)`,
        )
        .run(path, path).lastInsertRowid,
    );
  const clock = manualClock();
  const store = createSecretStore({ db, cipher: (cipher ?? fileKeyCipher)(dataDir), clock });
  return { dataDir, db, clock, store, projectA: addProject('/a'), projectB: addProject('/b') };
}

function caught(fn: () => unknown): CockpitError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CockpitError);
    return error as CockpitError;
  }
  throw new Error('expected an error');
}

describe('secret store', () => {
  it('round-trips values and lists only names and times', () => {
    const { store, clock, projectA, projectB } = setup();
    expect(store.set(projectA, 'NPM_TOKEN', 'npm_0123456789abcdef')).toEqual({ warning: null });
    clock.advance(1000);
    store.set(projectA, 'DEPLOY_KEY', 'ssh-ed25519 AAAA… ünïcødé');
    store.set(projectB, 'NPM_TOKEN', 'another-project-token');

    expect(store.list(projectA)).toEqual([
      { name: 'DEPLOY_KEY', updatedAt: clock.now() },
      { name: 'NPM_TOKEN', updatedAt: clock.now() - 1000 },
    ]);
    expect(JSON.stringify(store.list(projectA))).not.toContain('npm_0123');
    expect(store.resolve(projectA, ['NPM_TOKEN', 'DEPLOY_KEY', 'NPM_TOKEN'])).toEqual({
      NPM_TOKEN: 'npm_0123456789abcdef',
      DEPLOY_KEY: 'ssh-ed25519 AAAA… ünïcødé',
    });
    expect(store.values(projectB)).toEqual(['another-project-token']);

    clock.advance(1000);
    store.set(projectA, 'NPM_TOKEN', 'npm_replaced_value_42');
    expect(store.resolve(projectA, ['NPM_TOKEN'])).toEqual({ NPM_TOKEN: 'npm_replaced_value_42' });
    expect(store.list(projectA)[1]).toEqual({ name: 'NPM_TOKEN', updatedAt: clock.now() });

    expect(store.delete(projectA, 'NPM_TOKEN')).toBe(true);
    expect(store.delete(projectA, 'NPM_TOKEN')).toBe(false);
    expect(store.list(projectA).map((secret) => secret.name)).toEqual(['DEPLOY_KEY']);
  });

  it('never writes a value to the database files in plain text', () => {
    const { store, db, dataDir, projectA } = setup();
    const value = 'plaintext-canary-7f3a9c1e5b';
    store.set(projectA, 'CANARY', value);
    const everyFile = () =>
      Buffer.concat(
        readdirSync(dataDir)
          .filter((file) => file.startsWith('cockpit.db'))
          .map((file) => readFileSync(join(dataDir, file))),
      );
    expect(everyFile().includes(value)).toBe(false); // main file and WAL
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(everyFile().includes(value)).toBe(false);
    expect(everyFile().includes(Buffer.from(value).toString('base64'))).toBe(false);
    expect(store.resolve(projectA, ['CANARY'])).toEqual({ CANARY: value });
  });

  it('binds each ciphertext to its row: swapped values do not decrypt', () => {
    const { store, db, projectA, projectB } = setup();
    store.set(projectA, 'FIRST', 'first-secret-value');
    store.set(projectA, 'SECOND', 'second-secret-value');
    store.set(projectB, 'FIRST', 'first-of-project-b');
    db.exec(`
      CREATE TEMP TABLE saved AS SELECT project_id, name, iv, tag, ciphertext FROM secrets;
      UPDATE secrets SET (iv, tag, ciphertext) =
        (SELECT iv, tag, ciphertext FROM saved WHERE saved.project_id = ${projectA} AND saved.name = 'SECOND')
        WHERE project_id = ${projectA} AND name = 'FIRST';
      UPDATE secrets SET (iv, tag, ciphertext) =
        (SELECT iv, tag, ciphertext FROM saved WHERE saved.project_id = ${projectA} AND saved.name = 'FIRST')
        WHERE project_id = ${projectB} AND name = 'FIRST';`);

    for (const [project, name] of [
      [projectA, 'FIRST'],
      [projectB, 'FIRST'],
    ] as const) {
      const error = caught(() => store.resolve(project, [name]));
      expect(error.code).toBe('SECRETS');
      expect(error.message).toMatch(/Secret "FIRST" cannot be decrypted: its stored value was altered/);
      expect(error.message).not.toMatch(/secret-value|project-b/);
      expect(JSON.stringify(error.details)).not.toMatch(/secret-value|project-b/);
    }
    expect(store.resolve(projectA, ['SECOND'])).toEqual({ SECOND: 'second-secret-value' });
    // Masking still gets every value it can read; the unreadable ones cannot leak anyway.
    expect(store.values(projectA)).toEqual(['second-secret-value']);
  });

  it('refuses a tampered value', () => {
    const { store, db, projectA } = setup();
    store.set(projectA, 'TOKEN', 'token-value-123456');
    const row = db.prepare<[], { ciphertext: Buffer }>('SELECT ciphertext FROM secrets').get()!;
    row.ciphertext[0]! ^= 1;
    db.prepare('UPDATE secrets SET ciphertext = ?').run(row.ciphertext);
    expect(caught(() => store.resolve(projectA, ['TOKEN'])).code).toBe('SECRETS');
  });

  it('names every missing secret and says how to set it', () => {
    const { store, projectA } = setup();
    store.set(projectA, 'PRESENT', 'present-value-123');
    const error = caught(() => store.resolve(projectA, ['PRESENT', 'NPM_TOKEN', 'DEPLOY_KEY']));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('Secrets "NPM_TOKEN", "DEPLOY_KEY" are not set for this project.');
    expect(error.message).toContain('Settings → Secrets');
    expect(error.message).toContain('cockpit secrets set NAME --project DIR');
    expect(error.details).toMatchObject({ missing: ['NPM_TOKEN', 'DEPLOY_KEY'], elsewhere: {} });
    expect(caught(() => store.resolve(projectA, ['ONE'])).message).toMatch(/^Secret "ONE" is not set/);
    expect(store.resolve(projectA, [])).toEqual({});
  });

  it('reports a secret stored under another host’s key as set elsewhere, and leaves it alone', () => {
    const appKey = randomBytes(32);
    const app = setup((_dir) => aesGcmCipher('safeStorage', appKey));
    app.store.set(app.projectA, 'DEPLOY_TOKEN', 'set-in-the-desktop-app');
    // The CLI on the same database, with its key file.
    const cli = createSecretStore({ db: app.db, cipher: fileKeyCipher(app.dataDir), clock: app.clock });
    expect(cli.list(app.projectA)).toEqual([]);
    expect(cli.values(app.projectA)).toEqual([]);
    const error = caught(() => cli.resolve(app.projectA, ['DEPLOY_TOKEN']));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain(
      '"DEPLOY_TOKEN" was set by the desktop app (its key is kept in the OS keychain)',
    );
    expect(error.details).toMatchObject({ elsewhere: { DEPLOY_TOKEN: ['safeStorage'] } });
    expect(cli.delete(app.projectA, 'DEPLOY_TOKEN')).toBe(false);

    // Both hosts can hold their own copy.
    cli.set(app.projectA, 'DEPLOY_TOKEN', 'set-on-the-command-line');
    expect(cli.resolve(app.projectA, ['DEPLOY_TOKEN'])).toEqual({ DEPLOY_TOKEN: 'set-on-the-command-line' });
    expect(app.store.resolve(app.projectA, ['DEPLOY_TOKEN'])).toEqual({
      DEPLOY_TOKEN: 'set-in-the-desktop-app',
    });

    const otherKey = aesGcmCipher('safeStorage', randomBytes(32)); // same id, another machine's key
    const stranger = createSecretStore({ db: app.db, cipher: otherKey, clock: app.clock });
    expect(caught(() => stranger.resolve(app.projectA, ['DEPLOY_TOKEN'])).code).toBe('SECRETS');
  });

  it('warns about values too short to mask, and validates names, values and projects', () => {
    const { store, projectA } = setup();
    expect(store.set(projectA, 'PIN', 'abc').warning).toMatch(/will NOT be masked/);
    expect(store.resolve(projectA, ['PIN'])).toEqual({ PIN: 'abc' }); // a warning, not a refusal
    expect(caught(() => store.set(projectA, '1BAD', 'value-1234')).code).toBe('BAD_REQUEST');
    expect(caught(() => store.set(projectA, 'BAD-NAME', 'value-1234')).code).toBe('BAD_REQUEST');
    expect(caught(() => store.set(projectA, 'EMPTY', '')).code).toBe('BAD_REQUEST');
    expect(caught(() => store.set(projectA, 'HUGE', 'x'.repeat(65_537))).code).toBe('BAD_REQUEST');
    expect(caught(() => store.set(9999, 'TOKEN', 'value-1234')).code).toBe('NOT_FOUND');
  });
});

describe('file key', () => {
  it('is created on the first secret set, with mode 0600, and reused by later processes', () => {
    const { store, dataDir, db, clock, projectA } = setup();
    const keyFile = join(dataDir, SECRETS_KEY_FILE_NAME);
    store.list(projectA);
    expect(() => statSync(keyFile)).toThrow(/ENOENT/); // reading nothing creates nothing
    store.set(projectA, 'TOKEN', 'value-0123456789');
    if (posix) expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile)).toHaveLength(32);
    expect(readdirSync(dataDir).filter((file) => file.endsWith('.tmp'))).toEqual([]);

    const again = createSecretStore({ db, cipher: hostCipher(dataDir, null), clock });
    expect(again.resolve(projectA, ['TOKEN'])).toEqual({ TOKEN: 'value-0123456789' });
  });

  it.skipIf(!posix)('refuses a key file that other users can read', () => {
    const { store, dataDir, db, clock, projectA } = setup();
    store.set(projectA, 'TOKEN', 'value-0123456789');
    const keyFile = join(dataDir, SECRETS_KEY_FILE_NAME);
    chmodSync(keyFile, 0o644);
    const later = createSecretStore({ db, cipher: fileKeyCipher(dataDir), clock });
    const error = caught(() => later.resolve(projectA, ['TOKEN']));
    expect(error.code).toBe('SECRETS');
    expect(error.message).toContain(`can be accessed by other users (mode 0644)`);
    expect(error.message).toContain(`chmod 600 "${keyFile}"`);
    expect(caught(() => later.set(projectA, 'OTHER', 'value-0123456789')).message).toContain('mode 0644');
    chmodSync(keyFile, 0o600);
    expect(later.resolve(projectA, ['TOKEN'])).toEqual({ TOKEN: 'value-0123456789' });
  });

  it('says so when the key file is missing or damaged, never creating a new one to decrypt', () => {
    const { store, dataDir, db, clock, projectA } = setup();
    store.set(projectA, 'TOKEN', 'value-0123456789');
    const keyFile = join(dataDir, SECRETS_KEY_FILE_NAME);
    writeFileSync(keyFile, 'short', { mode: 0o600 });
    const damaged = createSecretStore({ db, cipher: fileKeyCipher(dataDir), clock });
    expect(caught(() => damaged.resolve(projectA, ['TOKEN'])).message).toMatch(
      /is damaged \(5 bytes, expected 32\)/,
    );

    const emptyDir = tempDir();
    const lost = createSecretStore({ db, cipher: fileKeyCipher(emptyDir), clock });
    // Rows under key id "file" exist, but this data directory has no key file.
    expect(caught(() => lost.resolve(projectA, ['TOKEN'])).message).toMatch(/secrets.key is missing/);
    expect(() => statSync(join(emptyDir, SECRETS_KEY_FILE_NAME))).toThrow(/ENOENT/);
  });

  it('creates a file only if none exists, atomically', () => {
    const dir = tempDir();
    const path = join(dir, 'sub', 'key');
    expect(createFileExclusively(path, Buffer.from('first'))).toBe(true);
    expect(createFileExclusively(path, Buffer.from('second'))).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe('first');
    expect(readdirSync(join(dir, 'sub'))).toEqual(['key']);
  });
});

describe('AES-256-GCM cipher', () => {
  it('uses a fresh IV per value, needs the same additional data, and refuses short keys', () => {
    const cipher = aesGcmCipher('test', randomBytes(32));
    const aad = Buffer.from('row');
    const a = cipher.encrypt(Buffer.from('same'), aad);
    const b = cipher.encrypt(Buffer.from('same'), aad);
    expect(a.iv).toHaveLength(12);
    expect(a.tag).toHaveLength(16);
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
    expect(cipher.decrypt(a, aad).toString()).toBe('same');
    expect(() => cipher.decrypt(a, Buffer.from('other row'))).toThrow();
    expect(() => aesGcmCipher('short', randomBytes(16))).toThrow(/must be 32 bytes, got 16/);
  });
});
