// Steps the browser specs on the demo project share: stopping its live environments, clearing
// toasts, and collecting console errors (every spec ends by asserting there were none).
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** Finds each instance by asking its port for its pid, so it also stops instances a deploy restarted. */
const stopScript = join(root, 'examples', 'demo', 'scripts', 'stop-environments.js');

/** Stops the demo's staging and production (or `--only <name>`); returns what the script printed. */
export function stopDemoEnvironments(...args: string[]): string {
  return execFileSync(process.execPath, [stopScript, ...args], { encoding: 'utf8', timeout: 20_000 });
}

/** Dismisses every toast; one that expires by itself between counting and clicking is simply gone. */
export async function dismissToasts(page: Page): Promise<void> {
  const dismiss = page
    .getByRole('region', { name: 'Notifications' })
    .getByRole('button', { name: 'Dismiss' });
  while ((await dismiss.count()) > 0) {
    await dismiss
      .first()
      .click({ timeout: 2_000 })
      .catch(() => undefined);
  }
}

/** The page's console errors from now on (the array fills as they come). */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}
