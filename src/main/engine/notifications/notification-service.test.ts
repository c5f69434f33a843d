// The notification service on a real SQLite file, with real receivers on 127.0.0.1: a webhook
// receiver that answers, fails with 500, hangs or is down, and a real SMTP server.
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../kernel/clock.ts';
import { createMemoryLogger } from '../kernel/diagnostics/logger.ts';
import { createEventBus } from '../kernel/events.ts';
import { parseConfig, type CockpitConfig } from '../config/index.ts';
import { createAuditLog, freezeAt } from '../releases/index.ts';
import { cleanupFixtures } from '../../testing/fixtures.ts';
import { releaseDb, type ReleaseDb } from '../../testing/release-db.ts';
import { closedPort, smtpReceiver, webhookReceiver } from '../../testing/notification-receivers.ts';
import { createNotificationService, type NotificationDeps } from './notification-service.ts';

afterEach(cleanupFixtures);

const START = Date.UTC(2026, 10, 25, 10); // Wednesday 25 November 2026, 10:00 UTC

function configFrom(yaml: string): CockpitConfig {
  const result = parseConfig(yaml, 'cockpit.yml');
  if (result.status !== 'ok') throw new Error(JSON.stringify(result));
  return result.config;
}

const environments = `
environments:
  - name: staging
    url: http://127.0.0.1:1/staging
  - name: production
    url: http://127.0.0.1:1/production
    gates:
      approvals: 1
      approvers: [alice, bob@example.com, carol]
`;

function setup(
  yaml: string,
  secrets: Record<string, string>,
  overrides: Partial<NotificationDeps> = {},
  existing?: ReleaseDb,
) {
  const store = existing ?? releaseDb();
  const clock = manualClock(START);
  const logger = createMemoryLogger();
  const config = configFrom(`version: 1\nname: shop\n${environments}${yaml}`);
  const service = createNotificationService({
    db: store.db,
    clock,
    events: createEventBus(),
    logger,
    listProjects: () => [{ id: store.projectId, name: 'shop' }],
    configOf: () => config,
    secret: (_projectId, name) => secrets[name],
    freezeAt,
    timeoutMs: 2000,
    retry: { maxAttempts: 3, baseDelayMs: 10_000, maxDelayMs: 60_000 },
    ...overrides,
  });
  const audit = createAuditLog(store.db, clock);
  const deployment = (action: 'deploy.started' | 'deploy.finished', detail: Record<string, unknown>) =>
    audit.append({
      actor: 'ann',
      action,
      projectId: store.projectId,
      subject: 'deployment #7',
      detail: { deploymentId: 7, environment: 'production', version: '1.2.0', ...detail },
    });
  return { store, clock, logger, service, audit, deployment };
}

const hooks = (channels: string) => `
notifications:
  channels:
    hook: { type: webhook, url_secret: HOOK_URL }
    slack: { type: slack, url_secret: SLACK_URL }
    teams: { type: teams, url_secret: TEAMS_URL }
  rules:
    - events: all
      channels: [${channels}]
`;

describe('notifications out', () => {
  it('tells a webhook, Slack and Teams about a deploy, each in its own format', async () => {
    const receiver = await webhookReceiver();
    const { service, deployment } = setup(hooks('hook, slack, teams'), {
      HOOK_URL: receiver.url('/hook'),
      SLACK_URL: receiver.url('/slack/T000/B000/secret-token'),
      TEAMS_URL: receiver.url('/teams'),
    });
    deployment('deploy.started', { runId: 3 });
    deployment('deploy.finished', { status: 'succeeded', kind: 'promote' });

    expect(service.expand()).toBe(6);
    await service.deliverDue();
    expect(receiver.received).toHaveLength(6);
    const byPath = (path: string) => receiver.received.filter((r) => r.path.startsWith(path));

    const hook = byPath('/hook').map((r) => r.body as Record<string, unknown>);
    expect(hook.map((body) => body.event)).toEqual(['deploy.started', 'deploy.succeeded']);
    expect(hook[1]).toMatchObject({
      source: 'release-cockpit',
      project: 'shop',
      environment: 'production',
      version: '1.2.0',
      deploymentId: 7,
      kind: 'promote',
      actor: 'ann',
      title: 'shop 1.2.0 is live in production',
      at: new Date(START).toISOString(),
    });

    const slack = byPath('/slack')[1]!.body as { text: string; blocks: { text?: { text: string } }[] };
    expect(slack.text).toBe('shop 1.2.0 is live in production: Deployed by ann (promoted).');
    expect(slack.blocks[0]!.text!.text).toContain('*shop 1.2.0 is live in production*');

    const teams = byPath('/teams')[0]!.body as {
      type: string;
      attachments: { contentType: string; content: { body: { text?: string; facts?: unknown[] }[] } }[];
    };
    expect(teams.type).toBe('message');
    expect(teams.attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(teams.attachments[0]!.content.body[0]!.text).toBe('Deploying shop 1.2.0 to production');
    expect(teams.attachments[0]!.content.body[2]!.facts).toContainEqual({ title: 'Version', value: '1.2.0' });

    const log = service.list({});
    expect(log).toHaveLength(6);
    expect(log.every((d) => d.status === 'sent' && d.attempts === 1 && d.lastError === null)).toBe(true);
    // Nothing is sent twice: the outbox entries are done and the deliveries sent.
    expect(service.expand()).toBe(0);
    expect(await service.deliverDue()).toBe(0);
  });

  it('follows the rules: events and environments pick the channels; a cancelled deploy tells nobody', async () => {
    const receiver = await webhookReceiver();
    const { service, deployment, audit, store } = setup(
      `
notifications:
  channels:
    prod: { type: webhook, url_secret: PROD_URL }
    all: { type: webhook, url_secret: ALL_URL }
  rules:
    - events: [deploy.failed, deploy.rolled_back]
      environments: [production]
      channels: [prod]
    - events: [deploy.failed]
      channels: [all]
    - events: [deploy.rolled_back]
      channels: [prod]
`,
      { PROD_URL: receiver.url('/prod'), ALL_URL: receiver.url('/all') },
    );
    deployment('deploy.finished', { status: 'failed', detail: 'the deploy pipeline failed (run #4)' });
    deployment('deploy.finished', { status: 'succeeded', kind: 'rollback', version: '1.0.0' });
    deployment('deploy.finished', { status: 'cancelled' });
    audit.append({
      actor: 'ann',
      action: 'deploy.finished',
      projectId: store.projectId,
      subject: 'deployment #8',
      detail: { deploymentId: 8, environment: 'staging', version: '1.3.0', status: 'failed', detail: 'boom' },
    });
    expect(service.expand()).toBe(4);
    await service.deliverDue();
    const got = receiver.received.map((r) => [
      r.path,
      (r.body as { event: string; environment: string }).event,
    ]);
    expect(got).toEqual(
      expect.arrayContaining([
        ['/prod', 'deploy.failed'],
        ['/all', 'deploy.failed'],
        ['/prod', 'deploy.rolled_back'],
        ['/all', 'deploy.failed'],
      ]),
    );
    // The rollback matched two rules naming the same channel: told once.
    expect(got.filter(([path, event]) => path === '/prod' && event === 'deploy.rolled_back')).toHaveLength(1);
    expect(got.filter(([path]) => path === '/prod')).toHaveLength(2);
    expect(got).toHaveLength(4);
    const failed = receiver.received.find((r) => r.path === '/prod')!.body as { title: string; text: string };
    expect(failed.title).toBe('Deploying shop 1.2.0 to production failed');
    expect(failed.text).toBe('The deploy pipeline failed (run #4).');
  });

  it('emails an approval request to the approvers over SMTP, logging in with the password from the secret store', async () => {
    const smtp = await smtpReceiver({ user: 'cockpit', password: 'smtp-pass-123456' });
    const { service, audit, store, logger } = setup(
      `
notifications:
  channels:
    mail:
      type: email
      smtp: { host: 127.0.0.1, port: ${smtp.port}, security: none, user: cockpit, password_secret: SMTP_PASSWORD }
      from: "Release Cockpit <cockpit@example.com>"
      to: [ops@example.com]
  people: { alice: alice@example.com }
  rules:
    - events: [approval.requested]
      channels: [mail]
`,
      { SMTP_PASSWORD: 'smtp-pass-123456' },
    );
    audit.append({
      actor: 'ann',
      action: 'deploy.requested',
      projectId: store.projectId,
      subject: 'deployment #9',
      detail: {
        deploymentId: 9,
        kind: 'promote',
        environment: 'production',
        version: '1.2.0',
        gates: [{ gate: 'approvals', passed: false, detail: 'needs 1 approval', blocks: false }],
      },
    });
    // A request that needs no approval tells nobody.
    audit.append({
      actor: 'ann',
      action: 'deploy.requested',
      projectId: store.projectId,
      subject: 'deployment #10',
      detail: { deploymentId: 10, environment: 'staging', version: '1.2.0', gates: [] },
    });
    expect(service.expand()).toBe(1);
    await service.deliverDue();
    const [mail] = await smtp.until((mails) => mails.length === 1);
    expect(mail!.user).toBe('cockpit');
    expect(mail!.from).toBe('cockpit@example.com');
    // The channel's address, alice by the people map, bob by his own address; carol has none.
    expect(mail!.to.sort()).toEqual(['alice@example.com', 'bob@example.com', 'ops@example.com']);
    expect(mail!.data).toContain('Subject: [shop] Approval needed: shop 1.2.0 to production');
    // (quoted-printable: long lines are wrapped with "=")
    expect(mail!.data.replaceAll('=\r\n', '')).toContain(
      'waiting for one of: alice, bob@example.com, carol.',
    );
    expect(mail!.data).toContain('X-Cockpit-Event: approval.requested');
    expect(service.list({})[0]).toMatchObject({
      status: 'sent',
      channelType: 'email',
      event: 'approval.requested',
    });
    // The password is in neither the database nor the log.
    const stored = store.db
      .prepare<[], { text: string }>('SELECT channel_config || message AS text FROM notification_deliveries')
      .all()
      .map((row) => row.text)
      .join('\n');
    expect(stored).not.toContain('smtp-pass-123456');
    expect(logger.lines.join('\n')).not.toContain('smtp-pass-123456');
  });

  it('retries a receiver that answers 500 with backoff, then succeeds, keeping why it failed', async () => {
    const receiver = await webhookReceiver();
    const { service, deployment, clock } = setup(hooks('hook'), { HOOK_URL: receiver.url('/hook') });
    receiver.setMode('error500');
    deployment('deploy.started', {});
    service.expand();
    await service.deliverDue();
    let [delivery] = service.list({});
    expect(delivery).toMatchObject({
      status: 'pending',
      attempts: 1,
      nextAttemptAt: START + 10_000,
      lastError: `127.0.0.1:${receiver.port} answered HTTP 500 Internal Server Error: receiver exploded`,
    });
    // Not due yet: nothing is sent before the backoff is over.
    clock.advance(9_999);
    expect(await service.deliverDue()).toBe(0);
    clock.advance(1);
    await service.deliverDue();
    [delivery] = service.list({});
    expect(delivery).toMatchObject({
      status: 'pending',
      attempts: 2,
      nextAttemptAt: START + 10_000 + 30_000,
    });
    receiver.setMode('ok');
    clock.advance(30_000);
    await service.deliverDue();
    [delivery] = service.list({});
    expect(delivery).toMatchObject({ status: 'sent', attempts: 3, sentAt: START + 40_000 });
    expect(delivery!.lastError).toContain('HTTP 500');
    expect(receiver.hits).toHaveLength(3);
    expect(receiver.received).toHaveLength(1);
  });

  it('gives up on a receiver that is down, with a clear reason, after the last attempt', async () => {
    const port = await closedPort();
    const { service, deployment, clock } = setup(hooks('hook'), {
      HOOK_URL: `http://127.0.0.1:${port}/hook`,
    });
    deployment('deploy.finished', { status: 'failed', detail: 'boom' });
    service.expand();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await service.deliverDue();
      clock.advance(60_000);
    }
    const [delivery] = service.list({ status: 'failed' });
    expect(delivery).toMatchObject({ status: 'failed', attempts: 3, maxAttempts: 3, nextAttemptAt: null });
    expect(delivery!.lastError).toBe(
      `gave up after 3 attempts: 127.0.0.1:${port} refused the connection (is the receiver running?)`,
    );
    expect(await service.deliverDue()).toBe(0);
    expect(service.list({ status: 'sent' })).toEqual([]);
  });

  it('ends an attempt at a receiver slower than the time limit, and delivers once it answers', async () => {
    const receiver = await webhookReceiver();
    const { service, deployment, clock } = setup(
      hooks('hook'),
      { HOOK_URL: receiver.url('/hook') },
      { timeoutMs: 300 },
    );
    receiver.setMode('hang');
    deployment('deploy.started', {});
    service.expand();
    await service.deliverDue();
    expect(service.list({})[0]).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: `127.0.0.1:${receiver.port} did not answer within 300 ms`,
    });
    receiver.setMode('ok');
    clock.advance(10_000);
    await service.deliverDue();
    expect(service.list({})[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('masks the webhook URL in a failure reason, and names a missing secret', async () => {
    const receiver = await webhookReceiver();
    const token = 'T0KEN-abcdef-123456';
    const { service, deployment, logger } = setup(hooks('hook, slack'), {
      HOOK_URL: `http://127.0.0.1:1/${token}`.replace('127.0.0.1:1', `127.0.0.1:${receiver.port}`),
    });
    receiver.setMode('error500');
    deployment('deploy.started', {});
    service.expand();
    await service.deliverDue();
    const [slack, hook] = service.list({});
    expect(slack!.lastError).toBe('the secret SLACK_URL is not set for shop (cockpit secrets set SLACK_URL)');
    expect(hook!.lastError).not.toContain(token);
    expect(logger.lines.join('\n')).not.toContain(token);
  });

  it('tells incidents opened and resolved, from the monitor’s own rows', async () => {
    const receiver = await webhookReceiver();
    const { service, store } = setup(hooks('hook'), { HOOK_URL: receiver.url('/hook') });
    const env = store.environment('production');
    const incident = store.db
      .prepare('INSERT INTO incidents (environment_id, opened_at, first_error) VALUES (?, ?, ?)')
      .run(env, START, 'HTTP 503 from /health').lastInsertRowid;
    store.db.prepare('UPDATE incidents SET closed_at = ? WHERE id = ?').run(START + 252_000, incident);
    // Acknowledging is not resolving.
    store.db
      .prepare("UPDATE incidents SET acknowledged_by = 'ann', acknowledged_at = 1 WHERE id = ?")
      .run(incident);
    expect(service.expand()).toBe(2);
    await service.deliverDue();
    expect(receiver.received.map((r) => r.body as { title: string; text: string })).toEqual([
      expect.objectContaining({ title: 'production (shop) is down', text: 'HTTP 503 from /health' }),
      expect.objectContaining({
        title: 'production (shop) recovered',
        text: 'Back up after being down for 4 m 12 s.',
      }),
    ]);
  });

  it('tells a freeze once when it starts, also across a restart', async () => {
    const receiver = await webhookReceiver();
    const freeze = `
  - name: frozen
    url: http://127.0.0.1:1/frozen
    gates:
      freeze:
        - { weekdays: [wed], from: "09:00", to: "18:00", timezone: UTC, reason: release week }
notifications:
  channels:
    hook: { type: webhook, url_secret: HOOK_URL }
  rules:
    - events: [freeze.started]
      channels: [hook]
`;
    const first = setup(freeze, { HOOK_URL: receiver.url('/hook') });
    await first.service.pump();
    await first.service.pump();
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.body).toMatchObject({
      event: 'freeze.started',
      environment: 'frozen',
      title: 'Deploy freeze started in frozen (shop)',
      text: 'Release week (until 2026-11-25T18:00:00.000Z).',
    });
    const again = setup(freeze, { HOOK_URL: receiver.url('/hook') }, {}, first.store);
    await again.service.pump();
    expect(receiver.received).toHaveLength(1);
  });

  it('keeps pending deliveries across a restart, and takes back one a dead process was sending', async () => {
    const receiver = await webhookReceiver();
    const secrets = { HOOK_URL: receiver.url('/hook') };
    const first = setup(hooks('hook'), secrets);
    receiver.setMode('error500');
    first.deployment('deploy.started', {});
    first.deployment('deploy.finished', { status: 'succeeded' });
    first.service.expand();
    await first.service.deliverDue();
    expect(first.service.list({ status: 'pending' })).toHaveLength(2);
    // A process claims a delivery and dies before it ends the attempt.
    first.clock.advance(10_000);
    const claimed = first.store.db
      .prepare("UPDATE notification_deliveries SET status = 'sending', claimed_until = ? WHERE id = 1")
      .run(START + 10_000 + 5 * 60_000);
    expect(claimed.changes).toBe(1);

    receiver.setMode('ok');
    const second = setup(hooks('hook'), secrets, {}, first.store);
    second.clock.set(START + 10_000);
    await second.service.deliverDue();
    expect(second.service.list({}).map((d) => d.status)).toEqual(['sent', 'sending']);
    second.clock.set(START + 10_000 + 5 * 60_000);
    await second.service.deliverDue();
    expect(second.service.list({}).map((d) => d.status)).toEqual(['sent', 'sent']);
    expect(receiver.received.map((r) => (r.body as { event: string }).event).sort()).toEqual([
      'deploy.started',
      'deploy.succeeded',
    ]);
  });
});
