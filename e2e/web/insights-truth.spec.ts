// Insights on a seeded history whose answers are known in advance (support/seed-history.ts): two
// flaky jobs (not the run told to fail, not the one never re-run), three change failures out of seven
// changes (a rollback, a failed deploy rolled back, a redeploy of the old version with an override),
// restore times up to healthy again; weekly buckets with real dates, empty weeks drawn as zero.
import { test, expect, makeGitRepo, screenshot } from './support/cockpit-fixture.ts';
import { collectConsoleErrors } from './support/demo-page.ts';
import { engineApi } from './support/engine-api.ts';
import { seededAnswers, seedHistory } from './support/seed-history.ts';

test.use({ viewport: { width: 1280, height: 1600 } });

test('the insights of a seeded history show the flaky jobs and change failures it holds', async ({
  page,
  cockpit,
  workDir,
}) => {
  const consoleErrors = collectConsoleErrors(page);
  const repo = makeGitRepo(workDir, 'shop', { 'cockpit.yml': 'version: 1\nname: shop\n' });
  const api = await engineApi(cockpit.url);
  const project = await api.call<{ id: number }>('projects.add', { path: repo });
  api.close();
  seedHistory(cockpit.dataDir, project.id);

  await page.goto(cockpit.url);
  await page.getByRole('navigation').getByRole('link', { name: 'Insights' }).click();
  await page.getByRole('radio', { name: '30 days' }).check();
  await expect(page.getByTestId('dora-summary')).toHaveAttribute('data-range', '30d');

  const tile = (key: string) => page.locator(`[data-testid="dora-tile"][data-key="${key}"]`);
  const { changeFailures, restore, flaky } = seededAnswers;
  await expect(tile('changeFailureRate').getByTestId('dora-value')).toHaveText(changeFailures.rate);
  await expect(tile('changeFailureRate')).toContainText(
    `${changeFailures.failures} of ${changeFailures.changes} deploys failed`,
  );
  await expect(tile('timeToRestore').getByTestId('dora-value')).toHaveText(restore.median);
  await expect(tile('timeToRestore')).toContainText(
    `${restore.samples} failures restored · p90 ${restore.p90}`,
  );

  const rows = page.getByTestId('flaky-job');
  await expect(rows).toHaveCount(flaky.length);
  for (const job of flaky) {
    const row = page.locator(`[data-testid="flaky-job"][data-job="${job.job}"]`);
    await expect(row).toContainText(`${job.flakes} of ${job.runs}`);
    await expect(row).toContainText(job.why);
  }

  // Weekly buckets: real dates along the axis, an empty week a zero (drawn), never a gap.
  const deploys = page.getByTestId('chart-deploys');
  const weekAgo = new Date(Date.now() - 7 * 86_400_000).toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
  });
  await expect(deploys.locator('text.ichart-label[text-anchor="middle"]').last()).toHaveText(weekAgo);
  await expect(deploys.locator('[data-value="0"]').first()).toBeAttached();
  await screenshot(page, 'insights-seeded-history');
  expect(consoleErrors).toEqual([]);
});
