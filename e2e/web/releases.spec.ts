// The release board end to end, on the demo project and its live environments (real processes on
// 127.0.0.1:47811 and 47812, always stopped afterwards): start the environments, pass `ci` (staging's
// gate), deploy HEAD (v1.2.0) to staging from the board with the keyboard, then promote it to
// production through its gates (a 10 s soak, an approval): request approval, approve with a comment,
// and watch both cells report the new version, verified. Every wait is on what the page shows.
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
  // A pipeline with params asks for them first; the defaults do.
  await expect(params.or(status)).toBeVisible();
  if (await params.isVisible()) await params.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page).toHaveURL(/#\/runs\/\d+$/);
  await expect(status).toHaveAttribute('data-status', 'success', {
    timeout: 60_000,
  });
}

test.use({ viewport: { width: 1280, height: 900 } });

test.describe('release board', () => {
  // Two pipelines, two deploys with verification, a 10 s soak and environment checks every 5 s.
  test.setTimeout(300_000);

  test.beforeEach(() => {
    // Instances left behind by an interrupted earlier run would answer for this one.
    stopDemoEnvironments();
  });

  test.afterEach(() => {
    stopDemoEnvironments();
  });

  test('deploy to staging, promote to production through the approval gate, both verified', async ({
    page,
    cockpit,
  }) => {
    const consoleErrors = collectConsoleErrors(page);
    await openDemo(page, cockpit.url);
    // This spec deploys to staging by hand: ci passing must not do it first.
    await pauseDemoAutoDeploy(cockpit.url);

    // The environments come up at 1.1.0 (staging) and 1.0.0 (production); ci passes on HEAD.
    await runPipeline(page, 'environments');
    await runPipeline(page, 'ci');

    await page.getByRole('navigation').getByRole('link', { name: 'Board' }).click();
    const board = page.getByRole('grid', { name: /Release board/ });
    await expect(board).toBeVisible();
    await expect(board.getByRole('columnheader')).toHaveText(['Project', 'staging', 'production']);
    const row = page.getByTestId('project-row');
    await expect(row.getByTestId('row-ci')).toHaveAttribute('data-status', 'success');
    await expect(row).toContainText('HEAD v1.2.0');
    await expect(cell(page, 'staging')).toHaveAttribute('data-reported', '1.1.0', { timeout: 45_000 });
    await expect(cell(page, 'production')).toHaveAttribute('data-reported', '1.0.0', { timeout: 45_000 });
    await expect(cell(page, 'staging')).toHaveAttribute('data-state', 'up');
    await expect(cell(page, 'production')).toContainText(/\d+ behind staging/);
    await dismissToasts(page);
    await screenshot(page, 'releases-board-before');

    // Keyboard: `/` filters projects; Esc clears the filter, then returns to the grid's one Tab stop
    // (the first row header); the arrows move to staging; Enter opens its actions.
    await page.keyboard.press('/');
    const filter = page.getByRole('searchbox', { name: 'Filter projects' });
    await expect(filter).toBeFocused();
    await page.keyboard.type('nothing like it');
    await expect(row).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(row).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expect(row.getByRole('rowheader')).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(cell(page, 'staging')).toBeFocused();
    await page.keyboard.press('Enter');
    const stagingMenu = page.getByRole('menu', { name: 'Actions for Demo shop API in staging' });
    await expect(stagingMenu).toBeVisible();
    await expect(stagingMenu.getByRole('menuitem', { name: 'Deploy…' })).toBeFocused();
    await page.keyboard.press('Enter');

    // The preview: HEAD is v1.2.0, ci passed on it (the staging gate), and the notes since 1.1.0.
    const dialog = page.getByRole('dialog', { name: 'Deploy Demo shop API to staging' });
    await expect(dialog.getByTestId('plan-version')).toHaveText('v1.2.0');
    const ciGate = dialog.locator('[data-testid="gate"][data-gate="pipeline_passed"]');
    await expect(ciGate).toHaveAttribute('data-passed', 'true');
    await expect(ciGate).toContainText('ci passed');
    await expect(dialog.getByTestId('release-notes')).toContainText('v1.2.0');
    const deploy = dialog.getByTestId('deploy-confirm');
    await expect(deploy).toHaveText('Deploy to staging');
    await expect(deploy).not.toHaveAttribute('aria-disabled', 'true');
    await deploy.click();
    await expect(dialog).toBeHidden();

    // The deploy runs, then staging reports the new version and the cell shows it verified.
    await expect(cell(page, 'staging')).toHaveAttribute('data-verification', 'verified', { timeout: 90_000 });
    await expect(cell(page, 'staging')).toHaveAttribute('data-reported', '1.2.0');
    await expect(cell(page, 'staging')).toHaveAttribute('data-version', 'v1.2.0');
    await expect(cell(page, 'staging').getByTestId('cell-mismatch')).toHaveCount(0);

    // Promote: production's gates are an approval, a healthy production and 10 s of soak on staging.
    await cell(page, 'staging').click();
    await page.getByRole('menuitem', { name: 'Promote to production…' }).click();
    const promote = page.getByRole('dialog', { name: 'Promote Demo shop API from staging to production' });
    await expect(promote.getByTestId('plan-version')).toHaveText('v1.2.0');
    const soak = promote.locator('[data-testid="gate"][data-gate="soak"]');
    const approvals = promote.locator('[data-testid="gate"][data-gate="approvals"]');
    await expect(soak).toBeVisible();
    await expect(approvals).toContainText('0 of 1 approval');
    await expect(promote.locator('[data-testid="gate"][data-gate="healthy_before"]')).toHaveAttribute(
      'data-passed',
      'true',
    );
    const request = promote.getByTestId('deploy-confirm');
    if ((await soak.getAttribute('data-passed')) === 'false') {
      // Still soaking: the gate says how long to go, and the request is blocked unless overridden
      // with a reason of a few words.
      await expect(soak).toContainText('to go');
      await expect(request).toHaveAttribute('aria-disabled', 'true');
      await expect(promote.getByTestId('override')).toBeVisible();
    }
    await screenshot(page, 'releases-gate-dialog');
    // The dialog checks again by itself while a gate fails; the soak passes after 10 s.
    await expect(soak).toHaveAttribute('data-passed', 'true', { timeout: 30_000 });
    await expect(request).toHaveText('Request approval');
    await expect(request).not.toHaveAttribute('aria-disabled', 'true');
    await request.click();
    await expect(promote).toBeHidden();

    // Production awaits approval: the cell says so, with the pending count.
    await expect(cell(page, 'production')).toHaveAttribute('data-active', 'awaiting_approval');
    await expect(cell(page, 'production').getByTestId('cell-approvals')).toHaveText('1');
    await expect(cell(page, 'production')).toContainText('Awaiting approval: v1.2.0');
    await dismissToasts(page);
    await screenshot(page, 'releases-awaiting-approval');

    // Approve with a comment (required): the deploy starts.
    await cell(page, 'production').click();
    await page.getByRole('menuitem', { name: 'Approve v1.2.0…' }).click();
    const approve = page.getByRole('dialog', { name: 'Approve v1.2.0 to production' });
    await approve.getByTestId('approve-confirm').click();
    await expect(approve.getByRole('alert')).toContainText('A comment is required');
    await approve.getByRole('textbox', { name: 'Comment' }).fill('Soaked on staging, looks good');
    await approve.getByTestId('approve-confirm').click();
    await expect(approve).toBeHidden();

    // Production reports the new version; both cells show it verified.
    await expect(cell(page, 'production')).toHaveAttribute('data-verification', 'verified', {
      timeout: 90_000,
    });
    await expect(cell(page, 'production')).toHaveAttribute('data-reported', '1.2.0');
    await expect(cell(page, 'production')).toHaveAttribute('data-active', '');
    await expect(cell(page, 'staging')).toHaveAttribute('data-verification', 'verified');
    await expect(cell(page, 'production')).not.toContainText('behind staging');
    await dismissToasts(page);
    await screenshot(page, 'releases-board-after');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await screenshot(page, 'releases-board-after-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // The Releases view lists both deployments; the promotion carries its approval and comment.
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.getByRole('combobox').fill('go releases');
    await expect(palette.getByRole('option').first()).toHaveText(/Go to Releases/);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/releases$/);
    const deployments = page.getByTestId('deployment');
    await expect(deployments).toHaveCount(2);
    await expect(deployments.first()).toHaveAttribute('data-status', 'succeeded');
    await deployments
      .first()
      .getByRole('button', { name: /Details of deployment/ })
      .click();
    await expect(deployments.first().getByTestId('approval-list')).toContainText(
      'Soaked on staging, looks good',
    );
    await expect(deployments.first().getByTestId('verification-detail')).toContainText('1.2.0');

    // Every step is in the audit log, and its hash chain is intact.
    await page.getByRole('tab', { name: 'Audit log' }).click();
    await expect(page.getByTestId('audit-entry').first()).toBeVisible();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await expect(page.getByTestId('audit-verification')).toHaveAttribute('data-ok', 'true');
    await expect(page.getByTestId('audit-head')).toHaveText(/^[0-9a-f]{64}$/);
    await screenshot(page, 'releases-audit');
    expect(consoleErrors).toEqual([]);
  });
});
