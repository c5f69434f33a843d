// Where this machine's team store is: a postgres:// URL from COCKPIT_TEAM_URL, or the one saved by
// `cockpit team connect` in <dataDir>/team.json (0600). The URL is saved without its password; the
// password is sealed with the host's secrets key (the secret store's cipher), bound to the URL.
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { badRequest, CockpitError } from '../../../shared/errors.ts';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../kernel/private-files.ts';
import type { SecretCipher } from '../secrets/index.ts';

export const TEAM_SETTINGS_FILE_NAME = 'team.json';

export interface TeamUrl {
  /** The URL without a password: what is saved and shown. */
  url: string;
  /** The password the URL carried, if any (never saved as is). */
  password: string | null;
  user: string;
  host: string;
  port: number;
  database: string;
}

export interface TeamConnection {
  url: string;
  password: string | null;
  /** Where the URL came from: the environment wins over the saved connection. */
  source: 'COCKPIT_TEAM_URL' | 'team connect';
}

interface SealedField {
  keyId: string;
  iv: string;
  tag: string;
  ciphertext: string;
}

interface TeamSettingsFile {
  url: string;
  password?: SealedField;
  connectedAt: string;
}

/** Parses a postgres:// URL; a bad one is a BAD_REQUEST naming what is wrong. */
export function parseTeamUrl(text: string): TeamUrl {
  let parsed: URL;
  try {
    parsed = new URL(text.trim());
  } catch {
    throw invalidUrl(text, 'it is not a URL; expected postgres://USER@HOST:PORT/DATABASE');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw invalidUrl(text, `it starts with "${parsed.protocol}", expected postgres://`);
  }
  if (parsed.hostname === '') throw invalidUrl(text, 'it names no host');
  const user = decodeURIComponent(parsed.username);
  if (user === '') throw invalidUrl(text, 'it names no user: each person connects as their own login role');
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (database === '') throw invalidUrl(text, 'it names no database (postgres://USER@HOST:PORT/DATABASE)');
  const password = parsed.password === '' ? null : decodeURIComponent(parsed.password);
  parsed.password = '';
  return {
    url: parsed.toString(),
    password,
    user,
    host: parsed.hostname,
    port: parsed.port === '' ? 5432 : Number(parsed.port),
    database,
  };
}

function invalidUrl(text: string, why: string): CockpitError {
  return badRequest(`The team URL ${redactUrl(text)} cannot be used: ${why}.`, [
    { path: 'url', message: why },
  ]);
}

/** The URL with any password replaced by "***", for messages. */
export function redactUrl(text: string): string {
  return text.replace(/^(\w+:\/\/[^:/@]*):[^@/]*@/, '$1:***@');
}

function passwordAad(url: string): Buffer {
  return Buffer.from(`cockpit-team-password-v1\0${url}`, 'utf8');
}

/** Saves the connection (URL without password; password sealed), replacing any earlier one. */
export function saveTeamConnection(
  dataDir: string,
  cipher: SecretCipher,
  url: string,
  password: string | null,
  now: Date = new Date(),
): void {
  const parsed = parseTeamUrl(url);
  const settings: TeamSettingsFile = { url: parsed.url, connectedAt: now.toISOString() };
  if (password !== null && password !== '') {
    const plain = Buffer.from(password, 'utf8');
    const sealed = cipher.encrypt(plain, passwordAad(parsed.url));
    plain.fill(0);
    settings.password = {
      keyId: cipher.keyId,
      iv: sealed.iv.toString('base64'),
      tag: sealed.tag.toString('base64'),
      ciphertext: sealed.ciphertext.toString('base64'),
    };
  }
  ensurePrivateDir(dataDir);
  const path = join(dataDir, TEAM_SETTINGS_FILE_NAME);
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, `${JSON.stringify(settings, null, 2)}\n`, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  chmodSync(temp, PRIVATE_FILE_MODE);
  renameSync(temp, path);
}

/** Forgets the saved connection and its sealed password; false when there was none. */
export function forgetTeamConnection(dataDir: string): boolean {
  const path = join(dataDir, TEAM_SETTINGS_FILE_NAME);
  try {
    readFileSync(path);
  } catch {
    return false;
  }
  rmSync(path, { force: true });
  return true;
}

/** The team store to use, or null when this machine is not in team mode. */
export function resolveTeamConnection(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  cipher: SecretCipher,
): TeamConnection | null {
  const fromEnv = env.COCKPIT_TEAM_URL?.trim();
  if (fromEnv) {
    const parsed = parseTeamUrl(fromEnv);
    return { url: parsed.url, password: parsed.password, source: 'COCKPIT_TEAM_URL' };
  }
  const path = join(dataDir, TEAM_SETTINGS_FILE_NAME);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let settings: TeamSettingsFile;
  try {
    settings = JSON.parse(text) as TeamSettingsFile;
    parseTeamUrl(settings.url);
  } catch (error) {
    throw new CockpitError(
      'DATABASE',
      `The team connection in ${path} is damaged (${error instanceof Error ? error.message : String(error)}). Run "cockpit team connect URL" again.`,
      { path, reason: 'team-settings' },
    );
  }
  return { url: settings.url, password: openPassword(path, settings, cipher), source: 'team connect' };
}

function openPassword(path: string, settings: TeamSettingsFile, cipher: SecretCipher): string | null {
  const sealed = settings.password;
  if (!sealed) return null;
  if (sealed.keyId !== cipher.keyId) {
    throw new CockpitError(
      'SECRETS',
      `The team password in ${path} was sealed with another key ("${sealed.keyId}") than this host's ("${cipher.keyId}"). Run "cockpit team connect URL" again here.`,
      { path, reason: 'undecryptable' },
    );
  }
  try {
    const plain = cipher.decrypt(
      {
        iv: Buffer.from(sealed.iv, 'base64'),
        tag: Buffer.from(sealed.tag, 'base64'),
        ciphertext: Buffer.from(sealed.ciphertext, 'base64'),
      },
      passwordAad(settings.url),
    );
    const password = plain.toString('utf8');
    plain.fill(0);
    return password;
  } catch (error) {
    if (error instanceof CockpitError) throw error;
    throw new CockpitError(
      'SECRETS',
      `The team password in ${path} cannot be decrypted: it was altered or sealed with another key. Run "cockpit team connect URL" again.`,
      { path, reason: 'undecryptable' },
    );
  }
}
