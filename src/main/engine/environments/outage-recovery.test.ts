// An outage told as it happens, against a real HTTP server that goes down and comes back, with the
// scheduler running on a clock the test moves: a down environment is checked every interval (no
// silent backoff), is never shown as stale, says when its next check is, and its recovery is seen
// at the first check after it — with a "recovered after …" alert. "Last response" is the latest try.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { EnvironmentSummary } from '../../../shared/domain/environment.ts';
import type { EventPayload } from '../../../shared/protocol.ts';
import { manualClock } from '../kernel/clock.ts';
import { cleanupFixtures, gitRepo, onCleanup } from '../../testing/fixtures.ts';
import { testEngine } from '../../testing/test-engine.ts';

afterEach(cleanupFixtures);

const INTERVAL = 2000;

/** A service on 127.0.0.1 that can stop listening (connection refused) and listen again, same port. */
async function flakyService() {
  let server: Server | null = null;
  let port = 0;
  const listen = async () => {
    server = createServer((_req, res) => res.writeHead(200, { 'x-app-version': '1.0.0' }).end('ok'));
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  };
  const close = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      server.closeAllConnections();
      server.close(() => resolve());
      server = null;
    });
  await listen();
  onCleanup(close);
  return { url: () => `http://127.0.0.1:${port}`, stop: close, start: listen };
}

async function monitored(extra = '', background = true) {
  const service = await flakyService();
  const clock = manualClock(Date.UTC(2026, 10, 26, 14, 0));
  const engine = testEngine({ clock });
  const repo = gitRepo({
    'cockpit.yml': `version: 1
name: shop
environments:
  - name: production
    tier: production
    url: ${service.url()}
    interval: 2s
    failures_before_down: 2
    version: { header: x-app-version }
${extra}`,
  });
  await engine.invoke('projects.add', { path: repo });
  const alerts: EventPayload<'environments.alert'>[] = [];
  engine.events.on('environments.alert', (alert) => alerts.push(alert));
  const [env] = await engine.invoke('environments.list', {});
  const id = env!.id;
  if (background) engine.startBackgroundWork();
  /** Moves the clock on and waits (real time) for the check that became due to be recorded. */
  const step = async (ms: number) => {
    const checked = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no check within 10 s of real time')), 10_000);
      const stop = engine.events.on('environments.changed', (event) => {
        if (event.environmentId !== id) return;
        clearTimeout(timer);
        stop();
        resolve();
      });
    });
    clock.advance(ms);
    await checked;
    // Let the scheduler see the check finish (at this clock time) before the clock moves again.
    await new Promise((resolve) => setImmediate(resolve));
  };
  const summary = async (): Promise<EnvironmentSummary> =>
    (await engine.invoke('environments.list', {})).find((e) => e.id === id)!;
  return { engine, clock, service, alerts, id, step, summary };
}

describe('an outage and its recovery', () => {
  it('are checked every interval, never stale, and the recovery is seen at the next check with its duration', async () => {
    const { engine, clock, service, alerts, id, step, summary } = await monitored();
    await step(INTERVAL); // the first check lands within the first interval
    expect((await summary()).state).toBe('up');

    await service.stop();
    const outageStart = clock.now();
    await step(INTERVAL);
    await step(INTERVAL);
    let env = await summary();
    expect(env.state).toBe('down');
    expect(alerts.map((a) => a.kind)).toEqual(['down']);

    // Twenty more intervals down: a check in every one, shown as down with its next check — never stale.
    for (let i = 0; i < 20; i++) {
      await step(INTERVAL);
      env = await summary();
      expect(env.state).toBe('down');
      expect(env.lastCheckedAt).toBe(clock.now());
      if (env.nextCheckAt !== null)
        expect(env.nextCheckAt - env.lastCheckedAt!).toBeLessThanOrEqual(INTERVAL);
    }
    const detail = await engine.invoke('environments.get', { environmentId: id });
    expect(detail.lastAttempt).toMatchObject({ state: 'down', errorClass: 'connection_refused' });
    expect(detail.lastAttempt!.at).toBe(env.lastCheckedAt);
    expect(detail.lastResponse).toBeNull(); // never the old 200

    await service.start();
    await step(INTERVAL); // one interval after it came back
    env = await summary();
    expect(env.state).toBe('up');
    expect(alerts.map((a) => a.kind)).toEqual(['down', 'recovered']);
    const recovered = alerts[1]!;
    // The outage counts from the incident's opening (the second failing check) to the recovery.
    expect(recovered.downForMs).toBe(clock.now() - (outageStart + 2 * INTERVAL));
    expect(recovered.message).toBe('production (shop) recovered after 42 s.');
    const after = await engine.invoke('environments.get', { environmentId: id });
    expect(after.lastResponse).toMatchObject({ status: 200 });
  });

  it('backs off only up to max_backoff when it is configured, and says when it checks next', async () => {
    const { clock, service, step, summary } = await monitored('    max_backoff: 8s\n');
    await step(INTERVAL);
    await service.stop();
    await step(INTERVAL);
    await step(INTERVAL); // down now
    await step(2 * INTERVAL); // the wait doubled
    const env = await summary();
    expect(env.state).toBe('down');
    const wait = env.nextCheckAt! - env.lastCheckedAt!;
    expect(wait).toBeGreaterThanOrEqual(7200); // 8 s, less up to 10% of jitter
    expect(wait).toBeLessThanOrEqual(8000);
    clock.advance(7000); // not due yet, and still not shown as stale
    expect(await summary()).toMatchObject({ state: 'down', overdue: false });
  });

  it('shows a down environment as down (overdue) when nobody checked it for hours, and old good news as stale', async () => {
    const { engine, clock, service, id, summary } = await monitored('', false); // as the CLI: no scheduler
    await engine.invoke('environments.checkNow', { environmentId: id });
    clock.advance(3 * 60 * 60 * 1000);
    expect(await summary()).toMatchObject({ state: 'stale', overdue: true, nextCheckAt: null });
    await service.stop();
    await engine.invoke('environments.checkNow', { environmentId: id });
    await engine.invoke('environments.checkNow', { environmentId: id });
    clock.advance(3 * 60 * 60 * 1000);
    expect(await summary()).toMatchObject({ state: 'down', overdue: true });
  });
});
