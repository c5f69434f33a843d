// `cockpit rollback <env> --to VERSION --dry-run` as real child processes, on a real git repository
// whose production (a real HTTP server) ran 1.0.0 before the cockpit first deployed there.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures, git, gitRepo, onCleanup, tempDir, writeFiles } from '../../testing/fixtures.ts';
import { runCockpit } from '../../testing/cli-process.ts';

afterEach(cleanupFixtures);

/** Production: /version reports what the deploy job wrote, 1.0.0 before any deploy. */
async function production(file: string): Promise<string> {
  const server = createServer((req, res) => {
    const version = existsSync(file) ? readFileSync(file, 'utf8').trim() : '1.0.0';
    if (req.url === '/version')
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ version }));
    else res.writeHead(200).end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function shop() {
  const state = join(tempDir('cockpit-env-'), 'production');
  const repo = gitRepo({
    'cockpit.yml': `version: 1
name: shop
environments:
  - name: production
    tier: production
    url: "${await production(state)}"
    version: { json_pointer: /version, path: /version }
    gates: { healthy_before: true, rollback: { skip: [healthy_before] } }
pipelines:
  deploy-production:
    deploy: { environment: production, verify_timeout: 3s }
    jobs:
      ship: { run: 'printf "%s" "\${COCKPIT_DEPLOY_VERSION#v}" > "${state}"' }
`,
    'app.txt': 'one\n',
  });
  git(repo, 'tag', 'v1.0.0');
  writeFiles(repo, { 'app.txt': 'two\n' });
  git(repo, 'commit', '-qam', 'two');
  git(repo, 'tag', 'v1.1.0');
  return { repo, dataDir: tempDir('cockpit-data-'), state };
}

describe('cockpit rollback', () => {
  it('lists the targets with --dry-run, refuses an unknown --to with the valid ones, and rolls back to a version only seen', async () => {
    const { repo, dataDir, state } = await shop();
    const cockpit = (...args: string[]) =>
      runCockpit(args, { cwd: repo, dataDir, env: { COCKPIT_USER: 'alice' } });
    expect((await cockpit('check', 'production')).stdout).toContain('1.0.0');
    const deployed = await cockpit('deploy', 'production', '--version', 'v1.1.0');
    expect(deployed.code).toBe(0);
    expect(readFileSync(state, 'utf8')).toBe('1.1.0');

    const dry = await cockpit('rollback', 'production', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Roll back shop on production to v1.0.0');
    expect(dry.stdout).toMatch(/healthy_before.*skipped for rollbacks/);
    expect(dry.stdout).toMatch(/\* v1\.0\.0 \([0-9a-f]{7,8}\) live from .* until .*, seen by the monitor/);
    expect(dry.stdout).toContain('Dry run: nothing was requested.');
    const history = await cockpit('deployments', '--json');
    expect((JSON.parse(history.stdout) as unknown[]).length).toBe(1);

    const unknown = await cockpit('rollback', 'production', '--to', 'v9.9.9');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain(
      '"v9.9.9" is not a release "production" can roll back to (it can: v1.0.0)',
    );
    expect(readFileSync(state, 'utf8')).toBe('1.1.0');

    const back = await cockpit('rollback', 'production', '--to', '1.0.0');
    expect(back.stderr).toBe('');
    expect(back.code).toBe(0);
    expect(readFileSync(state, 'utf8')).toBe('1.0.0');
  });
});
