// Where the team store is: URLs checked with a clear reason, the password never saved in plain text,
// bound to its URL and key, the environment winning over the saved connection.
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures, tempDir } from '../../testing/fixtures.ts';
import { aesGcmCipher } from '../secrets/index.ts';
import {
  forgetTeamConnection,
  parseTeamUrl,
  redactUrl,
  resolveTeamConnection,
  saveTeamConnection,
  TEAM_SETTINGS_FILE_NAME,
} from './team-connection.ts';

afterEach(cleanupFixtures);

const cipher = aesGcmCipher('file', randomBytes(32));

describe('team URLs', () => {
  it('splits off the password and fills in the port', () => {
    expect(parseTeamUrl('postgres://al%40ice:p%3Ass@db.example.com/release_cockpit?sslmode=require')).toEqual(
      {
        url: 'postgres://al%40ice@db.example.com/release_cockpit?sslmode=require',
        password: 'p:ss',
        user: 'al@ice',
        host: 'db.example.com',
        port: 5432,
        database: 'release_cockpit',
      },
    );
  });

  it.each([
    ['db.example.com/x', /it is not a URL/],
    ['mysql://a@h/d', /it starts with "mysql:", expected postgres:\/\//],
    ['postgres://h:5432/d', /it names no user: each person connects as their own login role/],
    ['postgres://a@h:5432/', /it names no database/],
  ])('refuses %s with the reason', (url, reason) => {
    expect(() => parseTeamUrl(url)).toThrow(reason);
  });

  it('never repeats a password in a message', () => {
    expect(redactUrl('postgres://alice:s3cret@h/d')).toBe('postgres://alice:***@h/d');
    expect(() => parseTeamUrl('mysql://alice:s3cret@h/d')).toThrow(/^(?!.*s3cret)/);
  });
});

describe('the saved connection', () => {
  it('keeps the URL without its password, the password sealed, the file 0600', () => {
    const dataDir = tempDir();
    saveTeamConnection(dataDir, cipher, 'postgres://alice:correct-horse@db/team', null);
    const path = join(dataDir, TEAM_SETTINGS_FILE_NAME);
    expect(readFileSync(path, 'utf8')).not.toContain('correct-horse');
    expect(resolveTeamConnection({}, dataDir, cipher)).toEqual({
      url: 'postgres://alice@db/team',
      password: null,
      source: 'team connect',
    });

    saveTeamConnection(dataDir, cipher, 'postgres://alice@db/team', 'correct-horse');
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain('correct-horse');
    expect(text).not.toContain(Buffer.from('correct-horse').toString('base64'));
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(resolveTeamConnection({}, dataDir, cipher)).toMatchObject({ password: 'correct-horse' });
  });

  it('a sealed password moved to another URL, or read with another key, is refused', () => {
    const dataDir = tempDir();
    saveTeamConnection(dataDir, cipher, 'postgres://alice@db/team', 'correct-horse');
    const path = join(dataDir, TEAM_SETTINGS_FILE_NAME);
    const saved = JSON.parse(readFileSync(path, 'utf8')) as { url: string };
    writeFileSync(path, JSON.stringify({ ...saved, url: 'postgres://alice@evil/team' }));
    expect(() => resolveTeamConnection({}, dataDir, cipher)).toThrow(/cannot be decrypted/);
    saveTeamConnection(dataDir, cipher, 'postgres://alice@db/team', 'correct-horse');
    expect(() => resolveTeamConnection({}, dataDir, aesGcmCipher('file', randomBytes(32)))).toThrow(
      /cannot be decrypted/,
    );
    expect(() => resolveTeamConnection({}, dataDir, aesGcmCipher('safeStorage', randomBytes(32)))).toThrow(
      /sealed with another key \("file"\) than this host's \("safeStorage"\)/,
    );
  });

  it('COCKPIT_TEAM_URL wins; a damaged file says how to fix it; disconnect forgets', () => {
    const dataDir = tempDir();
    expect(resolveTeamConnection({}, dataDir, cipher)).toBeNull();
    saveTeamConnection(dataDir, cipher, 'postgres://alice@db/team', 'pw');
    expect(
      resolveTeamConnection({ COCKPIT_TEAM_URL: 'postgres://ci:token@db2/team' }, dataDir, cipher),
    ).toEqual({
      url: 'postgres://ci@db2/team',
      password: 'token',
      source: 'COCKPIT_TEAM_URL',
    });
    writeFileSync(join(dataDir, TEAM_SETTINGS_FILE_NAME), '{"url": 12');
    expect(() => resolveTeamConnection({}, dataDir, cipher)).toThrow(
      /is damaged .* Run "cockpit team connect URL" again/,
    );
    expect(forgetTeamConnection(dataDir)).toBe(true);
    expect(forgetTeamConnection(dataDir)).toBe(false);
    expect(resolveTeamConnection({}, dataDir, cipher)).toBeNull();
  });
});
