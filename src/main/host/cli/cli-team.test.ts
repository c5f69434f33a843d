// `cockpit team connect | status | migrate | disconnect` as a real child process against a real
// PostgreSQL server: the password is sealed, never saved in plain text; status names server,
// version, role, latency and migration level; the exit codes follow README "Exit codes".
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../engine/kernel/app-version.ts';
import { buildCliBundle, runCockpitSync } from '../../testing/cli-process.ts';
import { cleanupFixtures, tempDir } from '../../testing/fixtures.ts';
import {
  createLoginRoles,
  findPostgresBin,
  POSTGRES_MISSING,
  startPostgresCluster,
  type PostgresCluster,
} from '../../testing/postgres-cluster.ts';

const bin = findPostgresBin();
if (!bin) console.warn(`cockpit team CLI tests skipped: ${POSTGRES_MISSING}`);

afterEach(cleanupFixtures);

describe.skipIf(!bin)('cockpit team (real PostgreSQL)', () => {
  let cluster: PostgresCluster;

  beforeAll(async () => {
    cluster = await startPostgresCluster(bin!);
    await createLoginRoles(cluster, ['cockpit_owner', 'alice']);
    await cluster.admin('CREATE ROLE cockpit_member NOLOGIN');
    await cluster.admin('GRANT cockpit_member TO alice');
    await cluster.admin('CREATE DATABASE team OWNER cockpit_owner');
    await cluster.admin('CREATE DATABASE bundle OWNER cockpit_owner');
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  /** Every file in the data directory, as text: the password must be in none of them. */
  function dataDirText(dataDir: string): string {
    return readdirSync(dataDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => readFileSync(join(entry.parentPath, entry.name)).toString('latin1'))
      .join('\n');
  }

  it('connects, migrates as the owner, reports status, and disconnects', () => {
    const owner = tempDir('cockpit-team-owner-');
    const url = cluster.url('cockpit_owner', undefined, 'team');

    // No password in the URL: the server asks, the CLI reads it from stdin.
    const connect = runCockpitSync(['team', 'connect', url], { dataDir: owner, input: 'cockpit_owner\n' });
    expect(connect.stderr).toBe('');
    expect(connect.stdout).toMatch(
      /^Connected to the team store postgres:\/\/cockpit_owner@127\.0\.0\.1:\d+\/team as cockpit_owner \(PostgreSQL 1\d/,
    );
    expect(connect.stdout).toContain('The password is saved encrypted');
    expect(connect.stdout).toContain('no cockpit schema yet');
    expect(connect.code).toBe(0);
    const saved = JSON.parse(readFileSync(join(owner, 'team.json'), 'utf8')) as {
      url: string;
      password: unknown;
    };
    expect(saved.url).toBe(url);
    expect(saved.password).toMatchObject({ keyId: 'file' });
    expect(dataDirText(owner)).not.toContain('cockpit_owner\n');
    expect(readFileSync(join(owner, 'team.json'), 'utf8')).not.toMatch(/"cockpit_owner"|:cockpit_owner@/);

    const before = runCockpitSync(['team', 'status'], { dataDir: owner });
    expect(before.stdout).toMatch(/^migrations:\s+level 0 of 1$/m);
    expect(before.code).toBe(1);

    const migrate = runCockpitSync(['team', 'migrate'], { dataDir: owner });
    expect(migrate.stdout).toBe('Applied 001_shared_record.\nThe team store is at migration level 1.\n');
    expect(migrate.code).toBe(0);
    expect(runCockpitSync(['team', 'migrate'], { dataDir: owner }).stdout).toContain(
      'already at migration level 1',
    );

    const status = runCockpitSync(['team', 'status'], { dataDir: owner });
    expect(status.stdout).toMatch(
      new RegExp(`^server:\\s+127\\.0\\.0\\.1:${cluster.port} \\(database team, from team connect\\)$`, 'm'),
    );
    expect(status.stdout).toMatch(/^version:\s+PostgreSQL 1\d\.\d+/m);
    expect(status.stdout).toMatch(/^role:\s+cockpit_owner/m);
    expect(status.stdout).toMatch(/^latency:\s+\d+\.\d ms$/m);
    expect(status.stdout).toMatch(/^migrations:\s+level 1 of 1 \(schema owner cockpit_owner\)$/m);
    expect(status.stdout).toMatch(/^deploy locks:\s+none held$/m);
    expect(status.code).toBe(0);

    const disconnect = runCockpitSync(['team', 'disconnect'], { dataDir: owner });
    expect(disconnect.stdout).toContain('Left team mode');
    expect(disconnect.code).toBe(0);
    const after = runCockpitSync(['team', 'status'], { dataDir: owner });
    expect(after.stderr).toMatch(/^error: This machine is not in team mode: run "cockpit team connect/);
    expect(after.code).toBe(1);
  });

  it('takes COCKPIT_TEAM_URL with its password, saving nothing; a member cannot migrate', () => {
    const dataDir = tempDir('cockpit-team-alice-');
    const env = { COCKPIT_TEAM_URL: cluster.url('alice', 'alice', 'team') };
    const migrated = runCockpitSync(['team', 'migrate'], {
      dataDir,
      env: { COCKPIT_TEAM_URL: cluster.url('cockpit_owner', 'cockpit_owner', 'team') },
    });
    expect(migrated.code).toBe(0);
    const status = runCockpitSync(['team', 'status', '--json'], { dataDir, env });
    expect(status.code).toBe(0);
    const json = JSON.parse(status.stdout) as { role: string; source: string; url: string; member: boolean };
    expect(json).toMatchObject({ role: 'alice', member: true, source: 'COCKPIT_TEAM_URL' });
    expect(json.url).not.toContain(':alice@');
    const migrate = runCockpitSync(['team', 'migrate'], { dataDir, env });
    expect(migrate.stderr).toBe(
      'error: cockpit team migrate must be run by the schema owner "cockpit_owner"; you are connected as "alice".\n',
    );
    expect(migrate.code).toBe(1);
    expect(readdirSync(dataDir)).not.toContain('team.json');
  });

  it('says why a server cannot be used: wrong password, nothing listening (exit 5), a bad URL (1), a bad subcommand (2)', () => {
    const dataDir = tempDir('cockpit-team-bad-');
    const wrong = runCockpitSync(['team', 'connect', cluster.url('alice', 'not-her-password', 'team')], {
      dataDir,
    });
    expect(wrong.stderr).toMatch(
      /^error: The team store at postgres:\/\/alice@127\.0\.0\.1:\d+\/team cannot be reached: the password is wrong\.\n$/,
    );
    expect(wrong.stderr).not.toContain('not-her-password');
    expect(wrong.code).toBe(5);
    expect(readdirSync(dataDir)).not.toContain('team.json');

    const closed = runCockpitSync(['team', 'status'], {
      dataDir,
      env: { COCKPIT_TEAM_URL: 'postgres://alice:x@127.0.0.1:1/team' },
    });
    expect(closed.stderr).toMatch(/cannot be reached: nothing answers there/);
    expect(closed.code).toBe(5);

    const bad = runCockpitSync(['team', 'connect', 'mysql://alice@host/db'], { dataDir });
    expect(bad.stderr).toMatch(
      /The team URL mysql:\/\/alice@host\/db cannot be used: it starts with "mysql:"/,
    );
    expect(bad.code).toBe(1);
    expect(runCockpitSync(['team', 'frobnicate'], { dataDir }).code).toBe(2);
  });

  it('works from the built CLI bundle too: pg inside it, the team migrations beside it', () => {
    const outDir = join(repositoryRoot, 'out', `cli-team-test-${process.pid}`);
    try {
      const built = buildCliBundle(outDir);
      expect(built.status, built.stderr).toBe(0);
      const manifest = JSON.parse(readFileSync(join(outDir, 'inputs.json'), 'utf8')) as { inputs: string[] };
      expect(manifest.inputs).toContain('src/main/engine/team/migrations');
      const run = spawnSync(process.execPath, [join(outDir, 'cockpit.mjs'), 'team', 'migrate'], {
        env: {
          ...process.env,
          COCKPIT_DATA_DIR: tempDir('cockpit-team-bundle-'),
          COCKPIT_TEAM_URL: cluster.url('cockpit_owner', 'cockpit_owner', 'bundle'),
          NO_COLOR: '1',
        },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe('Applied 001_shared_record.\nThe team store is at migration level 1.\n');
      expect(run.status).toBe(0);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });

  it('team init prints setup SQL an administrator can run as is', async () => {
    const dataDir = tempDir('cockpit-team-init-');
    const init = runCockpitSync(
      [
        'team',
        'init',
        '--owner',
        'init_owner',
        '--database',
        'init_db',
        '--member',
        'dave',
        '--approvers',
        'init_approvers=dave',
      ],
      { dataDir },
    );
    expect(init.code).toBe(0);
    const statements = init.stdout.split('\n').filter((line) => line !== '' && !line.startsWith('--'));
    expect(statements.join('\n')).not.toMatch(/PASSWORD/i);
    for (const statement of statements) await cluster.admin(statement);
    await cluster.admin("ALTER ROLE init_owner PASSWORD 'init_owner'");
    await cluster.admin("ALTER ROLE dave PASSWORD 'dave'");
    const migrate = runCockpitSync(['team', 'migrate'], {
      dataDir,
      env: { COCKPIT_TEAM_URL: cluster.url('init_owner', 'init_owner', 'init_db') },
    });
    expect(migrate.code).toBe(0);
    const status = runCockpitSync(['team', 'status', '--json'], {
      dataDir,
      env: { COCKPIT_TEAM_URL: cluster.url('dave', 'dave', 'init_db') },
    });
    expect(JSON.parse(status.stdout)).toMatchObject({
      role: 'dave',
      member: true,
      migrations: { applied: 1 },
    });
    const groups = await cluster.admin("SELECT pg_has_role('dave', 'init_approvers', 'MEMBER') AS approver");
    expect(groups).toEqual([{ approver: true }]);
  });

  it('refuses a team store newer than this cockpit (exit 5)', async () => {
    const dataDir = tempDir('cockpit-team-newer-');
    const env = { COCKPIT_TEAM_URL: cluster.url('cockpit_owner', 'cockpit_owner', 'team') };
    expect(runCockpitSync(['team', 'migrate'], { dataDir, env }).code).toBe(0);
    const owner = await cluster.connect('cockpit_owner', 'cockpit_owner', 'team');
    try {
      await owner.query("INSERT INTO cockpit.schema_migrations (version, name) VALUES (99, 'future')");
      const status = runCockpitSync(['team', 'status'], { dataDir, env });
      expect(status.stdout).toMatch(/^migrations:\s+level 99 of 1/m);
      expect(status.stderr).toMatch(
        /^error: The team store is at migration level 99, newer than this cockpit knows \(1\)\. Update Release Cockpit/,
      );
      expect(status.code).toBe(5);
      expect(runCockpitSync(['team', 'migrate'], { dataDir, env }).code).toBe(5);
    } finally {
      await owner.query('DELETE FROM cockpit.schema_migrations WHERE version = 99');
      await owner.end();
    }
  });
});
