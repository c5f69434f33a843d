// `cockpit diff <env> [<version>]` as a real child process, on a real git repository whose production
// (a real HTTP server) reports 1.0.0: commits, files and declared variables against what is live.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures, git, gitRepo, onCleanup, tempDir, writeFiles } from '../../testing/fixtures.ts';
import { runCockpit } from '../../testing/cli-process.ts';

afterEach(cleanupFixtures);

/** Production: /version always reports 1.0.0. */
async function production(): Promise<string> {
  const server = createServer((req, res) => {
    if (req.url === '/version')
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"version":"1.0.0"}');
    else res.writeHead(200).end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function shop() {
  const repo = gitRepo({
    'cockpit.yml': `version: 1
name: shop
environments:
  - name: production
    tier: production
    url: "${await production()}"
    version: { json_pointer: /version, path: /version }
pipelines:
  deploy-production:
    deploy: { environment: production }
    jobs:
      ship: { run: "true" }
diff:
  variables: [config/*.env]
`,
    'app.txt': 'one\n',
    'config/app.env': 'LOG_LEVEL=info\nAPI_TOKEN=first-token-value\n',
  });
  git(repo, 'tag', 'v1.0.0');
  writeFiles(repo, {
    'app.txt': 'two\n',
    'config/app.env': 'LOG_LEVEL=debug\nAPI_TOKEN=second-token-value\nREGION=eu\n',
  });
  git(repo, 'add', '--all');
  git(repo, 'commit', '-q', '--author=Ann <ann@example.com>', '-m', 'feat(config): tune the app');
  writeFiles(repo, { 'src/new.ts': 'export const x = 1;\n' });
  git(repo, 'add', '--all');
  git(repo, 'commit', '-q', '--author=Bob <bob@example.com>', '-m', 'fix: a new module');
  git(repo, 'tag', 'v1.1.0');
  const dataDir = tempDir('cockpit-data-');
  const cockpit = (...args: string[]) => runCockpit(args, { cwd: repo, dataDir });
  return { repo, cockpit };
}

describe('cockpit diff', () => {
  it('prints the commits, files and declared variables between what is live and a version, secrets hidden', async () => {
    const { repo, cockpit } = await shop();
    expect((await cockpit('check', 'production')).stdout).toContain('1.0.0');

    const text = await cockpit('diff', 'production', 'v1.1.0');
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    const [live, head] = [git(repo, 'rev-parse', 'v1.0.0'), git(repo, 'rev-parse', 'v1.1.0')];
    expect(text.stdout).toContain(
      `shop production: v1.0.0 (${live.slice(0, 8)}) → v1.1.0 (${head.slice(0, 8)})`,
    );
    expect(text.stdout).toContain('v1.1.0 adds 2 commits to v1.0.0.');
    expect(text.stdout).toMatch(
      /Commits it brings \(2\):\n {2}fix {3}[0-9a-f]{7} {2}a new module \(Bob\)\n {2}feat {2}[0-9a-f]{7} {2}config: tune the app \(Ann\)/,
    );
    expect(text.stdout).toContain('Files (3 changed, +5 -3):');
    expect(text.stdout).toMatch(/ {2}M app\.txt {2}\+1 -1\n/);
    expect(text.stdout).toMatch(/ {2}M config\/app\.env {2}\+3 -2\n/);
    expect(text.stdout).toMatch(/ {2}A src\/new\.ts {2}\+1 -0\n/);
    expect(text.stdout).toContain('Variables (config/*.env):');
    expect(text.stdout).toContain('  config/app.env API_TOKEN: (hidden) → (hidden)');
    expect(text.stdout).toContain('  config/app.env LOG_LEVEL: info → debug');
    expect(text.stdout).toContain('  config/app.env REGION: (absent) → eu');
    expect(text.stdout).not.toMatch(/token-value/);

    const json = await cockpit('diff', 'production', 'v1.1.0', '--json');
    expect(json.code).toBe(0);
    const diff = JSON.parse(json.stdout) as {
      direction: string;
      commitsAdded: { type: string; scope: string | null; author: string }[];
      files: { path: string }[];
    };
    expect(diff.direction).toBe('forward');
    expect(diff.commitsAdded.map((commit) => [commit.type, commit.scope, commit.author])).toEqual([
      ['fix', null, 'Bob'],
      ['feat', 'config', 'Ann'],
    ]);
    expect(diff.files.map((file) => file.path)).toEqual(['app.txt', 'config/app.env', 'src/new.ts']);
    expect(json.stdout).not.toMatch(/token-value/);

    const same = await cockpit('diff', 'production', 'v1.0.0');
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('"production" already runs v1.0.0: nothing changes.');
    expect(same.stdout).not.toContain('Files');
  });

  it('refuses an unknown environment or version with one clear line and exit 1, a missing one with exit 2', async () => {
    const { cockpit } = await shop();
    const environment = await cockpit('diff', 'staging', 'v1.1.0');
    expect(environment.code).toBe(1);
    expect(environment.stderr).toMatch(/staging/);
    expect(environment.stdout).toBe('');

    const version = await cockpit('diff', 'production', 'v9.9.9');
    expect(version.code).toBe(1);
    expect(version.stderr).toMatch(/v9\.9\.9/);

    const usage = await cockpit('diff');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('cockpit diff <environment> [<version>]');
  });
});
