// `cockpit report`, `cockpit live-at` and `cockpit evidence` as real child processes, after a real
// deploy of a tiny project to a real HTTP environment.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures, git, gitRepo, tempDir } from '../../testing/fixtures.ts';
import { runCockpit } from '../../testing/cli-process.ts';
import { deployedVersionServer } from '../../testing/release-shop.ts';
import type { CliIo } from './cli-io.ts';
import { runCli } from './run-cli.ts';

afterEach(cleanupFixtures);

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Asynchronous: the environment under test lives in this process and must keep answering. */
function cockpit(args: string[], cwd: string, dataDir: string): Promise<Result> {
  return runCockpit(args, { cwd, dataDir, env: { COCKPIT_USER: 'alice', TZ: 'UTC' } });
}

/** runCli in this process, for answers that never reach the engine. */
async function inProcess(args: string[], cwd: string, dataDir: string): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: { COCKPIT_DATA_DIR: dataDir },
    cwd,
    color: false,
    untilStopped: () => new Promise(() => {}),
    onInterrupt: () => () => {},
    readSecret: () => Promise.reject(new Error('no secrets here')),
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

/** A shop deployed once to production (v1.1.0), whose /version reports what the deploy wrote. */
async function deployedShop() {
  const state = tempDir('cockpit-env-');
  const file = join(state, 'production');
  const url = await deployedVersionServer(file, '1.0.0');
  const repo = gitRepo({
    'cockpit.yml': `version: 1
name: shop
environments:
  - name: production
    tier: production
    url: "${url}"
    failures_before_down: 1
    version: { json_pointer: /version, path: /version }
pipelines:
  deploy-production:
    deploy: { environment: production, verify_timeout: 3s }
    jobs:
      ship:
        run: |
          echo "shipping $COCKPIT_DEPLOY_VERSION, comment: <script>alert(1)</script>"
          printf "%s" "$COCKPIT_DEPLOY_VERSION" > "${file}"
`,
  });
  git(repo, 'tag', 'v1.1.0');
  const dataDir = tempDir('cockpit-data-');
  const deploy = await cockpit(['deploy', 'production'], repo, dataDir);
  expect(deploy.stderr).not.toMatch(/error/);
  expect(deploy.code).toBe(0);
  return { repo, dataDir };
}

describe('cockpit report, live-at and evidence', () => {
  it('reports, time-travels and exports evidence for a real deploy', async () => {
    const { repo, dataDir } = await deployedShop();

    const markdown = await cockpit(['report'], repo, dataDir);
    expect(markdown.stderr).toBe('');
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toMatch(/^# Release report: \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}\n/);
    expect(markdown.stdout).toMatch(
      /^\| 1 \| [^|]+ UTC \| [^|]+ UTC \| shop \| production \| v1\.1\.0 \| deploy \| alice \| succeeded \| verified \|$/m,
    );
    expect(markdown.stdout).toMatch(/^### #1 shop v1\.1\.0 to production$/m);
    expect(markdown.stdout).toContain('## Metrics');

    const html = await cockpit(['report', '--out', 'report.html', '--project', repo], repo, dataDir);
    expect(html).toMatchObject({ code: 0, stdout: `${join(repo, 'report.html')}\n` });
    const page = readFileSync(join(repo, 'report.html'), 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('<td>alice</td>');

    const csv = await cockpit(['report', '--table', 'runs', '--since', '7d'], repo, dataDir);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toMatch(/^id,project,pipeline,status,trigger,actor,/);
    expect(csv.stdout).toMatch(
      /\r\n1,shop,deploy-production,success,manual,alice,[0-9a-f]{40},main,false,\d{4}-\d{2}-\d{2}T[\d:.]+Z,/,
    );

    const version = await cockpit(['report', '--version', '1.1.0', '--format', 'csv'], repo, dataDir);
    expect(version.stdout.split('\r\n')[1]).toMatch(/^1,shop,production,production,deploy,v1\.1\.0,/);
    const none = await cockpit(['report', '--version', 'v9.9.9'], repo, dataDir);
    expect(none).toMatchObject({ code: 1, stderr: 'error: No deployments of version "v9.9.9".\n' });

    // Now, as the engine saw it: production runs v1.1.0, deployed by alice (deployment #1).
    const now = new Date(Date.now() + 1000).toISOString();
    const live = await cockpit(['live-at', now], repo, dataDir);
    expect(live.code).toBe(0);
    expect(live.stdout).toMatch(/^Live at \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(UTC\):\n\n/);
    expect(live.stdout).toMatch(/^PROJECT\s+ENVIRONMENT\s+VERSION\s+STATE\s+DEPLOYED$/m);
    expect(live.stdout).toMatch(
      /^shop\s+production\s+v?1\.1\.0\s+up\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2} by alice \(#1\)$/m,
    );
    const json = JSON.parse((await cockpit(['live-at', now, '--json'], repo, dataDir)).stdout) as {
      environments: { environment: string; deploymentId: number | null }[];
    };
    expect(json.environments).toEqual([
      expect.objectContaining({ environment: 'production', deploymentId: 1 }),
    ]);

    const evidence = await cockpit(['evidence', '1'], repo, dataDir);
    expect(evidence.code).toBe(0);
    const path = join(dataDir, 'evidence', 'deployment-1-v1.1.0.tar.gz');
    const sha = createHash('sha256').update(readFileSync(path)).digest('hex');
    expect(evidence.stdout).toMatch(
      new RegExp(`^${path}\\n {2}size {4}[\\d.]+ KB \\(\\d+ bytes\\)\\n {2}sha256 {2}${sha}\\n`),
    );
    const listing = execFileSync('tar', ['-tzf', path], { encoding: 'utf8' });
    expect(listing).toContain('deployment-1-v1.1.0/logs/ship/attempt-1.log');
    const missing = await cockpit(['evidence', '99'], repo, dataDir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: .*#99/);
  });

  it('exits 2 with a clear message for bad options and times', async () => {
    const dataDir = tempDir('cockpit-data-');
    const cwd = tempDir('cockpit-cwd-');
    // The real binary, once per command…
    const live = await cockpit(['live-at', 'last tuesday'], cwd, dataDir);
    expect(live).toMatchObject({ code: 2, stdout: '' });
    expect(live.stderr).toMatch(
      /^usage error: live-at "last tuesday" is not a time: use a date \(2026-11-20\)/,
    );
    expect(await cockpit(['report', '--format', 'pdf'], cwd, dataDir)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--format must be one of md, html, csv (got "pdf")') as string,
    });
    // …and every other refusal in-process (each is decided before the engine opens).
    const cases: [string[], RegExp][] = [
      [['live-at', '2026-02-30T10:00'], /live-at "2026-02-30T10:00" is not a time/],
      [['live-at'], /expected one time/],
      [['live-at', '2026-11-20', 'extra'], /expected one time/],
      [['report', '--since', 'yesterday'], /--since "yesterday" is not a time/],
      [['report', '--until', '2026-11-20T25:00'], /--until "2026-11-20T25:00" is not a time/],
      [['report', '--table', 'logs'], /--table must be one of deployments, runs, incidents/],
      [['report', '--table', 'runs', '--format', 'html'], /--table picks a CSV table/],
      [['report', '--out', 'report.html', '--table', 'runs'], /--table picks a CSV table/],
      [['report', 'extra'], /takes no arguments/],
      [['evidence'], /expected a deployment id/],
      [['evidence', 'abc'], /expected a deployment id/],
      [['evidence', '0'], /expected a deployment id/],
    ];
    for (const [args, message] of cases) {
      const result = await inProcess(args, cwd, dataDir);
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.stderr).toMatch(message);
    }
    expect(existsSync(join(dataDir, 'cockpit.db'))).toBe(false);
  });
});
