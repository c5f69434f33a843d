// The monitor through the engine's protocol, against real HTTP servers on 127.0.0.1: states,
// versions and observed deployments, incidents and alerts, dependants, staleness, pause.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/protocol.ts';
import { manualClock } from '../kernel/clock.ts';
import { cleanupFixtures, gitRepo, onCleanup } from '../../testing/fixtures.ts';
import { testEngine } from '../../testing/test-engine.ts';

afterEach(cleanupFixtures);

interface Service {
  url: string;
  version: string;
  healthy: boolean;
  close(): Promise<void>;
}

async function service(version: string): Promise<Service> {
  const state = { version, healthy: true };
  const server: Server = createServer((req, res) => {
    if (!state.healthy) {
      res.writeHead(503).end('unavailable');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(req.url === '/version' ? { version: state.version } : { status: 'ok' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  onCleanup(close);
  return Object.defineProperties(
    { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close } as Service,
    {
      version: { get: () => state.version, set: (v: string) => (state.version = v) },
      healthy: { get: () => state.healthy, set: (v: boolean) => (state.healthy = v) },
    },
  );
}

async function setup(db: Service, api: Service) {
  const clock = manualClock(Date.UTC(2026, 10, 26, 12));
  const engine = testEngine({ clock });
  const repo = gitRepo({
    'cockpit.yml': `version: 1
name: shop
owners: [ops@example.com]
environments:
  - { name: db, tier: production, url: "${db.url}", interval: 10s, failures_before_down: 1, owners: [dba@example.com] }
  - name: api
    tier: production
    url: ${api.url}
    interval: 10s
    failures_before_down: 2
    depends_on: [db]
    checks: [{ http: { path: /health, json: { pointer: /status, equals: ok } } }]
    version: { json_pointer: /version, path: /version }
`,
  });
  const project = await engine.invoke('projects.add', { path: repo });
  expect(project.configStatus).toBe('ok');
  const alerts: EventPayload<'environments.alert'>[] = [];
  engine.events.on('environments.alert', (alert) => alerts.push(alert));
  const byName = async () =>
    Object.fromEntries(
      (await engine.invoke('environments.list', { projectId: project.id })).map((env) => [env.name, env]),
    );
  return { engine, clock, alerts, byName };
}

describe('environment monitor', () => {
  it('reports state, version and an observed deployment; opens and closes incidents with alerts', async () => {
    const db = await service('15.0');
    const api = await service('1.0.0');
    const { engine, clock, alerts, byName } = await setup(db, api);
    let envs = await byName();
    expect(envs.api!.state).toBe('unknown');

    await engine.invoke('environments.checkNow', { environmentId: envs.api!.id });
    envs = await byName();
    expect(envs.api).toMatchObject({
      state: 'up',
      version: '1.0.0',
      tier: 'production',
      openIncidentId: null,
    });
    expect(envs.api!.uptime24h).toBe(1);

    api.version = '1.1.0';
    clock.advance(10_000);
    await engine.invoke('environments.checkNow', { environmentId: envs.api!.id });
    const history = await engine.invoke('environments.history', {
      environmentId: envs.api!.id,
      range: '24h',
    });
    expect(history.versions.map((v) => [v.version, v.previousVersion])).toEqual([
      ['1.1.0', '1.0.0'],
      ['1.0.0', null],
    ]);

    api.healthy = false;
    clock.advance(10_000);
    const first = await engine.invoke('environments.checkNow', { environmentId: envs.api!.id });
    expect(first).toMatchObject({ state: 'down', statusCode: 503, errorClass: 'http_status' });
    expect((await byName()).api!.state).toBe('up'); // flap damping: one failure is not down yet
    clock.advance(10_000);
    await engine.invoke('environments.checkNow', { environmentId: envs.api!.id });
    envs = await byName();
    expect(envs.api!.state).toBe('down');
    expect(envs.api!.openIncidentId).not.toBeNull();
    expect(alerts.map((a) => [a.environment, a.kind])).toEqual([['api', 'down']]);
    expect(alerts[0]).toMatchObject({ projectId: expect.any(Number) as number, owners: ['ops@example.com'] });

    const incident = await engine.invoke('incidents.acknowledge', { incidentId: envs.api!.openIncidentId! });
    expect(incident.acknowledgedBy).toBeTruthy();

    api.healthy = true;
    clock.advance(10_000);
    await engine.invoke('environments.checkNow', { environmentId: envs.api!.id });
    envs = await byName();
    expect(envs.api).toMatchObject({ state: 'up', openIncidentId: null });
    expect(alerts.map((a) => a.kind)).toEqual(['down', 'recovered']);
    const [closed] = await engine.invoke('incidents.list', { environmentId: envs.api!.id });
    expect(closed).toMatchObject({
      closedAt: expect.any(Number) as number,
      firstError: expect.stringContaining('503') as string,
    });
  });

  it('keeps dependants of a down environment quiet: "down because db is down", no incident, no alert', async () => {
    const db = await service('15.0');
    const api = await service('1.0.0');
    const { engine, clock, alerts, byName } = await setup(db, api);
    const ids = await byName();
    await engine.invoke('environments.checkNow', { environmentId: ids.db!.id });
    await engine.invoke('environments.checkNow', { environmentId: ids.api!.id });
    await db.close();
    clock.advance(10_000);
    await engine.invoke('environments.checkNow', { environmentId: ids.db!.id });
    expect((await byName()).db!.state).toBe('down');
    api.healthy = false;
    for (let i = 0; i < 3; i++) {
      clock.advance(10_000);
      await engine.invoke('environments.checkNow', { environmentId: ids.api!.id });
    }
    const envs = await byName();
    expect(envs.api).toMatchObject({ state: 'down', openIncidentId: null });
    expect(envs.api!.cause).toMatch(/db is down/);
    expect(alerts.map((a) => a.environment)).toEqual(['db']);
    expect(alerts[0]!.owners).toEqual(['dba@example.com']); // the environment's own owners first
  });

  it('opens an incident but sends no notification for an environment that was never up', async () => {
    const db = await service('15.0');
    const api = await service('1.0.0');
    const { engine, alerts, byName } = await setup(db, api);
    const ids = await byName();
    await db.close();
    await engine.invoke('environments.checkNow', { environmentId: ids.db!.id });
    expect((await byName()).db).toMatchObject({
      state: 'down',
      openIncidentId: expect.any(Number) as number,
    });
    expect(alerts).toEqual([]);
  });

  it('shows old results as stale, and paused environments as paused', async () => {
    const db = await service('15.0');
    const api = await service('1.0.0');
    const { engine, clock, byName } = await setup(db, api);
    const ids = await byName();
    await engine.invoke('environments.checkNow', { environmentId: ids.api!.id });
    clock.advance(25_000); // more than twice the 10 s interval
    expect((await byName()).api!.state).toBe('stale');
    await engine.invoke('environments.pause', { environmentId: ids.api!.id });
    expect((await byName()).api!.state).toBe('paused');
    await engine.invoke('environments.resume', { environmentId: ids.api!.id });
    expect((await byName()).api!.state).toBe('stale');
  });

  it('keeps the raw last response and recent results', async () => {
    const db = await service('15.0');
    const api = await service('2.0.0');
    const { engine, byName } = await setup(db, api);
    const ids = await byName();
    await engine.invoke('environments.checkNow', { environmentId: ids.api!.id });
    const detail = await engine.invoke('environments.get', { environmentId: ids.api!.id });
    expect(detail.lastResponse).toMatchObject({
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
    expect(detail.lastResponse!.bodyPreview).toContain('"status":"ok"');
    expect(detail.recentResults).toHaveLength(1);
    expect(detail.dependsOn).toEqual(['db']);
  });
});
