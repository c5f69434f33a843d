// The tray's model: the worst production state decides the icon, and the menu lists what matters.
import { describe, expect, it } from 'vitest';
import type { EnvironmentSummary } from '../../shared/domain/environment.ts';
import type { RunSummary } from '../../shared/domain/run.ts';
import { isAppRoute } from '../../shared/engine-port.ts';
import { trayModel } from './tray-model.ts';

let nextId = 1;
function env(
  projectName: string,
  name: string,
  tier: EnvironmentSummary['tier'],
  state: EnvironmentSummary['state'],
  version: string | null = '1.0.0',
): EnvironmentSummary {
  return {
    id: nextId++,
    projectId: 1,
    projectName,
    name,
    tier,
    url: 'http://127.0.0.1',
    state,
    cause: null,
    intervalMs: 30_000,
    lastCheckedAt: 1,
    nextCheckAt: null,
    overdue: false,
    latencyMs: 10,
    latencySeries: [],
    version,
    monitoredSince: 1,
    uptime24h: 1,
    uptime30d: 1,
    certDaysLeft: null,
    openIncidentId: null,
    inMaintenance: false,
    lastError: null,
  };
}
const run = (id: number, status: RunSummary['status']): RunSummary => ({
  id,
  projectId: 1,
  pipeline: 'ci',
  source: { kind: 'cockpit', file: 'cockpit.yml', contentHash: null },
  status,
  trigger: 'manual',
  params: {},
  git: null,
  actor: 'me',
  queuedAt: 1,
  startedAt: 1,
  finishedAt: 2,
  rerunOf: null,
});

describe('tray model', () => {
  it('is up when every production environment is up, whatever staging does', () => {
    const model = trayModel(
      [env('shop', 'production', 'production', 'up'), env('shop', 'staging', 'staging', 'down')],
      [],
    );
    expect(model.state).toBe('up');
    expect(model.tooltip).toBe('Release Cockpit — production up (1)');
  });

  it('takes the worst production state: down (or stale) beats degraded', () => {
    const degraded = trayModel(
      [env('a', 'production', 'production', 'degraded'), env('b', 'production', 'production', 'up')],
      [],
    );
    expect(degraded.state).toBe('degraded');
    const down = trayModel(
      [
        env('a', 'production', 'production', 'degraded'),
        env('b', 'production', 'production', 'down'),
        env('c', 'prod', 'production', 'stale'),
      ],
      [],
    );
    expect(down.state).toBe('down');
    expect(down.tooltip).toBe('Release Cockpit — b production, c prod are down');
  });

  it('is unknown with no production environment, or none checked yet; paused ones do not count', () => {
    expect(trayModel([], []).state).toBe('unknown');
    expect(trayModel([env('a', 'production', 'production', 'unknown')], []).state).toBe('unknown');
    expect(
      trayModel(
        [env('a', 'production', 'production', 'paused'), env('b', 'production', 'production', 'up')],
        [],
      ).state,
    ).toBe('up');
  });

  it('lists production first and recent runs, each opening an app route', () => {
    const model = trayModel(
      [
        env('shop', 'staging', 'staging', 'up', null),
        env('shop', 'production', 'production', 'down', '1.2.0'),
      ],
      [run(7, 'timed_out'), run(6, 'success')],
    );
    expect(model.environments.map((item) => item.label)).toEqual([
      '○ shop · production — down · 1.2.0',
      '● shop · staging — up',
    ]);
    expect(model.runs.map((item) => item.label)).toEqual(['#7 ci — timed out', '#6 ci — success']);
    for (const item of [...model.environments, ...model.runs]) expect(isAppRoute(item.route)).toBe(true);
  });

  it('routes from main are only the app’s own hash routes', () => {
    expect(isAppRoute('#/runs/42')).toBe(true);
    expect(isAppRoute('#/pipelines?project=3')).toBe(true);
    expect(isAppRoute('https://evil.example')).toBe(false);
    expect(isAppRoute('#/runs/42"><img>')).toBe(false);
    expect(isAppRoute(42)).toBe(false);
  });
});
