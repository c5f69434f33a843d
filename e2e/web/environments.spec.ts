// Live environments end to end: open the demo project, start its staging and production instances by
// running the demo's `environments` pipeline, watch both cards turn up with their versions, then stop
// production and watch it go down, open an incident and raise a desktop notification. Real processes
// on 127.0.0.1 (ports 47811 and 47812), always stopped afterwards; every wait is on what the page shows.
import type { Page } from '@playwright/test';
import { test, expect, screenshot } from './support/cockpit-fixture.ts';
import { collectConsoleErrors, dismissToasts, openDemo, stopDemoEnvironments } from './support/demo-page.ts';
import { recordNotifications, shownNotifications } from './support/notifications.ts';

const card = (page: Page, name: string) =>
  page.locator(`[data-testid="environment-card"][data-environment="${name}"]`);

test.use({ viewport: { width: 1280, height: 1000 } });

test.describe('environments', () => {
  // Checks run every 5 s and production needs 2 failures in a row to be down.
  test.setTimeout(180_000);

  test.beforeEach(() => {
    // Instances left behind by an interrupted earlier run would answer for this one.
    stopDemoEnvironments();
  });

  test.afterEach(() => {
    stopDemoEnvironments();
  });

  test('the demo environments go live, then production goes down and opens an incident', async ({
    page,
    cockpit,
  }) => {
    const consoleErrors = collectConsoleErrors(page);
    await recordNotifications(page);
    await openDemo(page, cockpit.url);

    // Before anything runs, both environments are listed, production first.
    await page.getByRole('navigation').getByRole('link', { name: 'Environments' }).click();
    await expect(page).toHaveURL(/#\/environments$/);
    await expect(page.getByTestId('environment-card')).toHaveCount(2);
    await expect(page.getByTestId('environment-card').first()).toHaveAttribute(
      'data-environment',
      'production',
    );
    await expect(page.getByText('Notifications on')).toBeVisible();

    // A fresh user starts them by running the demo's `environments` pipeline.
    await page.getByRole('navigation').getByRole('link', { name: 'Pipelines' }).click();
    await page.getByRole('button', { name: 'Run environments' }).click();
    await expect(page).toHaveURL(/#\/runs\/\d+$/);
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'success', {
      timeout: 45_000,
    });

    await page.getByRole('navigation').getByRole('link', { name: 'Environments' }).click();
    await expect(card(page, 'staging')).toHaveAttribute('data-state', 'up', { timeout: 45_000 });
    await expect(card(page, 'production')).toHaveAttribute('data-state', 'up', { timeout: 45_000 });
    await expect(card(page, 'staging').getByTestId('environment-version')).toHaveText('1.1.0');
    await expect(card(page, 'production').getByTestId('environment-version')).toHaveText('1.0.0');
    await expect(card(page, 'production').getByTestId('checked-ago')).toBeVisible();
    await expect(card(page, 'production').getByTestId('open-incident')).toHaveCount(0, { timeout: 20_000 });
    await dismissToasts(page);
    await screenshot(page, 'environments-live');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await screenshot(page, 'environments-live-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    const notificationsBefore = (await shownNotifications(page)).length;

    // An outage: production stops answering.
    expect(stopDemoEnvironments('--only', 'production')).toContain('production stopped');
    await expect(card(page, 'production')).toHaveAttribute('data-state', 'down', { timeout: 60_000 });
    await expect(card(page, 'production').getByTestId('open-incident')).toBeVisible({ timeout: 20_000 });
    await expect(card(page, 'staging')).toHaveAttribute('data-state', 'up');

    // The engine's alert reaches the window as a toast and, for production, a desktop notification.
    await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('production', {
      timeout: 20_000,
    });
    await screenshot(page, 'environments-down');
    await expect
      .poll(async () => (await shownNotifications(page)).slice(notificationsBefore).map((n) => n.title), {
        timeout: 20_000,
      })
      .toContain('production is down');

    // Its page shows the open incident; acknowledging it records who.
    await card(page, 'production').getByRole('link', { name: 'production' }).click();
    await expect(page).toHaveURL(/#\/environments\/\d+$/);
    await expect(page.getByRole('heading', { level: 1, name: 'production' })).toBeVisible();
    await expect(page.getByTestId('environment-state')).toHaveAttribute('data-state', 'down');
    const openIncident = page.locator('[data-testid="incident"][data-open="true"]');
    await expect(openIncident).toHaveCount(1, { timeout: 20_000 });
    await expect(page.getByRole('button', { name: 'Check now' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
    await expect(page.getByTestId('latency-chart')).toBeVisible();
    await expect(page.getByTestId('last-response')).toBeVisible();
    await page.setViewportSize({ width: 1280, height: 1900 }); // the whole page, not only what fits
    await screenshot(page, 'environment-down');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await screenshot(page, 'environment-down-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 1000 });

    await openIncident.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(openIncident).toContainText('Acknowledged by');

    // Clicking the desktop notification opens the environment, from anywhere.
    await page.getByRole('navigation').getByRole('link', { name: 'Board' }).click();
    // Let that navigation settle first, or it could land after the notification's and win.
    await expect(page).toHaveURL(/#\/board$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Board' })).toBeVisible();
    const environmentUrl = /#\/environments\/\d+$/;
    await page.evaluate(() => {
      const shown = (
        window as unknown as { __notifications: { notification: { onclick: (() => void) | null } }[] }
      ).__notifications;
      shown.at(-1)?.notification.onclick?.();
    });
    await expect(page).toHaveURL(environmentUrl);
    await expect(page.getByRole('heading', { level: 1, name: 'production' })).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });
});
