// `cockpit status` and `cockpit check` as real child processes against real HTTP servers.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures, gitRepo, onCleanup, tempDir } from '../../testing/fixtures.ts';
import { runCockpit } from '../../testing/cli-process.ts';

afterEach(cleanupFixtures);

async function server(status: number): Promise<string> {
  const srv = createServer((_req, res) => res.writeHead(status, { 'x-app-version': '3.2.1' }).end('hello'));
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  onCleanup(() => new Promise<void>((resolve) => srv.close(() => resolve())));
  return `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
}

/** Asynchronous on purpose: the servers under test live in this process and must keep answering. */
function cockpit(args: string[], cwd: string, dataDir: string) {
  return runCockpit(args, { cwd, dataDir });
}

function project(staging: string, production: string) {
  return gitRepo({
    'cockpit.yml': `version: 1
name: shop
environments:
  - { name: staging, tier: staging, url: "${staging}", failures_before_down: 1, version: { header: x-app-version } }
  - { name: production, tier: production, url: "${production}", failures_before_down: 1 }
`,
  });
}

describe('cockpit status and check', () => {
  it('exit 0 with a table when production is up', async () => {
    const repo = project(await server(200), await server(200));
    const dataDir = tempDir();
    expect((await cockpit(['projects', 'add', repo], repo, dataDir)).code).toBe(0);
    const result = await cockpit(['status'], repo, dataDir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^PROJECT\s+ENVIRONMENT\s+TIER\s+STATE\s+VERSION\s+LATENCY\s+UPTIME 24H\s+CHECKED$/m,
    );
    expect(result.stdout).toMatch(/^shop\s+production\s+production\s+up\s/m);
    expect(result.stdout).toMatch(/^shop\s+staging\s+staging\s+up\s+3\.2\.1\s/m);
  });

  it('exit 3 when a production environment is down; JSON on request', async () => {
    const repo = project(await server(200), await server(500));
    const dataDir = tempDir();
    await cockpit(['projects', 'add', repo], repo, dataDir);
    const result = await cockpit(['status'], repo, dataDir);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/production is not healthy: production down/);
    const json = JSON.parse((await cockpit(['status', '--json', '--cached'], repo, dataDir)).stdout) as {
      name: string;
      state: string;
    }[];
    expect(json.find((env) => env.name === 'production')!.state).toBe('down');
  });

  it('check runs one environment now and prints what it found', async () => {
    const repo = project(await server(200), await server(500));
    const dataDir = tempDir();
    const up = await cockpit(['check', 'staging'], repo, dataDir);
    expect(up.code).toBe(0);
    expect(up.stdout).toMatch(/state\s+up/);
    expect(up.stdout).toMatch(/version\s+3\.2\.1/);
    const down = await cockpit(['check', 'production'], repo, dataDir);
    expect(down.code).toBe(3);
    expect(down.stdout).toMatch(/error\s+http_status: /);
    expect(await cockpit(['check', 'nowhere'], repo, dataDir)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/no environment "nowhere"/) as string,
    });
  });
});

describe('cockpit status with an invalid cockpit.yml', () => {
  it('exits 7 naming the project, file, line and column, and still shows what the last good configuration watches', async () => {
    const repo = project(await server(200), await server(200));
    const dataDir = tempDir();
    await cockpit(['projects', 'add', repo], repo, dataDir); // its configuration is kept as good
    const file = join(repo, 'cockpit.yml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('name: shop', 'name: shop\nnmae: typo'));
    const result = await cockpit(['status'], repo, dataDir);
    expect(result.code).toBe(7);
    expect(result.stdout).toMatch(/^shop\s+production\s+production\s+up\s/m);
    expect(result.stdout).not.toMatch(/No environments configured/);
    expect(result.stderr).toContain(`config error in shop: ${file}:3:1: unknown key "nmae"`);
    expect(result.stderr).toMatch(/monitoring goes on with the configuration from \d{4}-\d\d-\d\d \d\d:\d\d/);
  });

  it('says why nothing is shown when no valid configuration was ever seen, instead of "No environments configured"', async () => {
    const repo = gitRepo({ 'cockpit.yml': 'version: 1\nname: shop\nenvironments: {}\n' });
    const dataDir = tempDir();
    await cockpit(['projects', 'add', repo], repo, dataDir);
    const result = await cockpit(['status'], repo, dataDir);
    expect(result.code).toBe(7);
    expect(result.stdout).not.toMatch(/No environments configured/);
    expect(result.stdout).toMatch(/No environments to show/);
    expect(result.stderr).toMatch(/cockpit\.yml:3:15: environments: .*none of its environments is monitored/);
  });

  it('says "No environments configured" when that is the truth', async () => {
    const repo = gitRepo({ 'cockpit.yml': 'version: 1\nname: shop\n' });
    const dataDir = tempDir();
    await cockpit(['projects', 'add', repo], repo, dataDir);
    const result = await cockpit(['status'], repo, dataDir);
    expect(result).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/No environments configured/) as string,
    });
  });
});
