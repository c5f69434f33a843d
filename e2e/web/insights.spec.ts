// Insights end to end, on the demo project and its live environments (real processes on 127.0.0.1:47811
// and 47812, always stopped afterwards). History is built quickly through the engine's own WebSocket
// API (the one the page uses): start the environments, pass `ci`, deploy HEAD to staging, promote it to
// production (the soak overridden with a reason, then approved). Then the UI: the DORA tiles and charts
// in light and dark, the HTML report downloaded and opened on its own from file://, a CSV of
// deployments, time travel on the Board, a note and an evidence pack on the promotion, and Settings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { test, expect, screenshot } from './support/cockpit-fixture.ts';
import { collectConsoleErrors, dismissToasts, stopDemoEnvironments } from './support/demo-page.ts';
import { engineApi, type EngineApi } from './support/engine-api.ts';

async function runToSuccess(api: EngineApi, projectId: number, pipeline: string) {
  const run = await api.call<{ id: number }>('runs.start', { projectId, pipeline });
  await expect
    .poll(async () => (await api.call<{ status: string }>('runs.get', { runId: run.id })).status, {
      timeout: 60_000,
    })
    .toBe('success');
}

async function deploymentEnds(api: EngineApi, deploymentId: number) {
  await expect
    .poll(async () => (await api.call<{ status: string }>('releases.get', { deploymentId })).status, {
      timeout: 90_000,
    })
    .toBe('succeeded');
}

/**
 * Builds the history through the engine API: environments started, ci passed, HEAD deployed to staging
 * and promoted to production (soak overridden, then approved); then a ci run that fails. Returns its id.
 */
async function buildHistory(api: EngineApi): Promise<number> {
  const [project] = await api.call<{ id: number }[]>('projects.list');
  const projectId = project!.id;
  // HEAD is deployed to staging by hand below: ci passing must not do it first (auto_deploy paused).
  const paused = await api.call<{ paused: { by: string; at: number } | null }>('releases.autoDeployPause', {
    projectId,
    environment: 'staging',
  });
  expect(paused.paused).toMatchObject({ by: expect.any(String) });
  await runToSuccess(api, projectId, 'environments');
  await runToSuccess(api, projectId, 'ci');
  // Staging must be up (checked every 5 s) before it can be deployed and verified.
  await expect
    .poll(
      async () =>
        (await api.call<{ name: string; state: string }[]>('environments.list', { projectId })).map(
          (environment) => `${environment.name}:${environment.state}`,
        ),
      { timeout: 45_000 },
    )
    .toEqual(expect.arrayContaining(['staging:up', 'production:up']));
  const staging = await api.call<{ id: number }>('releases.deploy', {
    projectId,
    environment: 'staging',
  });
  await deploymentEnds(api, staging.id);
  const promotion = await api.call<{ id: number; status: string }>('releases.promote', {
    projectId,
    from: 'staging',
    override: { reason: 'e2e: no need to soak for ten seconds' },
  });
  expect(promotion.status).toBe('awaiting_approval');
  await api.call('releases.approve', { deploymentId: promotion.id, comment: 'Looks good' });
  await deploymentEnds(api, promotion.id);
  // And one run that fails: a unit test made to fail on purpose.
  const failed = await api.call<{ id: number }>('runs.start', {
    projectId,
    pipeline: 'ci',
    params: { fail_tests: true },
  });
  return failed.id;
}

const tile = (page: Page, key: string) => page.locator(`[data-testid="dora-tile"][data-key="${key}"]`);

test.use({ viewport: { width: 1280, height: 900 } });

test.describe('insights', () => {
  // Three pipelines, two deploys with verification, environment checks every 5 s.
  test.setTimeout(240_000);

  test.beforeEach(() => {
    stopDemoEnvironments();
  });

  test.afterEach(() => {
    stopDemoEnvironments();
  });

  test('DORA keys from a deploy and a promotion; reports, time travel, notes and settings', async ({
    page,
    cockpit,
  }, testInfo) => {
    const consoleErrors = collectConsoleErrors(page);
    // Desktop notifications, allowed, recorded instead of shown.
    await page.addInitScript(() => {
      const shown: { title: string; body: string; onclick: (() => void) | null }[] = [];
      class RecordedNotification {
        static permission = 'granted';
        static requestPermission = () => Promise.resolve('granted');
        title: string;
        body: string;
        onclick: (() => void) | null = null;
        constructor(title: string, options?: { body?: string }) {
          this.title = title;
          this.body = options?.body ?? '';
          shown.push(this);
        }
        close() {}
      }
      Object.assign(window, { Notification: RecordedNotification, recordedNotifications: shown });
    });
    await page.goto(cockpit.url);

    // Before any history: the keys say there is none, and the deploy chart says what would fill it.
    await page.getByRole('button', { name: 'Open the demo project' }).click();
    // Copying the demo repository (a git history of several commits) takes seconds on a loaded machine.
    await expect(page.getByTestId('project-row')).toContainText('Demo shop API', { timeout: 30_000 });
    await page.getByRole('navigation').getByRole('link', { name: 'Insights' }).click();
    await expect(page).toHaveURL(/#\/insights$/);
    await expect(page.getByTestId('chart-deploys')).toBeVisible();
    await expect(page.locator('.insights-chart-panel').first()).toContainText(
      /No production deploys in the last (7|30|90) days — deploy from the Board/,
    );
    await page.getByRole('radio', { name: '30 days' }).check();
    await expect(page.getByTestId('dora-summary')).toHaveAttribute('data-range', '30d');
    await expect(tile(page, 'deploymentFrequency')).toContainText('No successful deploys');

    // History, through the engine API.
    const api = await engineApi(cockpit.url);
    const failedRun = await buildHistory(api).finally(() => api.close());

    // Desktop notifications: each deploy that finished, and the failed run (your own approval request
    // is not one); clicking the run's opens it.
    const titles = () =>
      page.evaluate(() =>
        (window as unknown as { recordedNotifications: { title: string }[] }).recordedNotifications.map(
          (notice) => notice.title,
        ),
      );
    await expect.poll(titles, { timeout: 30_000 }).toContain('ci failed');
    expect(await titles()).toEqual(
      expect.arrayContaining(['Deployed v1.2.0 to staging', 'Deployed v1.2.0 to production']),
    );
    expect((await titles()).filter((title) => title.startsWith('Approval requested'))).toEqual([]);
    expect(new Set(await titles()).size).toBe((await titles()).length);
    await page.evaluate(() =>
      (
        window as unknown as { recordedNotifications: { title: string; onclick: () => void }[] }
      ).recordedNotifications
        .find((notice) => notice.title === 'ci failed')!
        .onclick(),
    );
    await expect(page).toHaveURL(new RegExp(`#/runs/${failedRun}$`));
    await page.getByRole('navigation').getByRole('link', { name: 'Insights' }).click();

    // The tiles: one production deploy, a lead time, no failure, nothing to restore; each with a band.
    await expect(tile(page, 'deploymentFrequency')).toContainText('1 deploy on 1 day', { timeout: 15_000 });
    await expect(tile(page, 'deploymentFrequency').getByTestId('dora-value')).toHaveText(/\/ week$/);
    await expect(tile(page, 'deploymentFrequency').getByTestId('dora-trend')).toHaveAttribute(
      'data-verdict',
      'better',
    );
    await expect(tile(page, 'leadTime').getByTestId('dora-value')).not.toHaveText('—');
    await expect(tile(page, 'leadTime')).toContainText(/\d+ commits?/);
    await expect(tile(page, 'changeFailureRate').getByTestId('dora-value')).toHaveText('0 %');
    await expect(tile(page, 'changeFailureRate')).toContainText('Elite');
    await expect(tile(page, 'timeToRestore')).toContainText('No failures restored');
    await expect(page.locator('.insights-chart-panel').first()).not.toContainText('No production deploys');
    await expect(page.getByTestId('project-keys')).toContainText('Demo shop API');
    await expect(page.getByTestId('pipeline-trend')).toHaveCount(3);
    await expect(page.getByTestId('pipeline-trends')).toContainText('ci');

    // The charts read out their points with the keyboard.
    const deploysChart = page.getByTestId('chart-deploys');
    await deploysChart.focus();
    await page.keyboard.press('End');
    await expect(deploysChart.getByRole('status')).toContainText('1 deploy');
    await page.keyboard.press('Escape');
    await deploysChart.blur();

    await dismissToasts(page);
    // The view scrolls inside the app frame: a tall window shows all of it.
    await page.setViewportSize({ width: 1280, height: 2000 });
    await screenshot(page, 'insights');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    // Buttons fade to their dark colours: wait for the fade, not for a while.
    const exportButton = page.getByRole('button', { name: 'Export report' });
    await expect
      .poll(() => exportButton.evaluate((element) => getComputedStyle(element).backgroundColor))
      .toBe('rgb(32, 35, 41)');
    await screenshot(page, 'insights-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 900 });

    // The HTML report for the same window: downloaded, then opened on its own.
    await page.getByRole('button', { name: 'Export report' }).click();
    const htmlDownload = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: /HTML/ }).click();
    const html = await htmlDownload;
    expect(html.suggestedFilename()).toMatch(/^release-report-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.html$/);
    const htmlPath = testInfo.outputPath(html.suggestedFilename());
    await html.saveAs(htmlPath);
    const report = await page.context().newPage();
    await report.goto(pathToFileURL(htmlPath).href);
    await expect(report).toHaveTitle(/^Release report: /);
    const deploymentsSection = report.locator('section#deployments');
    await expect(deploymentsSection.getByRole('heading', { name: 'Deployments' })).toBeVisible();
    await expect(deploymentsSection.locator('tbody tr')).toHaveCount(2);
    await expect(deploymentsSection.locator('table')).toContainText('production');
    await expect(report.locator('section#metrics')).toContainText(/elite|high|medium|low/i);
    await screenshot(report, 'insights-report-html');
    await report.close();

    // A CSV of the deployments: the header row first.
    await page.getByRole('button', { name: 'CSV' }).click();
    const csvDownload = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: 'Deployments' }).click();
    const csv = await csvDownload;
    expect(csv.suggestedFilename()).toMatch(/^deployments-.*\.csv$/);
    const csvPath = testInfo.outputPath(csv.suggestedFilename());
    await csv.saveAs(csvPath);
    const content = readFileSync(csvPath, 'utf8');
    const header = content.slice(0, content.indexOf('\r\n'));
    expect(header).toMatch(/^id,project,environment,tier,kind,version,commit,pipeline,run_id,status,/);
    expect(content).toContain(',staging,staging,deploy,');
    expect(content).toContain(',production,production,promote,');

    // Time travel: the board as it is now, read-only, then back to the live board.
    await page.getByRole('navigation').getByRole('link', { name: 'Board' }).click();
    await page.getByRole('button', { name: 'Time travel' }).click();
    await expect(page.getByTestId('live-at')).toContainText('Showing what was live at');
    const slider = page.getByRole('slider', { name: /Moment to show/ });
    await slider.focus();
    await page.keyboard.press('End');
    const production = page.locator('[data-testid="live-at-cell"][data-environment="production"]');
    await expect(production).toHaveAttribute('data-version', '1.2.0');
    await expect(production).toHaveAttribute('data-state', 'up');
    await expect(page.getByTestId('release-board')).toHaveCount(0);
    await dismissToasts(page);
    await screenshot(page, 'insights-live-at');
    await page.getByRole('button', { name: 'Back to now' }).click();
    await expect(page.getByTestId('release-board')).toBeVisible();
    await expect(page.getByTestId('live-at')).toHaveCount(0);

    // A note on the promotion (Ctrl+Enter adds it), and its evidence pack in the data directory.
    await page.getByRole('navigation').getByRole('link', { name: 'Releases' }).click();
    const promotion = page.getByTestId('deployment').first();
    await promotion.getByRole('button', { name: /Details of deployment/ }).click();
    const thread = promotion.getByTestId('notes-thread');
    await expect(thread).toContainText('No notes yet.');
    const box = thread.getByRole('textbox', { name: 'Add a note' });
    await box.fill('Promoted after a quiet soak.\nWatching the error rate for an hour.');
    await box.press('Control+Enter');
    await expect(thread.getByTestId('note')).toHaveCount(1);
    await expect(thread.getByTestId('note')).toContainText('Watching the error rate');
    await expect(box).toHaveValue('');
    await promotion.getByRole('button', { name: 'Write evidence pack' }).click();
    await expect(promotion.getByTestId('evidence-path')).toContainText(
      join(cockpit.dataDir, 'evidence', 'deployment-'),
    );
    await expect(promotion.getByTestId('evidence-path')).toContainText('.tar.gz');
    await dismissToasts(page);
    await thread.scrollIntoViewIfNeeded();
    await screenshot(page, 'insights-notes');

    // Settings: retention is checked before it is sent; notifications per project follow the default.
    await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
    const retention = page.getByTestId('retention-settings');
    const checks = retention.getByRole('textbox', { name: 'Keep raw check results for' });
    await checks.fill('91');
    await retention.getByRole('button', { name: 'Save' }).click();
    await expect(retention).toContainText('Enter 1 to 90 days.');
    await checks.fill('30');
    await expect(retention).not.toContainText('Enter 1 to 90 days.');
    await retention.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Retention settings saved.')).toBeVisible();
    await expect(checks).toHaveValue('30');
    const demoRow = page.locator('[data-testid="notify-row"]').nth(1);
    await expect(demoRow).toHaveAttribute('data-own', 'false');
    await demoRow.getByRole('checkbox', { name: /Deploy finished/ }).uncheck();
    await expect(demoRow).toHaveAttribute('data-own', 'true');
    await expect(demoRow.getByRole('checkbox', { name: /Deploy finished/ })).not.toBeChecked();
    await dismissToasts(page);
    await page.setViewportSize({ width: 1280, height: 1900 });
    await screenshot(page, 'insights-settings');
    await page.setViewportSize({ width: 1280, height: 900 });
    await demoRow.getByRole('button', { name: 'Use default' }).click();
    await expect(demoRow).toHaveAttribute('data-own', 'false');
    await expect(demoRow.getByRole('checkbox', { name: /Deploy finished/ })).toBeChecked();

    expect(consoleErrors).toEqual([]);
  });
});
