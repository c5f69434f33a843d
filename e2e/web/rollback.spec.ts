// Rolling back from the board, end to end on the demo (live environments on 127.0.0.1:47811 and 47812,
// always stopped afterwards). Production starts at 1.0.0, which the cockpit never deployed: only its
// monitor saw it. Once v1.1.0 is deployed there (through the engine's protocol, for speed), the
// production cell's menu offers "Roll back to v1.0.0" (the engine's previous rollback target), and
// two clicks — that item, then the dialog's confirm — request the rollback. The dialog lists the
// targets with the observed v1.0.0 chosen, and shows soak as skipped (gates.rollback.skip). The demo's
// production needs one approval; once given, production runs 1.0.0 again.
import type { Page } from '@playwright/test';
import { test, expect, screenshot } from './support/cockpit-fixture.ts';
import { collectConsoleErrors, dismissToasts, openDemo, stopDemoEnvironments } from './support/demo-page.ts';
import { engineApi } from './support/engine-api.ts';

const cell = (page: Page, environment: string) =>
  page.locator(`[data-testid="board-cell"][data-environment="${environment}"]`);

interface Deployment {
  id: number;
  kind: string;
  version: string;
  status: string;
  environment: string;
}

test.use({ viewport: { width: 1280, height: 900 } });

test.describe('rollback from the board', () => {
  test.setTimeout(300_000);
  test.beforeEach(() => stopDemoEnvironments());
  test.afterEach(() => stopDemoEnvironments());

  test('roll production back to the observed 1.0.0: menu item, then confirm', async ({ page, cockpit }) => {
    const consoleErrors = collectConsoleErrors(page);
    await openDemo(page, cockpit.url);

    const api = await engineApi(cockpit.url);
    const [project] = await api.call<{ id: number }[]>('projects.list');
    const projectId = project!.id;
    const started = await api.call<{ id: number }>('runs.start', { projectId, pipeline: 'environments' });
    expect(started.id).toBeGreaterThan(0);
    await expect(cell(page, 'staging')).toHaveAttribute('data-reported', '1.1.0', { timeout: 45_000 });
    await expect(cell(page, 'production')).toHaveAttribute('data-reported', '1.0.0', { timeout: 45_000 });

    // Production moves on to v1.1.0 (its soak gate overridden: the point here is what comes after).
    const forward = await api.call<Deployment>('releases.deploy', {
      projectId,
      environment: 'production',
      version: 'v1.1.0',
      override: { reason: 'moving production forward so it can be rolled back' },
    });
    expect(forward.status).toBe('awaiting_approval');
    await api.call('releases.approve', { deploymentId: forward.id, comment: 'ok' });
    await expect(cell(page, 'production')).toHaveAttribute('data-reported', '1.1.0', { timeout: 90_000 });
    await expect(cell(page, 'production')).toHaveAttribute('data-verification', 'verified', {
      timeout: 60_000,
    });
    await dismissToasts(page);

    // Click 1: the menu names the engine's previous target, though the cockpit never deployed it.
    await cell(page, 'production').click();
    const menu = page.getByRole('menu', { name: 'Actions for Demo shop API in production' });
    const rollBack = menu.getByRole('menuitem', { name: 'Roll back to v1.0.0' });
    await expect(rollBack).toBeEnabled();
    await expect(rollBack).not.toHaveAttribute('aria-disabled', 'true');
    await screenshot(page, 'rollback-menu');
    await rollBack.click();

    const dialog = page.getByRole('dialog', { name: 'Roll back Demo shop API in production' });
    const options = dialog.getByTestId('rollback-option');
    const observed = options.filter({ hasText: 'v1.0.0' });
    await expect(observed).toHaveAttribute('data-source', 'observed');
    await expect(observed).toContainText('previous');
    await expect(observed.getByRole('radio')).toBeChecked();
    await expect(dialog.getByTestId('plan-version')).toHaveText('v1.0.0');
    await expect(dialog.locator('[data-testid="gate"][data-gate="soak"]')).toHaveAttribute(
      'data-skipped',
      'true',
    );
    await expect(dialog.locator('[data-testid="gate"][data-gate="soak"]')).toContainText(
      'skipped for rollbacks',
    );
    await expect(dialog.locator('[data-testid="gate"][data-gate="healthy_before"]')).toHaveAttribute(
      'data-passed',
      'true',
    );
    const confirm = dialog.getByTestId('deploy-confirm');
    // The demo's production needs one approval: the confirm requests it.
    await expect(confirm).toHaveText('Request approval');
    await expect(confirm).not.toHaveAttribute('aria-disabled', 'true');
    await screenshot(page, 'rollback-dialog');

    // Click 2: the rollback is recorded.
    await confirm.click();
    await expect(dialog).toBeHidden();
    const [latest] = await api.call<Deployment[]>('releases.list', { projectId, environment: 'production' });
    expect(latest).toMatchObject({ kind: 'rollback', version: 'v1.0.0', status: 'awaiting_approval' });
    await expect(cell(page, 'production')).toHaveAttribute('data-active', 'awaiting_approval');

    // Its approval (the demo allows self-approval), and production runs 1.0.0 again.
    await cell(page, 'production').click();
    await page.getByRole('menuitem', { name: 'Approve v1.0.0…' }).click();
    const approve = page.getByRole('dialog', { name: 'Approve v1.0.0 to production' });
    await approve.getByRole('textbox', { name: 'Comment' }).fill('Back to the last good release');
    await approve.getByTestId('approve-confirm').click();
    await expect(approve).toBeHidden();
    await expect(cell(page, 'production')).toHaveAttribute('data-reported', '1.0.0', { timeout: 90_000 });
    await expect(cell(page, 'production')).toHaveAttribute('data-verification', 'verified', {
      timeout: 60_000,
    });
    const [done] = await api.call<Deployment[]>('releases.list', { projectId, environment: 'production' });
    expect(done).toMatchObject({ id: latest!.id, kind: 'rollback', version: 'v1.0.0', status: 'succeeded' });

    // Nothing left to go back to: v1.0.0 runs, and v1.1.0 was rolled back (never offered again).
    await cell(page, 'production').click();
    const after = page.getByRole('menu', { name: 'Actions for Demo shop API in production' });
    await expect(after).toContainText('no release live in production before is left');
    await expect(after.getByRole('menuitem', { name: /^Roll back/ })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    await page.keyboard.press('Escape');

    await page.getByRole('navigation').getByRole('link', { name: 'Releases' }).click();
    const rollbackRow = page.getByTestId('deployment').first();
    await expect(rollbackRow).toContainText('v1.1.0 → v1.0.0');
    await expect(rollbackRow).toContainText('Rollback');
    await dismissToasts(page);
    await screenshot(page, 'rollback-done');
    api.close();
    expect(consoleErrors).toEqual([]);
  });
});
