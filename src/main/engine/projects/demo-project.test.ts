// The demo project on real temp dirs: its git history (three releases, several authors, ending in the
// shipped files) and its deploy script, run for real against instances on free ports.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures, git, onCleanup, tempDir } from '../../testing/fixtures.ts';
import { parseConventional, releaseNotes } from '../releases/index.ts';
import { DEMO_HISTORY, demoFileVersions, ensureDemoRepository } from './demo-project.ts';

const examplesDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'examples');
const demoDir = join(examplesDir, 'demo');
const leftovers = new Set(['.environments', 'node_modules', 'dist']);

afterEach(cleanupFixtures);

/** The demo's shipped files (relative paths), without runtime leftovers of running it in place. */
function shippedFiles(dir = demoDir): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .filter((path) => !path.split('/').some((part) => leftovers.has(part)) && !path.endsWith('.tgz'))
    .sort();
}

describe('the demo repository', () => {
  const now = Date.UTC(2026, 5, 15, 12, 0, 0);

  it('has three releases in order, several authors and conventional commits, ending in the shipped files', async () => {
    const repo = await ensureDemoRepository(examplesDir, tempDir(), { now });

    expect(git(repo, 'tag', '--list', '--sort=creatordate').split('\n')).toEqual([
      'v1.0.0',
      'v1.1.0',
      'v1.2.0',
    ]);
    git(repo, 'merge-base', '--is-ancestor', 'v1.0.0', 'v1.1.0'); // throws when not
    git(repo, 'merge-base', '--is-ancestor', 'v1.1.0', 'v1.2.0');
    expect(git(repo, 'describe')).toBe('v1.2.0'); // annotated: plain `git describe` sees them
    expect(git(repo, 'rev-parse', 'HEAD')).toBe(git(repo, 'rev-parse', 'v1.2.0^{commit}'));
    expect(git(repo, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('main');
    expect(git(repo, 'status', '--porcelain')).toBe('');

    // HEAD is examples/demo as shipped, file for file.
    expect(git(repo, 'ls-tree', '-r', '--name-only', 'HEAD').split('\n').sort()).toEqual(shippedFiles());
    for (const path of shippedFiles()) {
      expect(git(repo, 'show', `HEAD:${path}`), path).toBe(readFileSync(join(demoDir, path), 'utf8').trim());
    }

    const log = git(repo, 'log', '--reverse', '--format=%an%x1f%at%x1f%s')
      .split('\n')
      .map((line) => line.split('\x1f'));
    expect(log.map(([, , subject]) => subject)).toEqual(DEMO_HISTORY.map((step) => step.subject));
    expect(new Set(log.map(([author]) => author)).size).toBeGreaterThanOrEqual(3);
    // A day apart, the last one now.
    expect(log.map(([, seconds]) => Number(seconds) * 1000)).toEqual(
      log.map((_, i) => now - (log.length - 1 - i) * 24 * 60 * 60 * 1000),
    );
    const freeForm = log.filter(([, , subject]) => parseConventional(subject!).type === 'other');
    expect(freeForm).toHaveLength(1);

    // Each release changes the service, and release notes have something to say.
    expect(git(repo, 'diff', '--name-only', 'v1.0.0', 'v1.1.0')).toContain('src/server.js');
    expect(git(repo, 'diff', '--name-only', 'v1.1.0', 'v1.2.0')).toContain('src/server.js');
    const notes = await releaseNotes(repo, 'v1.1.0', 'v1.2.0');
    expect(notes.groups.map((group) => group.type)).toEqual(['feat', 'docs', 'chore']);
    expect(notes.issues).toEqual(['#18']);
    expect(notes.authors.length).toBeGreaterThanOrEqual(2);
    // A rollback runs an old commit's own scripts and pipelines: they are the same in every release.
    expect(
      git(repo, 'diff', '--name-only', 'v1.0.0', 'HEAD', '--', 'scripts', 'cockpit.yml', '.gitignore'),
    ).toBe('');
    expect(git(repo, 'show', 'v1.0.0:package.json')).toContain('"version": "1.0.0"');
    expect(git(repo, 'show', 'v1.1.0:package.json')).toContain('"version": "1.1.0"');
  });

  it('is made once: an existing demo repository is returned untouched', async () => {
    const dataDir = tempDir();
    const repo = await ensureDemoRepository(examplesDir, dataDir, { now });
    writeFileSync(join(repo, 'scratch.txt'), 'mine\n');
    const head = git(repo, 'rev-parse', 'HEAD');
    expect(await ensureDemoRepository(examplesDir, dataDir)).toBe(repo);
    expect(git(repo, 'rev-parse', 'HEAD')).toBe(head);
    expect(readFileSync(join(repo, 'scratch.txt'), 'utf8')).toBe('mine\n');
    expect(readdirSync(join(dataDir, 'demo'))).toEqual(['shop-api']);
  });

  it('replaces a folder an interrupted earlier attempt left without .git', async () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, 'demo', 'shop-api'), { recursive: true });
    writeFileSync(join(dataDir, 'demo', 'shop-api', 'half-copied.txt'), '');
    const repo = await ensureDemoRepository(examplesDir, dataDir, { now });
    expect(existsSync(join(repo, 'half-copied.txt'))).toBe(false);
    expect(git(repo, 'describe')).toBe('v1.2.0');
  });

  it('says which history step no longer fits the shipped files', () => {
    const read = (path: string) => {
      const text = readFileSync(join(demoDir, path), 'utf8');
      return path === 'src/server.js' ? text.replace('uptimeSeconds', 'upFor') : text;
    };
    expect(() => demoFileVersions(read)).toThrow(
      /"feat\(health\): report uptime \(#18\)" .* src\/server\.js/,
    );
  });

  it('reports a missing demo as NOT_FOUND', async () => {
    await expect(ensureDemoRepository(tempDir(), tempDir())).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

/** A port nothing listens on (the OS picks it; closed again before use). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function healthOf(
  port: number,
): Promise<{ environment?: string; version?: string; pid?: number } | null> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1_000) });
    return (await response.json()) as { environment?: string; version?: string; pid?: number };
  } catch {
    return null;
  }
}

/** A copy of the demo (as the project folder, or as a run's worktree) and free ports for its environments. */
async function demoCopy() {
  const copy = (dir: string) => {
    cpSync(demoDir, dir, { recursive: true, filter: (path) => !leftovers.has(basename(path)) });
    return dir;
  };
  const root = copy(tempDir('demo-root-'));
  const ports = { staging: await freePort(), production: await freePort() };
  const started = new Set<number>();
  // Every instance a test started is killed, whatever the test did; the temp dirs go after.
  onCleanup(async () => {
    for (const port of Object.values(ports)) {
      const pid = (await healthOf(port))?.pid;
      if (typeof pid === 'number') started.add(pid);
    }
    for (const pid of started) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already stopped
      }
    }
  });
  const env: Record<string, string | undefined> = {
    ...process.env,
    DEMO_STAGING_PORT: String(ports.staging),
    DEMO_PRODUCTION_PORT: String(ports.production),
    COCKPIT_PROJECT_ROOT: root,
    COCKPIT_DEPLOY_ENVIRONMENT: undefined,
    COCKPIT_DEPLOY_VERSION: undefined,
    NO_COLOR: '1',
  };
  const run = async (
    dir: string,
    script: string,
    args: string[] = [],
    extra: Record<string, string> = {},
  ) => {
    const result = await execa(process.execPath, [join(dir, 'scripts', script), ...args], {
      cwd: dir,
      env: { ...env, ...extra },
      extendEnv: false,
      reject: false,
      timeout: 30_000,
    });
    for (const port of Object.values(ports)) {
      const pid = (await healthOf(port))?.pid;
      if (typeof pid === 'number') started.add(pid);
    }
    return result;
  };
  return { root, ports, copy, run };
}

describe('the demo deploy script', () => {
  it('replaces staging with the checked-out version, which outlives the worktree it came from', async () => {
    const { root, ports, copy, run } = await demoCopy();
    const start = await run(root, 'start-environments.js', ['--only', 'staging']);
    expect(start.exitCode, start.stderr).toBe(0);
    const before = await healthOf(ports.staging);
    expect(before).toMatchObject({ environment: 'staging', version: '1.1.0' });

    const worktree = copy(tempDir('demo-worktree-'));
    const deploy = await run(worktree, 'deploy.js', [], {
      COCKPIT_PROJECT_DIR: worktree,
      COCKPIT_DEPLOY_ID: '7',
      COCKPIT_DEPLOY_ENVIRONMENT: 'staging',
      COCKPIT_DEPLOY_VERSION: 'v1.2.0',
      COCKPIT_DEPLOY_COMMIT: '0123456789abcdef0123456789abcdef01234567',
      COCKPIT_DEPLOY_KIND: 'deploy',
    });
    expect(deploy.exitCode, deploy.stderr).toBe(0);
    expect(deploy.stdout).toContain('deploy shop-api 1.2.0 (01234567) to staging');
    expect(deploy.stdout).toContain(`stopped staging 1.1.0 (pid ${before!.pid})`);
    expect(deploy.stdout).toContain('staging runs 1.2.0');

    rmSync(worktree, { recursive: true, force: true }); // what the cockpit does after the run
    const after = await healthOf(ports.staging);
    expect(after).toMatchObject({ environment: 'staging', version: '1.2.0' });
    expect(after!.pid).not.toBe(before!.pid);
    const version = await fetch(`http://127.0.0.1:${ports.staging}/version`).then((r) => r.json());
    expect(version).toEqual({ version: '1.2.0', environment: 'staging' });
    const releases = join(root, '.environments', 'releases', 'staging');
    expect(readdirSync(releases)).toEqual(['1.2.0']);
    expect(readFileSync(join(root, '.environments', 'staging.pid'), 'utf8').trim()).toBe(String(after!.pid));
    expect(await healthOf(ports.production)).toBeNull(); // the other environment is not touched

    const stop = await run(root, 'stop-environments.js', ['--only', 'staging']);
    expect(stop.stdout).toContain(`staging stopped (pid ${after!.pid})`);
    expect(await healthOf(ports.staging)).toBeNull();
  });

  it('installs a release as built once from COCKPIT_RELEASE_DIR, not from the checkout', async () => {
    const { root, ports, run } = await demoCopy();
    // The release's build: dist/server.js as the ci build kept it, marked so it can be told apart.
    const release = tempDir('demo-release-');
    mkdirSync(join(release, 'dist'));
    const built = `${readFileSync(join(root, 'src', 'server.js'), 'utf8')}\n// built once by ci run #3\n`;
    writeFileSync(join(release, 'dist', 'server.js'), built);
    const build = await run(root, 'build.js', [], {
      COCKPIT_RELEASE_DIR: release,
      COCKPIT_RELEASE_VERSION: 'v1.2.0',
    });
    expect(build.stdout).toContain('as built once');
    expect(existsSync(join(root, 'dist'))).toBe(false); // nothing rebuilt
    const deploy = await run(root, 'deploy.js', ['production', 'v1.2.0'], {
      COCKPIT_RELEASE_DIR: release,
      COCKPIT_RELEASE_VERSION: 'v1.2.0',
    });
    expect(deploy.exitCode, deploy.stderr).toBe(0);
    expect(deploy.stdout).toContain('installed release v1.2.0 as built once');
    const installed = join(root, '.environments', 'releases', 'production', '1.2.0', 'src', 'server.js');
    expect(readFileSync(installed, 'utf8')).toBe(built);
    expect(await healthOf(ports.production)).toMatchObject({ version: '1.2.0' });
  });

  it('deploys to an environment that is not running, from the command line', async () => {
    const { root, ports, run } = await demoCopy();
    const deploy = await run(root, 'deploy.js', ['production', 'v1.1.0-2-g1a2b3c4']);
    expect(deploy.exitCode, deploy.stderr).toBe(0);
    expect(deploy.stdout).toContain('production was not running');
    expect(await healthOf(ports.production)).toMatchObject({ version: '1.1.0-2-g1a2b3c4' });
  });

  it('fails clearly, leaving it alone, when something else answers on the port', async () => {
    const { root, ports, run } = await demoCopy();
    const other: Server = createServer((_, res) => res.end(JSON.stringify({ status: 'ok' })));
    await new Promise<void>((resolve) => other.listen(ports.staging, '127.0.0.1', resolve));
    onCleanup(() => new Promise<void>((resolve) => other.close(() => resolve())));
    const deploy = await run(root, 'deploy.js', ['staging', 'v1.2.0']);
    expect(deploy.exitCode).toBe(1);
    expect(deploy.stderr).toContain(
      `Port ${ports.staging} is answered by something that is not the demo's staging`,
    );
    expect(await healthOf(ports.staging)).toEqual({ status: 'ok' });
  });

  it('fails clearly on an unknown environment or a missing version', async () => {
    const { root, run } = await demoCopy();
    const unknown = await run(root, 'deploy.js', ['qa', 'v1.2.0']);
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toContain('unknown environment "qa" (expected one of: staging, production)');
    const missing = await run(root, 'deploy.js', ['staging']);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('Usage: node scripts/deploy.js <environment> <version>');
  });
});
