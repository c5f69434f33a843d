// Settings → Notifications sent, end to end: the empty state; then a project whose cockpit.yml tells
// a webhook (a real receiver in this process) and a Slack channel whose receiver is down about
// incidents; its service goes down, the cockpit opens an incident, and the panel shows one delivery
// sent and one retrying, with the reason.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, screenshot, screenshotDir, makeGitRepo } from './support/cockpit-fixture.ts';
import { engineApi } from './support/engine-api.ts';
import { flakyService } from './support/flaky-service.ts';

test.use({ viewport: { width: 1280, height: 1000 } });

test('the delivery log shows what was sent, what is retried and why', async ({ page, cockpit }) => {
  const received: { event: string; title: string }[] = [];
  const receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push(JSON.parse(body) as { event: string; title: string });
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const receiverPort = (receiver.address() as AddressInfo).port;
  // A port nothing listens on: the Slack channel's receiver is down.
  const down = createServer();
  await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
  const downPort = (down.address() as AddressInfo).port;
  await new Promise<void>((resolve) => down.close(() => resolve()));
  const service = await flakyService();
  const parent = mkdtempSync(join(tmpdir(), 'cockpit-e2e-notify-'));
  try {
    await page.goto(cockpit.url);
    await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
    const panel = page.getByRole('region', { name: 'Notifications sent' });
    await expect(panel.getByTestId('notifications-sent-empty')).toContainText('Nothing sent yet');
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: join(screenshotDir, 'settings-notifications-sent-empty.png') });

    const repo = makeGitRepo(parent, 'shop', {
      'cockpit.yml': `version: 1
name: shop
environments:
  - name: production
    tier: production
    url: ${service.url}
    interval: 1h
    failures_before_down: 1
    checks: [{ http: { path: /health } }]
notifications:
  channels:
    hook: { type: webhook, url_secret: HOOK_URL }
    slack: { type: slack, url_secret: SLACK_URL }
  rules:
    - events: [incident.opened, incident.resolved]
      environments: [production]
      channels: [hook, slack]
`,
    });
    const api = await engineApi(cockpit.url);
    try {
      const project = await api.call<{ id: number }>('projects.add', { path: repo });
      await api.call('secrets.set', {
        projectId: project.id,
        name: 'HOOK_URL',
        value: `http://127.0.0.1:${receiverPort}/hooks/incidents`,
      });
      await api.call('secrets.set', {
        projectId: project.id,
        name: 'SLACK_URL',
        value: `http://127.0.0.1:${downPort}/services/T000/B000/XXXX`,
      });
      const [environment] = await api.call<{ id: number }[]>('environments.list', { projectId: project.id });
      await service.stop();
      await api.call('environments.checkNow', { environmentId: environment!.id });
    } finally {
      api.close();
    }

    const rows = panel.getByRole('listitem');
    await expect(rows).toHaveCount(2, { timeout: 20_000 });
    const sent = panel.locator('.delivery[data-status="sent"]');
    const retrying = panel.locator('.delivery[data-status="pending"]');
    await expect(sent).toContainText('production (shop) is down', { timeout: 20_000 });
    await expect(sent).toContainText('incident.opened → hook (webhook)');
    await expect(retrying).toContainText('retrying', { timeout: 20_000 });
    await expect(retrying).toContainText(`127.0.0.1:${downPort} refused the connection`);
    await expect(retrying).toContainText('1 of 6 attempts');
    // The Slack URL's token is a secret: never on the page.
    await expect(panel).not.toContainText('XXXX');
    expect(received.map((body) => body.event)).toEqual(['incident.opened']);
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-notifications-sent');
    await panel.screenshot({ path: join(screenshotDir, 'settings-notifications-sent-panel.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await panel.screenshot({ path: join(screenshotDir, 'settings-notifications-sent-panel-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });

    await panel.getByRole('button', { name: 'Failed' }).click();
    await expect(panel.getByTestId('notifications-sent-empty')).toHaveText('No notification has failed.');
    await panel.getByRole('button', { name: 'All' }).click();
    await expect(rows).toHaveCount(2);
  } finally {
    await service.stop();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    rmSync(parent, { recursive: true, force: true });
  }
});
