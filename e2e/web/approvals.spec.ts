// Approvals as the people using them see them. The cockpit runs as alice (COCKPIT_USER). Her own
// deploy to production (approvers: bob, carol) is not hers to approve: the board's menu offers no
// Approve… but says "Waiting for one of: bob, carol", as do the pending list and the dialog. A deploy
// to staging that bob requested (from the CLI) is hers to approve: the menu offers Approve…, the dialog
// lists who may approve and marks the comment as required; her approval starts the deploy.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, makeGitRepo, screenshot } from './support/cockpit-fixture.ts';
import { collectConsoleErrors, dismissToasts } from './support/demo-page.ts';
import { engineApi } from './support/engine-api.ts';

test.use({ viewport: { width: 1280, height: 900 }, cockpitEnv: { COCKPIT_USER: 'alice' } });

const environment = (name: string, tier: string, gates: string) => `
  - name: ${name}
    tier: ${tier}
    url: http://127.0.0.1:9/${name}
    interval: 1h
    checks: [{ http: { path: /health } }]
    gates:
${gates}`;

const config = `version: 1
name: Four eyes
pipelines:
  deploy:
    deploy: { environment_param: target }
    params:
      target: { type: choice, options: [staging, production], default: staging }
    jobs:
      release: { run: echo "releasing to $COCKPIT_DEPLOY_ENVIRONMENT" }
lifecycle: [staging, production]
environments:${environment('staging', 'staging', '      approvals: 1\n      approvers: [alice, carol]\n      allow_self_approval: true')}${environment('production', 'production', '      approvals: 1\n      approvers: [bob, carol]')}
`;

const cell = (page: Page, environment: string) =>
  page.locator(`[data-testid="board-cell"][data-environment="${environment}"]`);

test('the requester waits for the approvers; an approver is offered Approve with who may and a required comment', async ({
  page,
  cockpit,
  workDir,
}) => {
  const consoleErrors = collectConsoleErrors(page);
  const repo = makeGitRepo(workDir, 'four-eyes', { 'cockpit.yml': config });
  const api = await engineApi(cockpit.url);
  const project = await api.call<{ id: number }>('projects.add', { path: repo });
  // alice (the server's user) asks for production.
  const own = await api.call<{ id: number; status: string }>('releases.deploy', {
    projectId: project.id,
    environment: 'production',
  });
  expect(own.status).toBe('awaiting_approval');
  // bob asks for staging, from the command line, on the same data directory.
  const cli = spawnSync(process.execPath, [join(process.cwd(), 'bin', 'cockpit.js'), 'deploy', 'staging'], {
    cwd: repo,
    env: { ...process.env, COCKPIT_DATA_DIR: cockpit.dataDir, COCKPIT_USER: 'bob', NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(cli.stdout).toMatch(/awaiting approval/);

  await page.goto(cockpit.url);
  await expect(cell(page, 'production')).toHaveAttribute('data-active', 'awaiting_approval');
  await dismissToasts(page);

  // Her own deploy: no Approve…, but who it waits for (disabled, with the engine's reason).
  await cell(page, 'production').click();
  const productionMenu = page.getByRole('menu', { name: 'Actions for Four eyes in production' });
  await expect(productionMenu).toBeVisible();
  await expect(productionMenu.getByRole('menuitem', { name: /^Approve/ })).toHaveCount(0);
  const waiting = productionMenu.getByRole('menuitem', { name: 'Waiting for one of: bob, carol' });
  await expect(waiting).toHaveAttribute('aria-disabled', 'true');
  await expect(productionMenu).toContainText('alice requested this deploy and cannot approve it too');
  await screenshot(page, 'approvals-requester-menu');
  await page.keyboard.press('Escape');

  // The Releases view: her deploy says whom it waits for; bob's offers her Approve.
  await page.getByRole('navigation').getByRole('link', { name: 'Releases' }).click();
  const pending = page.getByTestId('pending-approval');
  await expect(pending).toHaveCount(2);
  const mine = pending.filter({ hasText: 'production' });
  await expect(mine.getByTestId('waiting-for')).toHaveText('Waiting for one of: bob, carol');
  await expect(mine.getByRole('button', { name: /^Approve / })).toHaveCount(0);
  const bobs = pending.filter({ hasText: 'staging' });
  await expect(bobs.getByTestId('waiting-for')).toHaveCount(0);
  await expect(bobs.getByRole('button', { name: /^Approve / })).toBeVisible();
  await screenshot(page, 'approvals-pending');

  // Opening her own through Reject…: the dialog offers no Approve at all, says whom she waits for.
  await mine.getByRole('button', { name: /^Reject / }).click();
  const ownDialog = page.getByRole('dialog', { name: /production/ });
  await expect(ownDialog.getByTestId('cannot-approve')).toHaveText(
    'You requested this deploy. Waiting for one of: bob, carol.',
  );
  await expect(ownDialog.getByRole('radio', { name: 'Approve' })).toHaveCount(0);
  await expect(ownDialog.getByRole('radio', { name: 'Reject' })).toBeChecked();
  await expect(ownDialog.getByRole('button', { name: 'Approve', exact: true })).toHaveCount(0);
  await expect(ownDialog.getByTestId('may-approve')).toContainText('May approve: bob, carol');
  await screenshot(page, 'approvals-requester-dialog');
  await page.keyboard.press('Escape');

  // bob's staging deploy, from the board: Approve… is offered to alice.
  await page.getByRole('navigation').getByRole('link', { name: 'Board' }).click();
  await cell(page, 'staging').click();
  await page.getByRole('menuitem', { name: /^Approve / }).click();
  const dialog = page.getByRole('dialog', { name: /^Approve .* to staging$/ });
  await expect(dialog.getByTestId('may-approve')).toContainText('May approve: alice, carol');
  await expect(dialog.getByTestId('may-approve')).toContainText('1 of 1 approval still needed');
  await expect(dialog.getByTestId('comment-required')).toHaveText('(required)');
  await expect(dialog.getByRole('textbox', { name: /Comment/ })).toHaveAttribute('aria-required', 'true');
  await screenshot(page, 'approvals-approver-dialog');
  await dialog.getByTestId('approve-confirm').click();
  await expect(dialog.getByRole('alert')).toContainText('A comment is required');
  await dialog.getByRole('textbox', { name: /Comment/ }).fill('Looked at the notes');
  await dialog.getByTestId('approve-confirm').click();
  await expect(dialog).toBeHidden();
  await expect(cell(page, 'staging')).not.toHaveAttribute('data-active', 'awaiting_approval', {
    timeout: 30_000,
  });
  const [deployment] = await api.call<
    { environment: string; status: string; approvals: { approver: string }[] }[]
  >('releases.list', { projectId: project.id, environment: 'staging' });
  expect(deployment!.approvals.map((approval) => approval.approver)).toEqual(['alice']);
  api.close();
  expect(consoleErrors).toEqual([]);
});
