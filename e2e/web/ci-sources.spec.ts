// The CI files teams already have, run from the app: a GitHub workflow with a matrix (steps, a
// collapsible log group, an annotation and a job summary) and a .gitlab-ci.yml with stages and a
// manual job played from the run view. Every wait is on what the page shows, never on time.
import type { Page } from '@playwright/test';
import { test, expect, makeGitRepo, screenshot } from './support/cockpit-fixture.ts';
import { collectConsoleErrors } from './support/demo-page.ts';

test.use({ viewport: { width: 1280, height: 1100 } });

const workflow = `name: CI
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        node: [18, 20]
    steps:
      - name: Test on node \${{ matrix.node }}
        run: |
          echo "::group::Install dependencies"
          echo "added 42 packages"
          echo "audited 42 packages"
          echo "::endgroup::"
          echo "12 tests passed on node \${{ matrix.node }}"
  report:
    needs: test
    runs-on: ubuntu-latest
    steps:
      - name: Lint
        run: echo "::warning file=src/app.ts,line=3,col=5,title=Lint::Prefer const over let"
      - name: Summary
        run: |
          echo "### Test report" >> "$GITHUB_STEP_SUMMARY"
          echo "- **24** tests passed on node 18 and 20" >> "$GITHUB_STEP_SUMMARY"
      - name: Only on failure
        if: failure()
        run: echo never
`;

const gitlab = `stages: [build, test, deploy]
build:
  stage: build
  script:
    - echo "compiling"
unit:
  stage: test
  script: echo "unit tests passed"
lint:
  stage: test
  script: echo "lint clean"
  after_script: echo "cleaning up"
deploy:
  stage: deploy
  when: manual
  script: echo "deployed to staging"
`;

async function addProject(page: Page, url: string, path: string) {
  await page.goto(url);
  await page.getByRole('button', { name: 'Add project' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Folder' }).fill(path);
  await expect(dialog).toContainText('Has CI files the cockpit runs as they are');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('navigation').getByRole('link', { name: 'Pipelines' }).click();
  await expect(page).toHaveURL(/#\/pipelines$/);
}

test('runs a GitHub workflow with a matrix and a .gitlab-ci.yml with stages and a manual job', async ({
  page,
  cockpit,
  workDir,
}) => {
  const consoleErrors = collectConsoleErrors(page);
  const repo = makeGitRepo(workDir, 'shop', {
    '.github/workflows/ci.yml': workflow,
    '.gitlab-ci.yml': gitlab,
  });
  await addProject(page, cockpit.url, repo);
  const rows = page.getByTestId('pipeline-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'github/ci' }).getByTestId('source-badge')).toHaveText('GitHub');
  await expect(rows.filter({ hasText: 'gitlab' }).getByTestId('source-badge')).toHaveText('GitLab');
  await screenshot(page, 'ci-sources-pipelines');

  // GitHub: the matrix expands into two jobs; the report job has steps, an annotation and a summary.
  await page.getByRole('button', { name: 'Run github/ci' }).click();
  await expect(page).toHaveURL(/#\/runs\/\d+$/);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'success', { timeout: 45_000 });
  await expect(page.getByTestId('job-card')).toHaveCount(3);
  await expect(page.locator('[data-job="test (18)"]')).toHaveAttribute('data-status', 'success');
  await expect(page.locator('[data-job="test (20)"]')).toHaveAttribute('data-status', 'success');
  await expect(page.getByTestId('source-badge')).toHaveText('GitHub');
  await expect(page.getByRole('main')).toContainText('.github/workflows/ci.yml @');

  const annotations = page.getByTestId('annotations');
  await expect(annotations).toContainText('Lint: Prefer const over let');
  await expect(annotations.getByTestId('source-link')).toHaveText('src/app.ts:3');
  await expect(page.getByTestId('job-summaries')).toContainText('Test report');
  await expect(page.getByTestId('job-summaries').locator('strong')).toHaveText('24');

  await page.locator('[data-job="test (20)"]').click();
  const log = page.getByTestId('job-log');
  const group = log.getByTestId('log-group');
  await expect(group).toContainText('Install dependencies');
  await expect(group).toHaveAttribute('data-open', 'false');
  await expect(log.getByTestId('log-line').filter({ hasText: 'added 42 packages' })).toHaveCount(0);
  await expect(log.getByTestId('log-line').filter({ hasText: '12 tests passed on node 20' })).toBeVisible();
  await group.getByRole('button').click();
  await expect(group).toHaveAttribute('data-open', 'true');
  await expect(log.getByTestId('log-line').filter({ hasText: 'added 42 packages' })).toBeVisible();

  await page.locator('[data-job="report"]').click();
  const steps = log.getByTestId('step');
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(2)).toHaveAttribute('data-status', 'skipped');
  await expect(steps.nth(2)).toContainText('if: failure() was false');
  await expect(steps.nth(0).getByTestId('source-link')).toHaveText('.github/workflows/ci.yml:21');
  await screenshot(page, 'ci-sources-github-run');

  // GitLab: stages in order, the manual deploy waits for Play, then runs.
  await page.getByRole('link', { name: 'Pipelines' }).first().click();
  await page.getByRole('button', { name: 'Run gitlab' }).click();
  await expect(page).toHaveURL(/#\/runs\/\d+$/);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'success', { timeout: 45_000 });
  await expect(page.locator('[data-job="deploy"]')).toHaveAttribute('data-status', 'manual');
  const x = async (job: string) => (await page.locator(`[data-job="${job}"]`).boundingBox())!.x;
  expect(await x('build')).toBeLessThan(await x('unit'));
  expect(await x('unit')).toBe(await x('lint'));
  expect(await x('lint')).toBeLessThan(await x('deploy'));
  await page.locator('[data-job="lint"]').click();
  await expect(log.getByTestId('step')).toHaveCount(2);
  await expect(log.getByTestId('log-line').filter({ hasText: 'cleaning up' }).first()).toBeVisible();
  await page.locator('[data-job="deploy"]').click();
  await expect(log).toContainText('This is a manual job: it runs when you play it.');
  await screenshot(page, 'ci-sources-gitlab-manual');

  await page.getByRole('button', { name: 'Play deploy' }).click();
  await expect(page.locator('[data-job="deploy"]')).toHaveAttribute('data-status', 'success', {
    timeout: 45_000,
  });
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'success');
  await expect(page.getByRole('button', { name: 'Play deploy' })).toHaveCount(0);
  await expect(log.getByTestId('log-line').filter({ hasText: 'deployed to staging' }).first()).toBeVisible();
  await screenshot(page, 'ci-sources-gitlab-played');
  expect(consoleErrors).toEqual([]);
});
