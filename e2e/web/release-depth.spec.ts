// Releases built once, end to end on the demo (live environments on 127.0.0.1:47811 and 47812,
// always stopped afterwards): pass `ci`, pick v1.2.0 from the deploy dialog's release picker (typing
// filters it), see that it ships the build `ci` made, deploy it to staging, then promote the same
// build to production — the dialog and both deployments show equal checksums.
import type { Page } from '@playwright/test';
import { test, expect, screenshot } from './support/cockpit-fixture.ts';
import {
  collectConsoleErrors,
  dismissToasts,
  openDemo,
  pauseDemoAutoDeploy,
  stopDemoEnvironments,
} from './support/demo-page.ts';

const cell = (page: Page, environment: string) =>
  page.locator(`[data-testid="board-cell"][data-environment="${environment}"]`);

async function runPipeline(page: Page, pipeline: string) {
  await page.getByRole('navigation').getByRole('link', { name: 'Pipelines' }).click();
  await page.getByRole('button', { name: `Run ${pipeline}` }).click();
  const params = page.getByRole('dialog', { name: `Run ${pipeline}` });
  const status = page.getByTestId('run-status');
  await expect(params.or(status)).toBeVisible();
  if (await params.isVisible()) await params.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page).toHaveURL(/#\/runs\/\d+$/);
  await expect(status).toHaveAttribute('data-status', 'success', { timeout: 60_000 });
}

test.use({ viewport: { width: 1280, height: 900 } });

test.describe('release depth', () => {
  test.setTimeout(300_000);
  test.beforeEach(() => stopDemoEnvironments());
  test.afterEach(() => stopDemoEnvironments());

  test('pick v1.2.0, deploy the build ci made to staging, promote the same build to production', async ({
    page,
    cockpit,
  }) => {
    const consoleErrors = collectConsoleErrors(page);
    await openDemo(page, cockpit.url);
    // This spec deploys to staging by hand, from the picker: ci passing must not do it first.
    await pauseDemoAutoDeploy(cockpit.url);
    await runPipeline(page, 'environments');
    await runPipeline(page, 'ci');

    await page.getByRole('navigation').getByRole('link', { name: 'Board' }).click();
    await expect(cell(page, 'staging')).toHaveAttribute('data-reported', '1.1.0', { timeout: 45_000 });
    await expect(cell(page, 'production')).toHaveAttribute('data-reported', '1.0.0', { timeout: 45_000 });
    await dismissToasts(page);

    // The picker: every release with its CI status and where it is live; typing filters it.
    await cell(page, 'staging').click();
    await page.getByRole('menuitem', { name: 'Deploy…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Deploy Demo shop API to staging' });
    await dialog.getByRole('radio', { name: 'Another release' }).check();
    const options = dialog.getByTestId('release-option');
    await expect(options.filter({ hasText: 'v1.0.0' })).toContainText('live in production');
    await expect(options.filter({ hasText: 'v1.1.0' })).toContainText('live in staging');
    await expect(options.filter({ hasText: 'v1.2.0' })).toContainText('ci success');
    await screenshot(page, 'release-depth-picker');
    await dialog.getByRole('searchbox', { name: /Filter releases/ }).fill('1.2');
    await expect(options).toHaveCount(1);
    await options.first().click();
    await expect(dialog.getByTestId('plan-version')).toHaveText('v1.2.0');
    const ships = dialog.getByTestId('shipped-build');
    await expect(ships).toContainText('built once by ci run');
    const stagingSums = await ships.getByTestId('shipped-sha').allTextContents();
    expect(stagingSums.length).toBeGreaterThan(0);
    await screenshot(page, 'release-depth-deploy-dialog');
    await dialog.getByTestId('deploy-confirm').click();
    await expect(dialog).toBeHidden();
    await expect(cell(page, 'staging')).toHaveAttribute('data-verification', 'verified', { timeout: 90_000 });
    await expect(cell(page, 'staging')).toHaveAttribute('data-reported', '1.2.0');

    // Promote: the dialog shows the same build, with the same checksums.
    await cell(page, 'staging').click();
    await page.getByRole('menuitem', { name: 'Promote to production…' }).click();
    const promote = page.getByRole('dialog', { name: 'Promote Demo shop API from staging to production' });
    await expect(promote.getByTestId('plan-version')).toHaveText('v1.2.0');
    await expect(promote.getByTestId('shipped-build')).toContainText('built once by ci run');
    expect(await promote.getByTestId('shipped-sha').allTextContents()).toEqual(stagingSums);
    const soak = promote.locator('[data-testid="gate"][data-gate="soak"]');
    await expect(soak).toHaveAttribute('data-passed', 'true', { timeout: 30_000 });
    await screenshot(page, 'release-depth-promote-dialog');
    await promote.getByTestId('deploy-confirm').click();
    await expect(promote).toBeHidden();
    await cell(page, 'production').click();
    await page.getByRole('menuitem', { name: 'Approve v1.2.0…' }).click();
    const approve = page.getByRole('dialog', { name: 'Approve v1.2.0 to production' });
    await approve.getByRole('textbox', { name: 'Comment' }).fill('Same build as staging');
    await approve.getByTestId('approve-confirm').click();
    await expect(approve).toBeHidden();
    await expect(cell(page, 'production')).toHaveAttribute('data-verification', 'verified', {
      timeout: 90_000,
    });

    // Both deployments record what they shipped: equal checksums.
    await page.getByRole('navigation').getByRole('link', { name: 'Releases' }).click();
    const deployments = page.getByTestId('deployment');
    await expect(deployments).toHaveCount(2);
    const sums: string[][] = [];
    for (const index of [0, 1]) {
      const deployment = deployments.nth(index);
      await deployment.getByRole('button', { name: /Details of deployment/ }).click();
      await expect(deployment.getByTestId('shipped-build')).toContainText('built once by ci run');
      sums.push(await deployment.getByTestId('shipped-sha').allTextContents());
    }
    expect(sums[0]).toEqual(stagingSums);
    expect(sums[1]).toEqual(stagingSums);
    await dismissToasts(page);
    await screenshot(page, 'release-depth-deployments');
    expect(consoleErrors).toEqual([]);
  });
});
