// The real `cockpit` binary in child processes: output, exit codes and the shared data directory.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../engine/kernel/app-version.ts';
import { cleanupFixtures, gitRepo, tempDir } from '../../testing/fixtures.ts';
import { cockpitBin, runCockpitSync } from '../../testing/cli-process.ts';

afterEach(cleanupFixtures);

function cockpit(args: string[], dataDir = tempDir('cockpit-cli-')) {
  return runCockpitSync(args, { dataDir, timeoutMs: 30_000 });
}

describe('cockpit CLI', () => {
  it('prints its version and help with exit code 0', () => {
    const version = (
      JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as { version: string }
    ).version;
    expect(cockpit(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
    const help = cockpit(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: cockpit/);
    expect(cockpit(['projects', '--help']).code).toBe(0);
  });

  it('opens no database for --version, --help or a usage error', () => {
    const dataDir = join(tempDir('cockpit-cli-'), 'data');
    expect(cockpit(['--version'], dataDir).code).toBe(0);
    expect(cockpit(['status', '--help'], dataDir).code).toBe(0);
    expect(cockpit(['staus'], dataDir).code).toBe(2);
    expect(cockpit(['run', '--no-such-flag'], dataDir).code).toBe(2);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('exits 2 on usage errors, saying what was wrong', () => {
    expect(cockpit([]).code).toBe(2);
    const unknown = cockpit(['deploy-everything']);
    expect(unknown).toMatchObject({ code: 2 });
    expect(unknown.stderr).toMatch(/unknown command "deploy-everything"/);
    expect(cockpit(['projects', 'list', '--bogus']).stderr).toMatch(/bogus/);
    expect(cockpit(['projects', 'list', '--bogus']).code).toBe(2);
    expect(cockpit(['projects', 'add']).code).toBe(2);
    expect(cockpit(['projects', 'frobnicate']).code).toBe(2);
    expect(cockpit(['serve', '--port', 'eighty']).code).toBe(2);
    expect(cockpit(['--no-such-flag']).code).toBe(2);
  });

  it('adds, lists and removes projects in the shared data directory', () => {
    const dataDir = tempDir();
    const repo = gitRepo({ 'cockpit.yml': 'version: 1\nname: billing\n' });
    const added = cockpit(['projects', 'add', repo], dataDir);
    expect(added).toMatchObject({ code: 0 });
    expect(added.stdout).toMatch(/Added project 1 "billing"/);
    expect(existsSync(join(dataDir, 'cockpit.db'))).toBe(true);
    expect(existsSync(join(dataDir, 'logs', 'cockpit.log'))).toBe(true);

    const table = cockpit(['projects', 'list'], dataDir);
    expect(table.stdout).toMatch(
      /^ID\s+NAME\s+CONFIG\s+BRANCH\s+HEAD\s+PATH\n1\s+billing\s+ok\s+main\s+[0-9a-f]{8}\s+/,
    );
    const json = JSON.parse(cockpit(['projects', 'list', '--json'], dataDir).stdout) as { name: string }[];
    expect(json.map((p) => p.name)).toEqual(['billing']);

    expect(cockpit(['projects', 'add', repo], dataDir)).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/already in the cockpit/) as string,
    });
    expect(cockpit(['projects', 'remove', repo], dataDir).code).toBe(0);
    expect(cockpit(['projects', 'list'], dataDir).stdout).toMatch(/No projects yet/);
  });

  it('exits 1 for a missing folder or a folder without cockpit.yml, and --init fixes the latter', () => {
    const dataDir = tempDir();
    const missing = cockpit(['projects', 'add', '/definitely/not/here'], dataDir);
    expect(missing).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/no folder at \/definitely\/not\/here/) as string,
    });
    const repo = gitRepo();
    const noConfig = cockpit(['projects', 'add', repo], dataDir);
    expect(noConfig.code).toBe(1);
    expect(noConfig.stderr).toMatch(/has no cockpit.yml[\s\S]*--init/);
    expect(cockpit(['projects', 'add', repo, '--init'], dataDir).code).toBe(0);
    expect(readFileSync(join(repo, 'cockpit.yml'), 'utf8')).toMatch(/^version: 1$/m);
  });

  it('prints config problems as file:line:col', () => {
    const repo = gitRepo({ 'cockpit.yml': 'version: 1\nenviroments: []\n' });
    const result = cockpit(['projects', 'add', repo]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `${join(repo, 'cockpit.yml')}:2:1: unknown key "enviroments" (did you mean "environments"?)`,
    );
  });

  it('refuses a database from a newer version with exit 5 and leaves it alone', () => {
    const dataDir = tempDir();
    const db = new BetterSqlite3(join(dataDir, 'cockpit.db'));
    db.pragma('user_version = 999');
    db.close();
    const result = cockpit(['projects', 'list'], dataDir);
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/newer version of Release Cockpit/);
    expect(result.stderr).toContain(join(dataDir, 'cockpit.db'));
    const after = new BetterSqlite3(join(dataDir, 'cockpit.db'));
    expect(after.pragma('user_version', { simple: true })).toBe(999);
    after.close();
  });

  it('moves a damaged database aside on request, and then starts fresh', () => {
    const dataDir = tempDir();
    const db = new BetterSqlite3(join(dataDir, 'cockpit.db'));
    db.close();
    spawnSync('sh', ['-c', `printf 'garbage%.0s' $(seq 500) > "${join(dataDir, 'cockpit.db')}"`]);
    expect(cockpit(['projects', 'list'], dataDir)).toMatchObject({
      code: 5,
      stderr: expect.stringMatching(/damaged/) as string,
    });
    const moved = cockpit(['db', 'move-aside'], dataDir);
    expect(moved.code).toBe(0);
    expect(moved.stdout).toMatch(/cockpit\.db\.broken-/);
    expect(cockpit(['projects', 'list'], dataDir).code).toBe(0);
  });

  it('--verbose echoes the log to stderr', () => {
    const result = cockpit(['--verbose', 'projects', 'list']);
    expect(result.stderr).toMatch(/INFO {2}engine started/);
  });

  it('serve prints a tokened URL, refuses requests without it, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [cockpitBin, 'serve', '--port', '0'], {
      env: { ...process.env, COCKPIT_DATA_DIR: tempDir(), NO_COLOR: '1' },
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    await expect
      .poll(() => stdout, { timeout: 15_000 })
      .toMatch(/serving at http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/);
    const url = /(http:\/\/\S+)/.exec(stdout)![1]!;
    const bare = url.replace(/\?token=.*/, '');
    expect((await fetch(bare)).status).toBe(401);
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(303);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
