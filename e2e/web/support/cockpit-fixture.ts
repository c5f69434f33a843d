// Playwright fixture: a real `cockpit serve` on a random port with a fresh data directory,
// torn down after each test. Tests drive the UI it serves in Chromium.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const screenshotDir = join(root, 'test-results', 'screenshots');

export interface CockpitServer {
  /** The URL with the token, as printed by `cockpit serve`. */
  url: string;
  /** The same origin without a token. */
  origin: string;
  dataDir: string;
  /** Milliseconds from spawn to the URL being printed (server ready). */
  startupMs: number;
}

async function startServer(
  dataDir: string,
  extraEnv: Record<string, string> = {},
): Promise<{ server: CockpitServer; child: ChildProcess }> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, 'bin', 'cockpit.js'), 'serve', '--port', '0'], {
    env: {
      ...process.env,
      COCKPIT_DATA_DIR: dataDir,
      NO_COLOR: '1',
      COCKPIT_CHECK_RESULTS: '1',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`cockpit serve did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`cockpit serve exited with ${code}:\n${output}`)));
  });
  return {
    server: { url, origin: new URL(url).origin, dataDir, startupMs: performance.now() - started },
    child,
  };
}

export const test = base.extend<{
  cockpit: CockpitServer;
  workDir: string;
  /** Extra environment for the server, e.g. test.use({ cockpitEnv: { COCKPIT_LOG_SEARCH_BUDGET_MS: '1' } }). */
  cockpitEnv: Record<string, string>;
}>({
  cockpitEnv: [{}, { option: true }],
  workDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'cockpit-e2e-work-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  cockpit: async ({ cockpitEnv }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-e2e-data-'));
    const { server, child } = await startServer(dataDir, cockpitEnv);
    await use(server);
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect };

/** A real git repository with the given files, for the Add project flow. */
export function makeGitRepo(parent: string, name: string, files: Record<string, string>): string {
  const dir = join(parent, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'E2E',
    GIT_AUTHOR_EMAIL: 'e2e@example.invalid',
    GIT_COMMITTER_NAME: 'E2E',
    GIT_COMMITTER_EMAIL: 'e2e@example.invalid',
  };
  execFileSync('git', ['init', '--quiet', '--initial-branch=main'], { cwd: dir, env });
  execFileSync('git', ['add', '--all'], { cwd: dir, env });
  execFileSync('git', ['commit', '--quiet', '--no-gpg-sign', '--allow-empty', '-m', 'initial'], {
    cwd: dir,
    env,
  });
  return dir;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}
