// Continuous delivery on the demo itself (live environments on 127.0.0.1:47811 and 47812, always
// stopped afterwards): a new user commits to main in the demo's repository (the copy in the cockpit's
// data folder), ci starts by itself (its `commit: { branch: main }` trigger) and passes, and staging
// gets the new commit by itself (`auto_deploy: { after: ci, branch: main }`) — nobody deploys it.
import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, screenshot } from './support/cockpit-fixture.ts';
import { collectConsoleErrors, dismissToasts, openDemo, stopDemoEnvironments } from './support/demo-page.ts';
import { engineApi } from './support/engine-api.ts';

const rule = 'auto-deploy (environments.staging.auto_deploy)';

const cell = (page: Page, environment: string) =>
  page.locator(`[data-testid="board-cell"][data-environment="${environment}"]`);

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'New User',
  GIT_AUTHOR_EMAIL: 'new.user@example.invalid',
  GIT_COMMITTER_NAME: 'New User',
  GIT_COMMITTER_EMAIL: 'new.user@example.invalid',
};
const git = (repo: string, ...args: string[]) =>
  execFileSync('git', args, { cwd: repo, env: gitEnv, encoding: 'utf8' }).trim();

interface Run {
  id: number;
  pipeline: string;
  trigger: string;
  status: string;
  git: { sha: string | null; branch: string | null } | null;
}

interface Deployment {
  version: string;
  commit: string;
  actor: string;
  status: string;
}

test.use({ viewport: { width: 1280, height: 900 } });

test.describe('the demo delivers by itself', () => {
  test.setTimeout(300_000);
  test.beforeEach(() => stopDemoEnvironments());
  test.afterEach(() => stopDemoEnvironments());

  test('a commit to main passes ci by its trigger and reaches staging by itself', async ({
    page,
    cockpit,
  }) => {
    const consoleErrors = collectConsoleErrors(page);
    await openDemo(page, cockpit.url);

    const api = await engineApi(cockpit.url);
    try {
      const [project] = await api.call<{ id: number; path: string }[]>('projects.list');
      const projectId = project!.id;
      const repo = project!.path;
      const runs = () => api.call<Run[]>('runs.list', { projectId });

      // The live environments, started the way a new user does: staging at 1.1.0.
      await page.getByRole('navigation').getByRole('link', { name: 'Pipelines' }).click();
      await page.getByRole('button', { name: 'Run environments' }).click();
      await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'success', {
        timeout: 60_000,
      });
      await page.getByRole('navigation').getByRole('link', { name: 'Board' }).click();
      await expect(cell(page, 'staging')).toHaveAttribute('data-reported', '1.1.0', { timeout: 45_000 });
      const auto = cell(page, 'staging').getByTestId('cell-auto-deploy');
      await expect(auto).toContainText(/auto-deploy(: waiting for ci to pass on main| after ci on main)/);
      expect((await runs()).filter((run) => run.pipeline === 'ci')).toEqual([]);

      // A commit on main, untagged, as a new user makes it. (The trigger has taken note of main's
      // head by now: it looks every 5 s, and the environments came up in between.)
      appendFileSync(join(repo, 'CHANGELOG.md'), '\n- Docs: how a commit reaches staging by itself.\n');
      git(repo, 'commit', '--quiet', '--no-gpg-sign', '-am', 'docs: note continuous delivery');
      const sha = git(repo, 'rev-parse', 'HEAD');
      const version = git(repo, 'describe', '--tags', '--abbrev=7', sha);
      expect(version).toMatch(/^v1\.2\.0-1-g[0-9a-f]{7}$/);

      // ci starts by itself on that commit and passes.
      await expect
        .poll(
          async () =>
            (await runs())
              .filter((run) => run.pipeline === 'ci' && run.git?.sha === sha)
              .map((run) => `${run.trigger}:${run.status}`),
          { timeout: 120_000 },
        )
        .toEqual(['commit:success']);

      // Staging runs it without anyone deploying: the rule is the deployment's actor.
      await expect(cell(page, 'staging')).toHaveAttribute('data-version', version, { timeout: 90_000 });
      await expect(cell(page, 'staging')).toHaveAttribute('data-verification', 'verified', {
        timeout: 90_000,
      });
      await expect(cell(page, 'staging')).toHaveAttribute('data-reported', version.slice(1));
      await expect(auto).toHaveAttribute('data-state', 'deployed');
      await expect(auto).toContainText(version);
      const deployments = await api.call<Deployment[]>('releases.list', {
        projectId,
        environment: 'staging',
      });
      expect(deployments).toHaveLength(1);
      expect(deployments[0]).toMatchObject({ version, commit: sha, actor: rule, status: 'succeeded' });
      // Production is untouched: promoting stays a person's decision behind its approval.
      await expect(cell(page, 'production')).toHaveAttribute('data-reported', '1.0.0');
      await dismissToasts(page);
      await screenshot(page, 'demo-auto-deploy');
      expect(consoleErrors).toEqual([]);
    } finally {
      api.close();
    }
  });
});
