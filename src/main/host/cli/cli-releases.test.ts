// `cockpit releases` and `cockpit release capture` as real child processes: a real git repository whose
// ci builds dist/, a real deploy to a real HTTP server playing staging, SQLite and the blob store —
// the listing's checksum is the one `sha256sum` gives over the built files, and where each release is
// live comes from the deployments.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures, git, gitRepo, onCleanup, tempDir, writeFiles } from '../../testing/fixtures.ts';
import { runCockpit } from '../../testing/cli-process.ts';

afterEach(cleanupFixtures);

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** staging: /version answers what the deploy job last wrote to `file`. */
async function staging(file: string): Promise<string> {
  const server = createServer((req, res) => {
    const version = existsSync(file) ? readFileSync(file, 'utf8').trim() : '0.0.0';
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(req.url === '/version' ? { version } : { status: 'ok' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function shop() {
  const state = join(tempDir('cockpit-env-'), 'staging');
  const repo = gitRepo({
    '.gitignore': 'dist/\n',
    'app.txt': 'one\n',
    'cockpit.yml': `version: 1
name: shop
pipelines:
  ci:
    jobs:
      build:
        run: test ! -f fail-ci && mkdir -p dist && cp app.txt dist/app.txt && printf ci > dist/built-by
        artifacts: [dist/**]
  deploy-staging:
    deploy: { environment: staging, verify_timeout: 10s }
    jobs:
      ship: { run: 'printf "%s" "\${COCKPIT_DEPLOY_VERSION#v}" > "${state}"' }
environments:
  - name: staging
    tier: staging
    url: "${await staging(state)}"
    interval: 1h
    version: { json_pointer: /version, path: /version }
`,
  });
  git(repo, 'tag', 'v1.0.0');
  const dataDir = tempDir('cockpit-data-');
  // Asynchronous: staging lives in this process and must keep answering.
  const cockpit = (...args: string[]) =>
    runCockpit(args, { cwd: repo, dataDir, env: { COCKPIT_USER: 'alice' } });
  return { repo, cockpit };
}

interface ListedRelease {
  version: string;
  commit: string;
  runId: number;
  pipeline: string;
  capturedBy: string;
  files: { path: string; size: number; sha256: string }[];
  sha256: string;
  liveIn: string[];
}

describe('cockpit releases / release capture', () => {
  it('captures a ci build once, lists it with its checksum, and says where it is live', async () => {
    const { repo, cockpit } = await shop();
    const empty = await cockpit('releases');
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain('No releases captured for shop yet.');

    expect((await cockpit('run', 'ci')).code).toBe(0);
    const head = git(repo, 'rev-parse', 'HEAD');
    const captured = await cockpit('release', 'capture', '1');
    expect(captured.stderr).toBe('');
    expect(captured.code).toBe(0);
    expect(captured.stdout).toContain(`Captured v1.0.0 (commit ${head.slice(0, 8)}) from ci run #1.`);
    // The same checksum sha256sum gives over the files the build wrote.
    const digest = execFileSync(
      'sh',
      ['-c', 'find dist -type f | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-64'],
      { cwd: repo, encoding: 'utf8' },
    ).trim();
    expect(captured.stdout).toContain(`2 files, 6 B, sha256 ${digest}`);
    expect(captured.stdout).toMatch(new RegExp(`^ {2}dist/app\\.txt\\s+4 B\\s+${sha256('one\n')}$`, 'm'));
    expect(captured.stdout).toMatch(new RegExp(`^ {2}dist/built-by\\s+2 B\\s+${sha256('ci')}$`, 'm'));

    // Captured once: a second capture (or a later run on the same commit) keeps the first.
    expect((await cockpit('run', 'ci')).code).toBe(0);
    const again = await cockpit('release', 'capture', '2');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^v1\.0\.0 \(commit [0-9a-f]{8}\) was already captured from ci run #1 on /m);

    const before = await cockpit('releases');
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/^VERSION\s+COMMIT\s+CAPTURED\s+BUILT BY\s+FILES\s+SHA-256\s+LIVE IN$/m);
    expect(before.stdout).toMatch(
      new RegExp(
        `^v1\\.0\\.0\\s+${head.slice(0, 8)}\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d by alice\\s+ci run #1\\s+2 \\(6 B\\)\\s+${digest.slice(0, 12)}\\s+-$`,
        'm',
      ),
    );

    // Deployed to staging (it ships that release): the listing says it is live there.
    const deployed = await cockpit('deploy', 'staging');
    expect(deployed.code).toBe(0);
    const after = await cockpit('releases', '--json');
    expect(after.code).toBe(0);
    const releases = JSON.parse(after.stdout) as ListedRelease[];
    expect(releases).toHaveLength(1);
    expect(releases[0]).toMatchObject({
      version: 'v1.0.0',
      commit: head,
      runId: 1,
      pipeline: 'ci',
      capturedBy: 'alice',
      sha256: digest,
      liveIn: ['staging'],
    });
    expect(releases[0]!.files.map((file) => file.path)).toEqual(['dist/app.txt', 'dist/built-by']);
    expect((await cockpit('releases')).stdout).toMatch(/^v1\.0\.0\s.*\sstaging$/m);

    // A new commit is not live anywhere until deployed.
    writeFiles(repo, { 'app.txt': 'two\n' });
    git(repo, 'commit', '-qam', 'two');
    git(repo, 'tag', 'v1.1.0');
    expect((await cockpit('run', 'ci')).code).toBe(0);
    const json = await cockpit('release', 'capture', '4', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ version: 'v1.1.0', runId: 4, alreadyCaptured: false });
    const listed = (await cockpit('releases')).stdout;
    expect(listed.indexOf('v1.1.0')).toBeLessThan(listed.indexOf('v1.0.0'));
    expect(listed).toMatch(/^v1\.1\.0\s.*\s-$/m);
  }, 240_000);

  it('refuses runs that cannot be a release with the reason, and bad arguments with exit 2', async () => {
    const { repo, cockpit } = await shop();
    writeFiles(repo, { 'fail-ci': '' });
    git(repo, 'add', 'fail-ci');
    git(repo, 'commit', '-qm', 'break ci');
    expect((await cockpit('run', 'ci')).code).toBe(1);
    const failed = await cockpit('release', 'capture', '1');
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(
      "Cannot capture a release: run #1 ended failed: only a successful run's build is released.",
    );

    git(repo, 'rm', '-q', 'fail-ci');
    git(repo, 'commit', '-qm', 'fix ci');
    expect((await cockpit('deploy', 'staging')).code).toBe(0); // no ci run: the deploy pipeline is run #2
    const deployRun = await cockpit('release', 'capture', '2');
    expect(deployRun.code).toBe(1);
    expect(deployRun.stderr).toContain('run #2 deployed; a release is captured from the run that built it');

    const missing = await cockpit('release', 'capture', '99');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('There is no run #99 in this project.');

    const stderr: string[] = [];
    for (const args of [
      ['release'],
      ['release', 'capture'],
      ['release', 'capture', 'abc'],
      ['release', 'list'],
      ['releases', 'capture', '1'],
      ['release', 'capture', '1', '--version', '2.0.0'],
    ]) {
      const usage = await cockpit(...args);
      expect(usage.code, args.join(' ')).toBe(2);
      expect(usage.stderr, args.join(' ')).toMatch(/^usage error: /m);
      stderr.push(usage.stderr);
    }
    expect(stderr[0]).toContain('expected "cockpit release capture <run-id>"');
    expect(stderr[4]).toContain('cockpit release capture <run-id>');
  }, 240_000);
});
