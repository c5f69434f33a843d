// The foundation end to end: the web host serves the real UI in Chromium, refuses strangers,
// and a user adds projects (the demo and their own) and sees them listed from SQLite.
import { test, expect, makeGitRepo, screenshot } from './support/cockpit-fixture.ts';
import { collectConsoleErrors } from './support/demo-page.ts';

test.describe('web host and project list', () => {
  test('the URL without its token is refused', async ({ page, cockpit }) => {
    const response = await page.goto(cockpit.origin);
    expect(response?.status()).toBe(401);
    await expect(page.locator('body')).toContainText('Unauthorized');
  });

  test('first start shows the empty state; opening the demo lists it', async ({ page, cockpit }) => {
    const consoleErrors = collectConsoleErrors(page);
    await page.goto(cockpit.url);
    // The token moved into a cookie and out of the address bar.
    expect(page.url()).not.toContain('token=');
    await expect(page.getByTestId('empty-state')).toBeVisible();
    await screenshot(page, 'board-empty-light');

    await page.getByRole('button', { name: 'Open the demo project' }).click();
    const row = page.getByTestId('project-row');
    await expect(row).toHaveCount(1, { timeout: 30_000 });
    await expect(row).toContainText('Demo shop API');
    await expect(row).toContainText('main');
    await screenshot(page, 'board-demo-light');

    // The list comes from SQLite, not from page state: a reload shows the same project.
    await page.reload();
    await expect(page.getByTestId('project-row')).toContainText('Demo shop API');
    expect(consoleErrors).toEqual([]);
  });

  test('adding a folder without cockpit.yml offers a starter one', async ({ page, cockpit, workDir }) => {
    const repo = makeGitRepo(workDir, 'payments', { 'README.md': '# payments\n' });
    await page.goto(cockpit.url);
    await page.getByRole('button', { name: 'Add project' }).first().click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Folder' }).fill(repo);
    await expect(dialog).toContainText(/no cockpit\.yml/i);
    await screenshot(page, 'add-project-dialog');

    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(dialog).toContainText(/has no cockpit\.yml/);
    await dialog.getByLabel(/starter cockpit\.yml/i).check();
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('project-row')).toContainText('payments');
  });

  test('a malformed cockpit.yml is shown with file:line:col', async ({ page, cockpit, workDir }) => {
    const repo = makeGitRepo(workDir, 'broken', { 'cockpit.yml': 'version: 1\npipline: {}\n' });
    await page.goto(cockpit.url);
    await page.getByRole('button', { name: 'Add project' }).first().click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Folder' }).fill(repo);
    await page.getByRole('dialog').getByRole('button', { name: 'Add', exact: true }).click();
    const row = page.getByTestId('project-row');
    await expect(row).toContainText(`${repo}/cockpit.yml:2:1`);
    await expect(row).toContainText('did you mean "pipelines"?');
    await screenshot(page, 'board-invalid-config');
  });

  test('keyboard: shortcuts switch views and Settings shows where data lives', async ({ page, cockpit }) => {
    await page.goto(cockpit.url);
    await expect(page.getByTestId('empty-state')).toBeVisible();
    await page.keyboard.press('Control+6');
    await expect(page).toHaveURL(/#\/settings/);
    await expect(page.getByRole('main')).toContainText(cockpit.dataDir);
    await page.keyboard.press('Control+1');
    await expect(page).toHaveURL(/#\/board/);
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Board' })).toHaveAttribute(
      'aria-current',
      'page',
    );
  });

  test('dark theme follows the OS', async ({ browser, cockpit }) => {
    const context = await browser.newContext({ colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto(cockpit.url);
    await page.getByRole('button', { name: 'Open the demo project' }).click();
    await expect(page.getByTestId('project-row')).toHaveCount(1, { timeout: 30_000 });
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = background.match(/\d+/g)!.map(Number);
    expect(r! + g! + b!).toBeLessThan(200); // a dark background
    await screenshot(page, 'board-demo-dark');
    await context.close();
  });
});
