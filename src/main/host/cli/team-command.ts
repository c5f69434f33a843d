// `cockpit team connect URL | disconnect | status | migrate`: team mode on PostgreSQL (docs/team-mode.md).
// The password, when the URL carries one or the server asks for it, is sealed with this host's
// secrets key; the URL is saved without it. Nothing here opens the local SQLite database.
import type pg from 'pg';
import { CockpitError } from '../../../shared/errors.ts';
import { hostCipher } from '../../engine/secrets/index.ts';
import {
  assertNotNewer,
  forgetTeamConnection,
  parseTeamUrl,
  resolveTeamConnection,
  saveTeamConnection,
  type TeamConnection,
  loadTeamMigrations,
  migrateTeamStore,
  openTeamClient,
  readTeamStatus,
  TeamPasswordNeeded,
  teamSetupSql,
  type TeamStatus,
} from '../../engine/team/index.ts';
import { colors, exitCodes, paint, parseCommandArgs, UsageError, type CliIo } from './cli-io.ts';
import type { GlobalOptions } from './open-engine.ts';

const USAGE =
  'expected "team connect postgres://USER@HOST:PORT/DATABASE", "team disconnect", "team status" or "team migrate"';

export async function teamCommand(args: string[], global: GlobalOptions, io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'connect':
      return connect(rest, global, io);
    case 'disconnect':
      return disconnect(rest, global, io);
    case 'status':
      return status(rest, global, io);
    case 'migrate':
      return migrate(rest, global, io);
    case 'init':
      return init(rest, io);
    default:
      throw new UsageError(USAGE);
  }
}

async function connect(args: string[], global: GlobalOptions, io: CliIo): Promise<number> {
  const { positionals } = parseCommandArgs(args, {});
  if (positionals.length !== 1)
    throw new UsageError('expected "team connect postgres://USER@HOST:PORT/DATABASE"');
  const parsed = parseTeamUrl(positionals[0]!);
  let password = parsed.password;
  let client: pg.Client;
  try {
    client = await openTeamClient({ url: parsed.url, password });
  } catch (error) {
    if (!(error instanceof TeamPasswordNeeded)) throw error;
    password = (
      await io.readSecret(`Password for ${parsed.user} at ${parsed.host}:${parsed.port} (input hidden): `)
    ).replace(/\r?\n$/, '');
    if (password === '') {
      throw new UsageError('the team store asks for a password: pipe it on stdin, or type it when asked');
    }
    client = await openTeamClient({ url: parsed.url, password });
  }
  let info: TeamStatus;
  try {
    info = await readTeamStatus(client, `${parsed.host}:${parsed.port}`, loadTeamMigrations().length);
  } finally {
    await client.end().catch(() => {});
  }
  saveTeamConnection(global.dataDir, hostCipher(global.dataDir), parsed.url, password);
  io.stdout(
    `Connected to the team store ${parsed.url} as ${info.role} (PostgreSQL ${info.version}).` +
      (password !== null ? ' The password is saved encrypted with this host’s secrets key.' : '') +
      '\n',
  );
  for (const note of statusNotes(info)) io.stdout(`${note}\n`);
  if (io.env.COCKPIT_TEAM_URL?.trim()) {
    io.stderr(
      `${paint(io, colors.yellow, 'warning:')} COCKPIT_TEAM_URL is set and is used instead of this connection.\n`,
    );
  }
  return exitCodes.ok;
}

function disconnect(args: string[], global: GlobalOptions, io: CliIo): number {
  const { positionals } = parseCommandArgs(args, {});
  if (positionals.length !== 0) throw new UsageError('expected "team disconnect"');
  const forgot = forgetTeamConnection(global.dataDir);
  io.stdout(
    forgot
      ? 'Left team mode: the saved team connection and its password are removed. Local data is untouched; the team store keeps the shared record.\n'
      : 'This machine was not connected to a team store.\n',
  );
  if (io.env.COCKPIT_TEAM_URL?.trim()) {
    io.stderr(
      `${paint(io, colors.yellow, 'warning:')} COCKPIT_TEAM_URL is still set: unset it to leave team mode.\n`,
    );
  }
  return exitCodes.ok;
}

async function withTeamClient<T>(
  global: GlobalOptions,
  io: CliIo,
  use: (client: pg.Client, connection: TeamConnection) => Promise<T>,
): Promise<T> {
  const connection = resolveTeamConnection(io.env, global.dataDir, hostCipher(global.dataDir));
  if (!connection) {
    throw new CockpitError(
      'NOT_FOUND',
      'This machine is not in team mode: run "cockpit team connect postgres://USER@HOST:PORT/DATABASE" or set COCKPIT_TEAM_URL.',
      { reason: 'not-connected' },
    );
  }
  const client = await openTeamClient(connection);
  try {
    return await use(client, connection);
  } finally {
    await client.end().catch(() => {});
  }
}

async function status(args: string[], global: GlobalOptions, io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } });
  if (positionals.length !== 0) throw new UsageError('expected "team status [--json]"');
  return withTeamClient(global, io, async (client, connection) => {
    const parsed = parseTeamUrl(connection.url);
    const info = await readTeamStatus(client, `${parsed.host}:${parsed.port}`, loadTeamMigrations().length);
    if (values.json) {
      io.stdout(`${JSON.stringify({ ...info, url: connection.url, source: connection.source }, null, 2)}\n`);
    } else {
      const level = info.migrations;
      const lines = [
        ['server', `${info.server} (database ${info.database}, from ${connection.source})`],
        ['version', `PostgreSQL ${info.version}`],
        ['role', `${info.role}${info.member ? '' : ' (not a member of cockpit_member)'}`],
        ['latency', `${info.latencyMs.toFixed(1)} ms`],
        [
          'migrations',
          `level ${level.applied} of ${level.known}${level.owner ? ` (schema owner ${level.owner})` : ''}`,
        ],
        [
          'deploy locks',
          info.locks.length === 0
            ? 'none held'
            : info.locks
                .map(
                  (lock) =>
                    `${lock.project}/${lock.environment} held by ${lock.holder} since ${lock.since.toISOString()} (lease until ${lock.leaseUntil.toISOString()})`,
                )
                .join('; '),
        ],
      ];
      for (const [name, value] of lines) io.stdout(`${`${name}:`.padEnd(14)}${value}\n`);
      for (const note of statusNotes(info)) io.stdout(`${note}\n`);
    }
    assertNotNewer(info.migrations);
    return info.migrations.applied < info.migrations.known ? exitCodes.failure : exitCodes.ok;
  });
}

/** What the person should do next, if anything. */
function statusNotes(info: TeamStatus): string[] {
  const { applied, known, owner } = info.migrations;
  if (applied === 0) {
    return [
      'The team store has no cockpit schema yet: its owner runs "cockpit team migrate" (docs/team-mode.md).',
    ];
  }
  if (applied < known) {
    return [
      `The team store is behind this cockpit (level ${applied} of ${known}): ${owner ?? 'its owner'} runs "cockpit team migrate".`,
    ];
  }
  if (applied > known) return [];
  return info.member || owner === info.role
    ? []
    : [`${info.role} is not in the cockpit_member group: ask the team store's owner to grant it.`];
}

async function migrate(args: string[], global: GlobalOptions, io: CliIo): Promise<number> {
  const { positionals } = parseCommandArgs(args, {});
  if (positionals.length !== 0) throw new UsageError('expected "team migrate"');
  return withTeamClient(global, io, async (client) => {
    const result = await migrateTeamStore(client);
    for (const migration of result.applied) {
      io.stdout(`Applied ${String(migration.version).padStart(3, '0')}_${migration.name}.\n`);
    }
    io.stdout(
      result.applied.length === 0
        ? `The team store is already at migration level ${result.to}; nothing to do.\n`
        : `The team store is at migration level ${result.to}.\n`,
    );
    return exitCodes.ok;
  });
}

/** Prints the administrator's setup SQL; `--approvers GROUP=alice,bob` names an approver group. */
function init(args: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs(args, {
    owner: { type: 'string' },
    database: { type: 'string' },
    member: { type: 'string', multiple: true },
    approvers: { type: 'string', multiple: true },
  });
  if (positionals.length !== 0) {
    throw new UsageError(
      'expected "team init [--owner ROLE] [--database NAME] [--member ROLE]... [--approvers GROUP=ROLE,ROLE]..."',
    );
  }
  const approvers: Record<string, string[]> = {};
  for (const spec of values.approvers ?? []) {
    const match = /^([^=]+)=(.*)$/.exec(spec);
    if (!match) throw new UsageError(`--approvers ${spec}: expected GROUP=ROLE,ROLE`);
    approvers[match[1]!] = match[2]!.split(',').filter((role) => role !== '');
  }
  io.stdout(
    teamSetupSql({
      owner: values.owner ?? 'cockpit_owner',
      database: values.database ?? 'release_cockpit',
      members: values.member ?? [],
      approvers,
    }),
  );
  return exitCodes.ok;
}
