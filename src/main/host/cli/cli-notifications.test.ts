// `cockpit notifications [--failed]` as a real child process: the empty state, the log, the failures
// with their reasons.
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Delivery } from '../../../shared/domain/notification.ts';
import { cleanupFixtures, gitRepo, tempDir } from '../../testing/fixtures.ts';
import { runCockpit, runCockpitSync } from '../../testing/cli-process.ts';
import { closedPort, webhookReceiver } from '../../testing/notification-receivers.ts';

afterEach(cleanupFixtures);

function cockpit(args: string[], dataDir: string) {
  return runCockpitSync(args, { dataDir, timeoutMs: 30_000, env: { TZ: 'UTC' } });
}

describe('cockpit notifications', () => {
  it('lists deliveries newest first, and with --failed only those given up, saying why', () => {
    const dataDir = tempDir('cockpit-cli-');
    const empty = cockpit(['notifications'], dataDir);
    expect(empty).toMatchObject({ code: 0 });
    expect(empty.stdout).toMatch(/^No notifications sent yet/);
    expect(cockpit(['notifications', '--failed'], dataDir).stdout).toBe('No notification has failed.\n');

    // What the engine's delivery pass leaves behind (its own tests make these rows for real).
    const db = new BetterSqlite3(join(dataDir, 'cockpit.db'));
    const insert = db.prepare(
      `INSERT INTO notification_deliveries (outbox_id, project_id, project_name, event, environment, title,
         channel, channel_type, channel_config, message, status, attempts, max_attempts, next_attempt_at,
         last_error, created_at, sent_at)
       VALUES (?, NULL, 'shop', ?, 'production', ?, ?, ?, '{}', '{}', ?, ?, 6, ?, ?, ?, ?)`,
    );
    const at = Date.UTC(2026, 10, 25, 10);
    insert.run(
      1,
      'deploy.succeeded',
      'shop 1.2.0 is live in production',
      'slack',
      'slack',
      'sent',
      1,
      null,
      null,
      at,
      at,
    );
    insert.run(
      2,
      'deploy.failed',
      'Deploying shop 1.3.0 to production failed',
      'hook',
      'webhook',
      'failed',
      6,
      null,
      'gave up after 6 attempts: 127.0.0.1:9 refused the connection (is the receiver running?)',
      at + 1,
      null,
    );
    insert.run(
      3,
      'approval.requested',
      'Approval needed: shop 1.3.0 to production',
      'mail',
      'email',
      'pending',
      1,
      at + 60_000,
      'the SMTP server 127.0.0.1:2525 answered 451 try later',
      at + 2,
      null,
    );
    db.close();

    const all = cockpit(['notifications'], dataDir);
    expect(all.code).toBe(0);
    const lines = all.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+TIME\s+EVENT\s+CHANNEL\s+STATUS\s+ATTEMPTS\s+WHAT \/ WHY$/);
    expect(lines.slice(1).map((line) => line.split(/\s+/)[0])).toEqual(['3', '2', '1']);
    expect(lines[1]).toMatch(
      /approval\.requested\s+mail \(email\)\s+pending\s+1\/6\s+Approval needed: .* — the SMTP server 127\.0\.0\.1:2525 answered 451 try later \(next attempt 10:01:00/,
    );
    expect(lines[3]).toMatch(
      /deploy\.succeeded\s+slack \(slack\)\s+sent\s+1\/6\s+shop 1\.2\.0 is live in production$/,
    );

    const failed = cockpit(['notifications', '--failed'], dataDir);
    expect(failed.stdout.trim().split('\n')).toHaveLength(2);
    expect(failed.stdout).toContain('gave up after 6 attempts: 127.0.0.1:9 refused the connection');

    const json = JSON.parse(cockpit(['notifications', '--pending', '--json'], dataDir).stdout) as Delivery[];
    expect(json).toEqual([expect.objectContaining({ id: 3, status: 'pending', nextAttemptAt: at + 60_000 })]);
    expect(cockpit(['notifications', '--failed', '--pending'], dataDir)).toMatchObject({ code: 2 });
  });

  it('send: a terminal with no app running sends what waits — an incident from `cockpit check` — and says what failed', async () => {
    const receiver = await webhookReceiver();
    const down = await closedPort();
    const repo = gitRepo({
      'cockpit.yml': `version: 1
name: shop
environments:
  - name: production
    url: http://127.0.0.1:${down}
    failures_before_down: 1
    checks: [{ http: { path: /health } }]
notifications:
  channels:
    hook: { type: webhook, url_secret: HOOK_URL }
    broken: { type: webhook, url_secret: BROKEN_URL }
  rules:
    - { events: [incident.opened], channels: [hook, broken] }
`,
    });
    const dataDir = tempDir('cockpit-cli-');
    const run = (args: string[], input?: string) =>
      input === undefined
        ? runCockpit(args, { cwd: repo, dataDir, env: { TZ: 'UTC' } })
        : Promise.resolve(runCockpitSync(args, { cwd: repo, dataDir, input, env: { TZ: 'UTC' } }));
    expect((await run(['secrets', 'set', 'HOOK_URL'], receiver.url('/hook'))).code).toBe(0);
    expect((await run(['secrets', 'set', 'BROKEN_URL'], `http://127.0.0.1:${down}/x`)).code).toBe(0);
    expect((await run(['check', 'production'])).code).toBe(3);

    const sent = await run(['notifications', 'send']);
    expect(sent.stdout).toBe(
      '2 new deliveries queued; 2 attempted, 1 failed (see cockpit notifications --pending / --failed).\n',
    );
    expect(sent.code).toBe(1);
    expect(receiver.received.map((r) => (r.body as { event: string; title: string }).title)).toEqual([
      'production (shop) is down',
    ]);
    const pending = await run(['notifications', '--pending']);
    expect(pending.stdout).toContain(`127.0.0.1:${down} refused the connection`);
    // Nothing new, nothing due yet (the failed one waits for its backoff): nothing sent twice.
    expect((await run(['notifications', 'send'])).stdout).toBe(
      '0 new deliveries queued; 0 attempted, 0 failed.\n',
    );
    expect(receiver.received).toHaveLength(1);
  });
});
