// Running a GitHub workflow that has several events from the app: the Run dialog offers the events
// the workflow has, shows workflow_dispatch's inputs only for that event, and the run gets the event
// and its payload. Every wait is on what the page shows, never on time.
import { test, expect, makeGitRepo, screenshot } from './support/cockpit-fixture.ts';
import { collectConsoleErrors } from './support/demo-page.ts';

test.use({ viewport: { width: 1280, height: 900 } });

const workflow = `name: Release
on:
  push:
    branches: [main]
  pull_request:
  workflow_dispatch:
    inputs:
      channel:
        type: choice
        options: [stable, beta]
        default: beta
      notes:
        description: Release notes
        default: none
jobs:
  show:
    runs-on: ubuntu-latest
    steps:
      - run: |
          echo "event is \${{ github.event_name }}"
          echo "channel is \${{ inputs.channel || 'unset' }} notes \${{ github.event.inputs.notes || 'unset' }}"
`;

test('the Run dialog offers the workflow’s events and its inputs for workflow_dispatch', async ({
  page,
  cockpit,
  workDir,
}) => {
  const consoleErrors = collectConsoleErrors(page);
  const repo = makeGitRepo(workDir, 'release', { '.github/workflows/release.yml': workflow });
  await page.goto(cockpit.url);
  await page.getByRole('button', { name: 'Add project' }).first().click();
  const add = page.getByRole('dialog');
  await add.getByRole('textbox', { name: 'Folder' }).fill(repo);
  await add.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(add).toBeHidden();
  await page.getByRole('navigation').getByRole('link', { name: 'Pipelines' }).click();
  await expect(page.getByTestId('pipeline-row')).toHaveCount(1);

  // push first: no inputs are asked for.
  await page.getByRole('button', { name: 'Run github/release' }).click();
  const dialog = page.getByRole('dialog');
  const event = dialog.getByRole('combobox', { name: 'Event' });
  await expect(event).toHaveValue('push');
  await expect(event.locator('option')).toHaveText(['push', 'pull_request', 'workflow_dispatch']);
  await expect(dialog.getByRole('textbox', { name: 'notes' })).toHaveCount(0);

  // workflow_dispatch: its inputs appear, with their defaults.
  await event.selectOption('workflow_dispatch');
  await expect(dialog.getByRole('combobox', { name: 'channel' })).toHaveValue('beta');
  await dialog.getByRole('combobox', { name: 'channel' }).selectOption('stable');
  await dialog.getByRole('textbox', { name: 'notes' }).fill('first release');
  await screenshot(page, 'github-run-dialog');
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();

  await expect(page).toHaveURL(/#\/runs\/\d+$/);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'success', { timeout: 45_000 });
  await page.locator('[data-job="show"]').click();
  const log = page.getByTestId('job-log');
  await expect(log.getByTestId('log-line').filter({ hasText: 'event is workflow_dispatch' })).toBeVisible();
  await expect(
    log.getByTestId('log-line').filter({ hasText: 'channel is stable notes first release' }),
  ).toBeVisible();
  await screenshot(page, 'github-run-dialog-run');

  // pull_request from the same dialog: no inputs.
  await page.getByRole('navigation').getByRole('link', { name: 'Pipelines' }).click();
  await page.getByRole('button', { name: 'Run github/release' }).click();
  await dialog.getByRole('combobox', { name: 'Event' }).selectOption('pull_request');
  await expect(dialog.getByRole('textbox', { name: 'notes' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'success', { timeout: 45_000 });
  await page.locator('[data-job="show"]').click();
  await expect(log.getByTestId('log-line').filter({ hasText: 'event is pull_request' })).toBeVisible();
  await expect(log.getByTestId('log-line').filter({ hasText: 'channel is unset notes unset' })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});
