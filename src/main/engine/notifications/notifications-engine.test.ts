// Notifications through a whole engine: a real deploy of a real git project tells a real webhook
// receiver — and a receiver that hangs never holds the deploy back; it is retried until it answers.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures, git } from '../../testing/fixtures.ts';
import { webhookReceiver } from '../../testing/notification-receivers.ts';
import { releaseShop } from '../../testing/release-shop.ts';

afterEach(cleanupFixtures);

/** Resolves once `check` holds, checked now and at each notifications.changed event. */
type Engine = Awaited<ReturnType<typeof releaseShop>>['engine'];

async function whenLogChanges(engine: Engine, check: () => Promise<boolean>): Promise<void> {
  let stop = () => {};
  await new Promise<void>((resolve) => {
    const test = () => void check().then((ok) => ok && resolve());
    stop = engine.events.on('notifications.changed', test);
    test();
  });
  stop();
}

describe('notifications from a running engine', () => {
  it('tells the team about a deploy without ever holding it back', async () => {
    const receiver = await webhookReceiver();
    receiver.setMode('hang');
    const shop = await releaseShop({}, { notifications: { timeoutMs: 300, pollMs: 50 } });
    const { engine, projectId, repo, clock, deployed } = shop;
    const config = join(repo, 'cockpit.yml');
    writeFileSync(
      config,
      `${readFileSync(config, 'utf8')}
notifications:
  channels:
    team: { type: webhook, url_secret: TEAM_HOOK }
  rules:
    - events: [deploy.started, deploy.succeeded, deploy.failed]
      environments: [staging]
      channels: [team]
`,
    );
    git(repo, 'commit', '-qam', 'chore: tell the team');
    await engine.invoke('secrets.set', { projectId, name: 'TEAM_HOOK', value: receiver.url('/team') });
    engine.startBackgroundWork();

    // The receiver never answers, yet the deploy runs, verifies and ends as usual.
    const deployment = await deployed(
      engine.invoke('releases.deploy', { projectId, environment: 'staging' }),
    );
    expect(deployment.status).toBe('succeeded');
    // Both deliveries tried once, and waiting for their next attempt.
    const log = () => engine.invoke('notifications.deliveries', { projectId });
    await whenLogChanges(engine, async () => {
      const deliveries = await log();
      return deliveries.length === 2 && deliveries.every((d) => d.status === 'pending' && d.attempts >= 1);
    });

    // It comes back; the next attempts (after the backoff) get through.
    receiver.setMode('ok');
    clock.advance(60 * 60_000);
    const received = await receiver.until((items) => items.length >= 2);
    expect(received.map((r) => (r.body as { event: string }).event).sort()).toEqual([
      'deploy.started',
      'deploy.succeeded',
    ]);
    expect(received.every((r) => (r.body as { deploymentId: number }).deploymentId === deployment.id)).toBe(
      true,
    );

    await whenLogChanges(engine, async () => (await log()).every((d) => d.status === 'sent'));
    const sent = await log();
    expect(sent.map((d) => [d.event, d.status])).toEqual([
      ['deploy.succeeded', 'sent'],
      ['deploy.started', 'sent'],
    ]);
    expect(
      sent.every(
        (d) => d.attempts >= 2 && d.lastError === `127.0.0.1:${receiver.port} did not answer within 300 ms`,
      ),
    ).toBe(true);
    expect(await engine.invoke('notifications.deliveries', { status: 'failed' })).toEqual([]);
  });
});
