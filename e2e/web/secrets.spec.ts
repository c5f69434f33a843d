// Settings → Secrets end to end: add a secret to the demo project (a short value, so the engine
// warns), replace it with a long one, delete it; the value never appears on the page once saved.
import { test, expect, screenshot } from './support/cockpit-fixture.ts';
import type { Page } from '@playwright/test';
import { openDemo } from './support/demo-page.ts';

test.use({ viewport: { width: 1280, height: 1000 } });

const SHORT_VALUE = 'abc';
const LONG_VALUE = 'e2e-Long-Secret-7f3a9c21d4b8e6f0';

/** Everything a person could read or copy: the visible text and the value of every field. */
async function readableText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const fields = [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')];
    return [document.body.innerText, ...fields.map((field) => field.value)].join('\n');
  });
}

test.describe('secrets', () => {
  test('adds, replaces and deletes a secret of the demo project', async ({ page, cockpit }) => {
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await openDemo(page, cockpit.url);
    await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
    await expect(page).toHaveURL(/#\/settings$/);

    const section = page.getByRole('region', { name: 'Secrets' });
    await expect(section).toContainText('Demo shop API');
    await expect(section.getByTestId('secrets-empty')).toContainText('No secrets for Demo shop API yet');

    // Keyboard: the button opens the form with Name focused; Escape closes it and returns focus.
    const addButton = section.getByRole('button', { name: 'Add secret' });
    await addButton.focus();
    await page.keyboard.press('Enter');
    let dialog = page.getByRole('dialog', { name: 'Add secret' });
    const name = dialog.getByLabel('Name', { exact: true });
    const value = dialog.getByLabel('Value', { exact: true });
    await expect(name).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(addButton).toBeFocused();

    // Add DEMO_TOKEN = "abc": the name is checked first, the value is hidden unless asked for.
    await addButton.click();
    dialog = page.getByRole('dialog', { name: 'Add secret' });
    await name.fill('2FA-TOKEN');
    await value.fill(SHORT_VALUE);
    await dialog.getByRole('button', { name: 'Save secret' }).click();
    await expect(dialog.getByRole('alert')).toContainText('cannot start with a digit');
    await expect(name).toBeFocused();
    await name.fill('DEMO_TOKEN');
    await expect(value).toHaveAttribute('type', 'password');
    await expect(value).toHaveAttribute('autocomplete', 'off');
    await dialog.getByRole('button', { name: 'Show value' }).click();
    await expect(value).toHaveAttribute('type', 'text');
    await dialog.getByRole('button', { name: 'Hide value' }).click();
    await expect(value).toHaveAttribute('type', 'password');
    await dialog.getByRole('button', { name: 'Save secret' }).click();
    await expect(dialog).toBeHidden();

    // Saved, with the engine's warning that "abc" is too short to mask.
    const warning = section.getByTestId('secret-warning');
    await expect(warning).toBeVisible();
    await expect(warning).toContainText('DEMO_TOKEN was saved, with a warning');
    await expect(warning).toContainText('shorter than 4 characters');
    const row = section.getByTestId('secret-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('DEMO_TOKEN');
    await expect(row).toContainText('updated just now');
    expect(await readableText(page)).not.toContain(SHORT_VALUE);
    await screenshot(page, 'settings-secrets');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await screenshot(page, 'settings-secrets-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');

    // Replace it with a long value: same form, the name fixed, the value empty.
    await section.getByRole('button', { name: 'Replace DEMO_TOKEN' }).click();
    dialog = page.getByRole('dialog', { name: 'Replace DEMO_TOKEN' });
    await expect(dialog.getByLabel('Name', { exact: true })).toHaveValue('DEMO_TOKEN');
    await expect(dialog.getByLabel('Name', { exact: true })).toHaveAttribute('readonly', '');
    await expect(dialog.getByLabel('Value', { exact: true })).toHaveValue('');
    await expect(dialog.getByLabel('Value', { exact: true })).toBeFocused();
    // Several lines switch the field to a (still hidden) text area, and back.
    const severalLines = dialog.getByRole('checkbox', { name: /Several lines/ });
    await severalLines.check();
    await expect(dialog.locator('textarea')).toHaveAccessibleName('Value');
    await severalLines.uncheck();
    await expect(dialog.locator('textarea')).toHaveCount(0);
    await dialog.getByLabel('Value', { exact: true }).fill(LONG_VALUE);
    await screenshot(page, 'settings-secrets-replace');
    await dialog.getByRole('button', { name: 'Replace value' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'Saved secret DEMO_TOKEN.' })).toBeVisible();
    await expect(warning).toHaveCount(0);
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('DEMO_TOKEN');
    expect(await readableText(page)).not.toContain(LONG_VALUE);
    expect(await page.content()).not.toContain(LONG_VALUE);

    // Still there after a reload (the engine has it; the page never had the value).
    await page.reload();
    await expect(section.getByTestId('secret-row')).toContainText('DEMO_TOKEN');
    expect(await page.content()).not.toContain(LONG_VALUE);

    // Delete it, after a confirmation that says what breaks.
    await section.getByRole('button', { name: 'Delete DEMO_TOKEN' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete DEMO_TOKEN?' });
    await expect(confirm).toContainText('will fail until it is set again');
    await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(confirm).toBeHidden();
    await expect(section.getByTestId('secret-row')).toHaveCount(0);
    await expect(section.getByTestId('secrets-empty')).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });
});
