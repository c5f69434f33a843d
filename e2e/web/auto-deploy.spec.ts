// Continuous delivery as the board shows it, on a project of its own (a real git repository, a real
// HTTP server on 127.0.0.1 playing staging and reporting what the deploy job wrote). staging has
// `auto_deploy: { after: ci, branch: main }`: a commit on main that passes ci is deployed by itself
// (the deployment's actor is the rule); paused from the board cell, the next passing commit waits,
// and resuming ships it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, makeGitRepo, screenshot } from './support/cockpit-fixture.ts';
import { collectConsoleErrors, dismissToasts } from './support/demo-page.ts';
import { engineApi } from './support/engine-api.ts';

test.use({ viewport: { width: 1280, height: 900 }, cockpitEnv: { COCKPIT_USER: 'alice' } });

const rule = 'auto-deploy (environments.staging.auto_deploy)';

const config = (url: string, versionDir: string) => `version: 1
name: Autoship
pipelines:
  ci:
    jobs:
      build:
        run: mkdir -p dist && cp app.txt dist/app.txt
        artifacts: [dist/**]
  deploy-staging:
    deploy: { environment: staging, verify_timeout: 10s }
    env: { VERSION_DIR: "${versionDir}" }
    jobs:
      ship:
        run: |
          test -f "$COCKPIT_RELEASE_DIR/dist/app.txt"
          printf '%s' "\${COCKPIT_DEPLOY_VERSION#v}" > "$VERSION_DIR/staging"
environments:
  - name: staging
    tier: staging
    url: ${url}
    interval: 1h
    checks: [{ http: { path: /health } }]
    version: { json_pointer: /version, path: /version }
    auto_deploy: { after: ci, branch: main }
`;

/** staging: /version answers what the deploy job last wrote (0.0.0 before any deploy). */
async function stagingServer(versionDir: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const file = join(versionDir, 'staging');
    const version = existsSync(file) ? readFileSync(file, 'utf8').trim() : '0.0.0';
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(req.url === '/version' ? { version } : { status: 'ok' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'E2E',
  GIT_AUTHOR_EMAIL: 'e2e@example.invalid',
  GIT_COMMITTER_NAME: 'E2E',
  GIT_COMMITTER_EMAIL: 'e2e@example.invalid',
};
const git = (repo: string, ...args: string[]) =>
  execFileSync('git', args, { cwd: repo, env: gitEnv, encoding: 'utf8' }).trim();

/** A commit on main changing app.txt, tagged. */
function commit(repo: string, text: string, tag: string): string {
  writeFileSync(join(repo, 'app.txt'), `${text}\n`);
  git(repo, 'commit', '--quiet', '--no-gpg-sign', '-am', `feat: ${text}`);
  git(repo, 'tag', tag);
  return git(repo, 'rev-parse', 'HEAD');
}

async function runCi(page: Page) {
  await page.getByRole('navigation').getByRole('link', { name: 'Pipelines' }).click();
  await page.getByRole('button', { name: 'Run ci' }).click();
  const status = page.getByTestId('run-status');
  await expect(page).toHaveURL(/#\/runs\/\d+$/);
  await expect(status).toHaveAttribute('data-status', 'success', { timeout: 60_000 });
}

const stagingCell = (page: Page) => page.locator('[data-testid="board-cell"][data-environment="staging"]');

/** The cell's pause / resume button is whole inside the cell, not pushed past its edge by a long line. */
async function expectToggleInsideCell(page: Page) {
  const cell = await stagingCell(page).boundingBox();
  const toggle = await stagingCell(page).getByTestId('cell-auto-deploy-toggle').boundingBox();
  expect(cell && toggle).toBeTruthy();
  expect(toggle!.x + toggle!.width).toBeLessThanOrEqual(cell!.x + cell!.width);
}

interface Deployment {
  id: number;
  version: string;
  commit: string;
  actor: string;
  status: string;
}

test.describe('auto-deploy', () => {
  test.setTimeout(180_000);

  test('a commit that passes ci deploys to staging by itself; paused from the board it waits; resumed it ships', async ({
    page,
    cockpit,
    workDir,
  }) => {
    const consoleErrors = collectConsoleErrors(page);
    const versionDir = mkdtempSync(join(tmpdir(), 'cockpit-e2e-versions-'));
    const { url, server } = await stagingServer(versionDir);
    const api = await engineApi(cockpit.url);
    try {
      const repo = makeGitRepo(workDir, 'autoship', {
        'cockpit.yml': config(url, versionDir),
        'app.txt': 'one\n',
        '.gitignore': 'dist/\n',
      });
      git(repo, 'tag', 'v1.0.0');
      const project = await api.call<{ id: number }>('projects.add', { path: repo });
      const deployments = () =>
        api.call<Deployment[]>('releases.list', { projectId: project.id, environment: 'staging' });

      await page.goto(cockpit.url);
      const auto = stagingCell(page).getByTestId('cell-auto-deploy');
      await expect(auto).toContainText(/auto-deploy(: waiting for ci to pass on main| after ci on main)/);
      await dismissToasts(page);
      await screenshot(page, 'auto-deploy-waiting-for-ci');

      // A commit on main, ci passes: staging gets it without anyone deploying.
      const second = commit(repo, 'two', 'v1.1.0');
      await runCi(page);
      await page.getByRole('navigation').getByRole('link', { name: 'Board' }).click();
      await expect(stagingCell(page)).toHaveAttribute('data-version', 'v1.1.0', { timeout: 60_000 });
      await expect(stagingCell(page)).toHaveAttribute('data-verification', 'verified', { timeout: 60_000 });
      await expect(stagingCell(page)).toHaveAttribute('data-reported', '1.1.0');
      await expect(auto).toHaveAttribute('data-state', 'deployed');
      await expect(auto).toContainText('v1.1.0');
      await expectToggleInsideCell(page);
      const [first] = await deployments();
      expect(first).toMatchObject({ version: 'v1.1.0', commit: second, actor: rule, status: 'succeeded' });
      await dismissToasts(page);
      await screenshot(page, 'auto-deploy-deployed');

      // The Releases view says the rule deployed it.
      await page.getByRole('navigation').getByRole('link', { name: 'Releases' }).click();
      const row = page.getByTestId('deployment').first();
      await expect(row).toContainText('v1.1.0');
      await expect(row).toContainText(rule);
      await row.getByRole('button', { name: /Details of deployment/ }).click();
      await expect(row.getByTestId('shipped-build')).toContainText('built once by ci run');
      await dismissToasts(page);
      await screenshot(page, 'auto-deploy-deployment');

      // Paused from the cell: it says who paused it.
      await page.getByRole('navigation').getByRole('link', { name: 'Board' }).click();
      await stagingCell(page).getByTestId('cell-auto-deploy-toggle').click();
      await expect(auto).toHaveAttribute('data-state', 'paused');
      await expect(auto).toContainText('auto-deploy paused by alice');
      await expect(stagingCell(page).getByTestId('cell-auto-deploy-toggle')).toHaveText('Resume');
      await expectToggleInsideCell(page);

      // Another commit passes ci while paused: nothing is deployed.
      const third = commit(repo, 'three', 'v1.2.0');
      await runCi(page);
      await page.getByRole('navigation').getByRole('link', { name: 'Board' }).click();
      // The rule looked at it and held it back, saying so.
      await expect(auto).toContainText('auto-deploy paused by alice');
      const held = stagingCell(page).getByTestId('cell-auto-deploy-held');
      await expect(held).toHaveText('v1.2.0 waits: ci passed on main; not deployed while paused');
      await expect(stagingCell(page)).toHaveAttribute('data-version', 'v1.1.0');
      expect((await deployments()).map((d) => d.version)).toEqual(['v1.1.0']);
      await dismissToasts(page);
      await screenshot(page, 'auto-deploy-paused');

      // Resumed: the waiting commit ships.
      await stagingCell(page).getByTestId('cell-auto-deploy-toggle').click();
      await expect(stagingCell(page)).toHaveAttribute('data-version', 'v1.2.0', { timeout: 60_000 });
      await expect(stagingCell(page)).toHaveAttribute('data-verification', 'verified', { timeout: 60_000 });
      await expect(auto).toHaveAttribute('data-state', 'deployed');
      await expect(held).toHaveCount(0);
      const all = await deployments();
      expect(all.map((d) => [d.version, d.commit, d.actor])).toEqual([
        ['v1.2.0', third, rule],
        ['v1.1.0', second, rule],
      ]);
      // It was requested after the resume, not while paused: the audit chain orders both.
      const audit = await api.call<{ id: number; action: string; subject: string }[]>('audit.list', {
        projectId: project.id,
      });
      const resumed = audit.find((entry) => entry.action === 'auto_deploy.resumed');
      const requested = audit.find(
        (entry) => entry.action === 'deploy.requested' && entry.subject === `deployment #${all[0]!.id}`,
      );
      expect(resumed).toBeDefined();
      expect(requested).toBeDefined();
      expect(requested!.id).toBeGreaterThan(resumed!.id);
      await dismissToasts(page);
      await screenshot(page, 'auto-deploy-resumed');
      expect(consoleErrors).toEqual([]);
    } finally {
      api.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(versionDir, { recursive: true, force: true });
    }
  });
});
