// Steps the browser specs on the demo project share: opening it, stopping its live environments, pausing its
// staging auto-deploy, clearing toasts, and collecting console errors (every spec ends by asserting
// there were none).
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';
import { engineApi } from './engine-api.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** Finds each instance by asking its port for its pid, so it also stops instances a deploy restarted. */
const stopScript = join(root, 'examples', 'demo', 'scripts', 'stop-environments.js');

/** Opens the cockpit and its demo project from the empty board, and waits for the project's row. */
export async function openDemo(page: Page, cockpitUrl: string): Promise<void> {
  await page.goto(cockpitUrl);
  await page.getByRole('button', { name: 'Open the demo project' }).click();
  // Copying the demo repository (a git history of several commits) takes seconds on a loaded machine.
  await expect(page.getByTestId('project-row')).toContainText('Demo shop API', { timeout: 30_000 });
}

/** Stops the demo's staging and production (or `--only <name>`); returns what the script printed. */
export function stopDemoEnvironments(...args: string[]): string {
  return execFileSync(process.execPath, [stopScript, ...args], { encoding: 'utf8', timeout: 20_000 });
}

/**
 * Pauses the demo's `auto_deploy` on staging through the engine API (as the board cell's Pause does),
 * for specs that pass ci and then deploy by hand — or only look at runs: unpaused, ci passing on HEAD
 * deploys it to staging by itself (and starts a staging instance on its fixed port).
 */
export async function pauseDemoAutoDeploy(cockpitUrl: string): Promise<void> {
  const api = await engineApi(cockpitUrl);
  try {
    const projects = await api.call<{ id: number; name: string }[]>('projects.list');
    const demo = projects.find((project) => project.name === 'Demo shop API');
    if (!demo) throw new Error('The demo project is not open.');
    const cell = await api.call<{ paused: { by: string; at: number } | null }>('releases.autoDeployPause', {
      projectId: demo.id,
      environment: 'staging',
    });
    if (!cell.paused) throw new Error("The demo's staging auto-deploy did not pause.");
  } finally {
    api.close();
  }
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
