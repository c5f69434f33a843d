// A real, throwaway PostgreSQL server for team-mode tests: `initdb` into a temporary directory owned
// by the `postgres` OS user (PostgreSQL refuses to run as root), `pg_ctl start` on a free port with
// its unix socket inside that directory, stopped and removed afterwards. No system service is used.
import { execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** What to install when no server binary is found; the tests skip naming it. */
export const POSTGRES_MISSING =
  'PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin or on PATH: install them (Debian: apt-get install postgresql) to run the team-mode tests';

/** The folder holding initdb and pg_ctl, or null when PostgreSQL's server binaries are not installed. */
export function findPostgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const bin = join(root, version, 'bin');
      if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin;
    }
  }
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  return null;
}

export interface PostgresCluster {
  host: string;
  port: number;
  /** The superuser, reachable over the unix socket without a password. */
  superuser: string;
  /** `postgres://role:password@127.0.0.1:port/db` (password optional), over TCP with SCRAM. */
  url(role: string, password?: string, database?: string): string;
  /** Runs SQL as the superuser (over the unix socket) and returns the rows. */
  admin<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>;
  /** A connected client as `role` over TCP (password authentication). */
  connect(role: string, password: string, database?: string): Promise<pg.Client>;
  stop(): Promise<void>;
}

const runningAsRoot = process.getuid?.() === 0;

function runAsPostgres(bin: string, command: string, args: string[], cwd: string): void {
  const file = join(bin, command);
  const [program, argv] = runningAsRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  execFileSync(program, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Starts a fresh cluster; local (socket) connections trust the superuser, TCP needs a password. */
export async function startPostgresCluster(bin: string): Promise<PostgresCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-pg-'));
  const data = join(dir, 'data');
  if (runningAsRoot) chownSync(dir, Number(idOf('-u')), Number(idOf('-g')));
  const port = await freePort();
  const superuser = 'postgres';
  try {
    runAsPostgres(
      bin,
      'initdb',
      [
        '-D',
        data,
        '-U',
        superuser,
        '-E',
        'UTF8',
        '--auth-local=trust',
        '--auth-host=scram-sha-256',
        '--no-sync',
      ],
      dir,
    );
    appendFileSync(
      join(data, 'postgresql.conf'),
      [
        `port = ${port}`,
        `listen_addresses = '127.0.0.1'`,
        `unix_socket_directories = '${dir}'`,
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        'max_connections = 120',
        'shared_buffers = 16MB',
        '',
      ].join('\n'),
    );
    runAsPostgres(bin, 'pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start'], dir);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`could not start a test PostgreSQL in ${dir}: ${(error as Error).message} ${stderr}`, {
      cause: error,
    });
  }

  const adminClient = new pg.Client({ host: dir, port, user: superuser, database: 'postgres' });
  await adminClient.connect();
  let stopped = false;

  const url = (role: string, password?: string, database = 'postgres') =>
    `postgres://${encodeURIComponent(role)}${password === undefined ? '' : `:${encodeURIComponent(password)}`}@127.0.0.1:${port}/${database}`;

  return {
    host: dir,
    port,
    superuser,
    url,
    admin: async <T extends pg.QueryResultRow>(sql: string, params?: unknown[]) =>
      (await adminClient.query<T>(sql, params)).rows,
    async connect(role, password, database) {
      const client = new pg.Client({ connectionString: url(role, password, database) });
      await client.connect();
      return client;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await adminClient.end().catch(() => {});
      try {
        runAsPostgres(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'], dir);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function idOf(flag: '-u' | '-g'): string {
  return execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim();
}

/** Creates login roles with passwords (their own names, for tests) in the cluster. */
export async function createLoginRoles(cluster: PostgresCluster, roles: string[]): Promise<void> {
  for (const role of roles) {
    await cluster.admin(`CREATE ROLE ${pg.escapeIdentifier(role)} LOGIN PASSWORD ${pg.escapeLiteral(role)}`);
  }
}
