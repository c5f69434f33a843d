// Opens a connection to the team store as the person's own login role, and turns the ways that can
// fail (server down, wrong password, no such database) into one clear DATABASE error.
import pg from 'pg';
import { CockpitError } from '../../../shared/errors.ts';
import { parseTeamUrl, type TeamConnection } from './team-connection.ts';

export const TEAM_CONNECT_TIMEOUT_MS = 5_000;

/** The server asked for a password and none was given: the CLI may prompt for one and retry. */
export class TeamPasswordNeeded extends CockpitError {
  constructor(url: string) {
    super('DATABASE', `The team store at ${url} asks for a password and none was given.`, {
      reason: 'password-needed',
    });
  }
}

export async function openTeamClient(
  connection: Pick<TeamConnection, 'url' | 'password'>,
): Promise<pg.Client> {
  const parsed = parseTeamUrl(connection.url);
  const client = new pg.Client({
    host: parsed.host,
    port: parsed.port,
    user: parsed.user,
    database: parsed.database,
    ...(connection.password !== null ? { password: connection.password } : {}),
    application_name: 'release-cockpit',
    connectionTimeoutMillis: TEAM_CONNECT_TIMEOUT_MS,
    ...sslFrom(connection.url),
  });
  // A connection that drops later must not crash the process; the next query reports it.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw teamConnectError(parsed.url, error);
  }
  return client;
}

/** sslmode in the URL: require/verify-* use TLS (verify-full checks the certificate), else plain. */
function sslFrom(url: string): { ssl?: boolean | { rejectUnauthorized: boolean } } {
  const mode = new URL(url).searchParams.get('sslmode');
  if (mode === 'verify-full' || mode === 'verify-ca') return { ssl: { rejectUnauthorized: true } };
  if (mode === 'require') return { ssl: { rejectUnauthorized: false } };
  return {};
}

export function teamConnectError(url: string, error: unknown): CockpitError {
  const err = error as { code?: string; message?: string };
  const message = err.message ?? String(error);
  if (/password must be a string|password authentication.*no password|no password supplied/i.test(message)) {
    return new TeamPasswordNeeded(url);
  }
  const reasons: Record<string, string> = {
    '28P01': 'the password is wrong',
    '28000': 'the server does not let this role connect (pg_hba.conf)',
    '3D000': 'the database does not exist',
    ECONNREFUSED: 'nothing answers there (is the server running, and the port right?)',
    ENOTFOUND: 'the host name is unknown',
    EHOSTUNREACH: 'the host cannot be reached',
    ETIMEDOUT: 'the connection timed out',
  };
  const reason =
    (err.code !== undefined ? reasons[err.code] : undefined) ??
    (/timeout/i.test(message) ? `no answer within ${TEAM_CONNECT_TIMEOUT_MS / 1000} s` : message);
  return new CockpitError('DATABASE', `The team store at ${url} cannot be reached: ${reason}.`, {
    reason: 'team-unreachable',
    code: err.code,
  });
}
