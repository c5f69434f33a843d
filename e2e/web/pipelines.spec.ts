// Local pipelines end to end: run the demo project's CI pipeline from the Pipelines view, watch its
// job graph turn green, read and search a job's log; run it again with a failing test and jump to
// the first error. Every wait is on what the page shows, never on time.
import { test, expect, screenshot } from './support/cockpit-fixture.ts';
import { collectConsoleErrors, pauseDemoAutoDeploy } from './support/demo-page.ts';
import type { Page } from '@playwright/test';

test.use({ viewport: { width: 1280, height: 1000 } });

async function openDemoPipelines(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('button', { name: 'Open the demo project' }).click();
  // Copying the demo repository (a git history of several commits) takes seconds on a loaded machine.
  await expect(page.getByTestId('project-row')).toContainText('Demo shop API', { timeout: 30_000 });
  // Only the runs are looked at here: ci passing must not deploy staging (and add deploy runs).
  await pauseDemoAutoDeploy(url);
  await page.getByRole('navigation').getByRole('link', { name: 'Pipelines' }).click();
  await expect(page).toHaveURL(/#\/pipelines$/);
  await expect(page.getByTestId('pipeline-row').filter({ hasText: 'ci' }).first()).toBeVisible();
}

async function runCi(page: Page, options: { failTests: boolean }) {
  await page.getByRole('button', { name: 'Run ci' }).click();
  const dialog = page.getByRole('dialog', { name: 'Run ci' });
  await expect(dialog).toBeVisible();
  const failTests = dialog.getByRole('checkbox', { name: 'fail_tests' });
  await expect(failTests).not.toBeChecked(); // the default, prefilled
  if (options.failTests) await failTests.check();
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page).toHaveURL(/#\/runs\/\d+$/);
}

test.describe('pipelines', () => {
  test('runs the demo CI pipeline, watches the graph go green, searches a log', async ({ page, cockpit }) => {
    const consoleErrors = collectConsoleErrors(page);
    await openDemoPipelines(page, cockpit.url);
    await expect(page.getByTestId('pipeline-row')).toHaveCount(4);
    await expect(page.getByTestId('run-history')).toHaveCount(0); // no runs yet
    await screenshot(page, 'pipelines-list');

    await runCi(page, { failTests: false });
    const cards = page.getByTestId('job-card');
    await expect(cards).toHaveCount(5);
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'success', {
      timeout: 45_000,
    });
    await expect(page.locator('[data-testid="job-card"]:not([data-status="success"])')).toHaveCount(0);
    // The graph is laid out by dependencies: install first, build last.
    const x = async (job: string) => (await page.locator(`[data-job="${job}"]`).boundingBox())!.x;
    expect(await x('install')).toBeLessThan(await x('lint'));
    expect(await x('lint')).toBe(await x('unit-tests'));
    expect(await x('unit-tests')).toBeLessThan(await x('build'));
    await screenshot(page, 'run-graph-success');

    // A job's log: its command, its output, and a search that highlights the matching line.
    await page.locator('[data-testid="job-card"][data-job="unit-tests"]').click();
    await expect(page.locator('[data-testid="job-card"][data-job="unit-tests"]')).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    const log = page.getByTestId('job-log');
    await expect(log.getByTestId('log-line').first()).toContainText('$ node --test');
    const search = page.getByRole('textbox', { name: 'Search the log' });
    await page.keyboard.press('/');
    await expect(search).toBeFocused();
    await search.fill('health');
    await search.press('Enter');
    const match = log.locator('[data-testid="log-line"][data-mark="match"]');
    await expect(match).toBeVisible();
    await expect(match).toContainText('health and version answer');
    await expect(match.locator('mark')).toHaveText('health');
    // The first match of those counted ("1 of 2"), as the engine counts the lines search visits.
    await expect(log.getByTestId('log-search-status')).toHaveText(/^1 of \d+$/);
    await search.press('Enter');
    await expect(log.getByRole('status').filter({ hasText: 'No more matches' })).toBeVisible();
    await screenshot(page, 'log-search');

    // The run is in the address: a reload shows it again, and the history lists it.
    const runUrl = page.url();
    await page.reload();
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'success');
    await page.getByRole('link', { name: 'Pipelines' }).first().click();
    const rows = page.getByTestId('run-row');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('ci');
    await expect(rows.first()).toContainText('Succeeded');
    await rows.first().click();
    await expect(page).toHaveURL(runUrl);
    expect(consoleErrors).toEqual([]);
  });

  test('a failing run: red graph, skipped dependants, jump to the first error', async ({ page, cockpit }) => {
    await openDemoPipelines(page, cockpit.url);
    await runCi(page, { failTests: true });
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'failed', {
      timeout: 45_000,
    });
    await expect(page.locator('[data-testid="job-card"][data-job="unit-tests"]')).toHaveAttribute(
      'data-status',
      'failed',
    );
    await expect(page.locator('[data-testid="job-card"][data-job="build"]')).toHaveAttribute(
      'data-status',
      'skipped',
    );
    // The log opens on the first failed job by itself.
    await expect(page.getByRole('heading', { name: 'Log of unit-tests' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Re-run failed jobs' })).toBeVisible();

    await page.getByRole('button', { name: 'First error' }).click();
    const errorLine = page.locator('[data-testid="log-line"][data-mark="error"]');
    await expect(errorLine).toBeVisible();
    await screenshot(page, 'run-graph-failed');
  });
});
