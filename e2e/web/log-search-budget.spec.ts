// A log search that runs out of its time budget says so in the log viewer ("Search stopped after
// N s …", from the engine) instead of spinning; pressing Enter again goes on from where it stopped.
// The budget is set to 1 ms for this server, so every search stops before it has begun.
import { test, expect, screenshot } from './support/cockpit-fixture.ts';
import { collectConsoleErrors, openDemo, pauseDemoAutoDeploy } from './support/demo-page.ts';

test.use({ viewport: { width: 1280, height: 900 }, cockpitEnv: { COCKPIT_LOG_SEARCH_BUDGET_MS: '1' } });

test('a log search over its budget shows the engine\'s "search stopped" message', async ({
  page,
  cockpit,
}) => {
  const consoleErrors = collectConsoleErrors(page);
  await openDemo(page, cockpit.url);
  // Only the log is looked at here: ci passing must not deploy staging.
  await pauseDemoAutoDeploy(cockpit.url);
  await page.getByRole('navigation').getByRole('link', { name: 'Pipelines' }).click();
  await page.getByRole('button', { name: 'Run ci' }).click();
  await page
    .getByRole('dialog', { name: 'Run ci' })
    .getByRole('button', { name: 'Run', exact: true })
    .click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'success', { timeout: 45_000 });

  await page.locator('[data-testid="job-card"][data-job="unit-tests"]').click();
  const log = page.getByTestId('job-log');
  await expect(log.getByTestId('log-line').first()).toContainText('$ node --test');
  const search = page.getByRole('textbox', { name: 'Search the log' });
  await search.fill('no such text anywhere');
  await search.press('Enter');
  const status = log
    .getByRole('status')
    .filter({ hasText: /^Search stopped after 0\.001 s before it could search a line\./ });
  await expect(status).toBeVisible();
  await expect(status).toContainText('Search again');
  await screenshot(page, 'log-search-stopped');
  await search.press('Enter'); // goes on from where it stopped — and stops again (1 ms budget)
  await expect(status).toBeVisible();
  expect(consoleErrors).toEqual([]);
});
