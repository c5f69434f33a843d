import { afterEach, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../../shared/domain/environment.ts';
import { CockpitError } from '../../../../shared/errors.ts';
import { cleanupFixtures } from '../../../testing/fixtures.ts';
import { createEnvironmentsRepo } from './environments-repo.ts';
import { rollUp } from './rollups.ts';
import { closeTestDatabases, testDatabase } from '../../../testing/environment-db.ts';

afterEach(async () => {
  closeTestDatabases();
  await cleanupFixtures();
});

function check(at: number, state: CheckResult['state'] = 'up', latencyMs: number | null = 42): CheckResult {
  return {
    at,
    state,
    statusCode: state === 'down' ? 503 : 200,
    latencyMs,
    errorClass: state === 'down' ? 'http_status' : null,
    error: state === 'down' ? 'status 503' : null,
    version: '1.2.3',
    certExpiresAt: 9_000_000,
  };
}

const count = (db: ReturnType<typeof testDatabase>['db'], table: string) =>
  db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();

describe('environments repo', () => {
  it('sync inserts missing environments, keeps ids, and retires removed ones with their history', () => {
    const { db, projectId } = testDatabase();
    const repo = createEnvironmentsRepo(db);
    const first = repo.sync(projectId, ['dev', 'staging', 'production'], 0);
    expect([...first.keys()].sort()).toEqual(['dev', 'production', 'staging']);
    expect(repo.row(first.get('dev')!)).toMatchObject({
      name: 'dev',
      state: 'unknown',
      paused: 0,
      failures: 0,
    });

    const staging = first.get('staging')!;
    repo.insertResult(staging, { ...check(1), inMaintenance: false });
    repo.openIncident(staging, 1, 'boom', 'timeout');
    repo.observedDeployment(staging, '2.0.0', null, 1);
    rollUp(db, { now: 1 });

    // A branch without staging, a rename, a half-saved file: staging's history must survive.
    const second = repo.sync(projectId, ['dev', 'production', 'qa'], 10);
    expect(second.get('dev')).toBe(first.get('dev'));
    expect(second.has('staging')).toBe(false);
    expect(repo.row(staging)).toMatchObject({ name: 'staging', retired_at: 10 });
    for (const table of ['check_results', 'rollups', 'incidents', 'observed_deployments'])
      expect(count(db, table)).toBeGreaterThan(0);

    // It comes back with the same id and history.
    expect(repo.sync(projectId, ['dev', 'production', 'qa', 'staging'], 20).get('staging')).toBe(staging);
    expect(repo.row(staging)).toMatchObject({ retired_at: null });

    // Only a year after retirement is it purged, with its rows.
    repo.sync(projectId, ['dev', 'production', 'qa'], 30);
    repo.sync(projectId, ['dev', 'production', 'qa'], 30 + 366 * 24 * 60 * 60 * 1000);
    expect(repo.row(staging)).toBeUndefined();
    for (const table of ['check_results', 'rollups', 'incidents', 'observed_deployments'])
      expect(count(db, table)).toBe(0);
  });

  it('keeps the tiers it is given on new and existing rows', () => {
    const { db, projectId } = testDatabase();
    const repo = createEnvironmentsRepo(db);
    const ids = repo.sync(projectId, ['web', 'db'], 0, new Map([['web', 'staging']]));
    expect(repo.row(ids.get('web')!)?.tier).toBe('staging');
    expect(repo.row(ids.get('db')!)?.tier).toBeNull();
    repo.sync(
      projectId,
      ['web', 'db'],
      1,
      new Map([
        ['web', 'production'],
        ['db', 'other'],
      ]),
    );
    expect(repo.row(ids.get('web')!)?.tier).toBe('production');
    expect(repo.row(ids.get('db')!)?.tier).toBe('other');
  });

  it('round-trips paused and saved state', () => {
    const { db, projectId } = testDatabase();
    const repo = createEnvironmentsRepo(db);
    const id = repo.sync(projectId, ['prod'], 0).get('prod')!;
    repo.setPaused(id, true);
    expect(repo.row(id)!.paused).toBe(1);
    repo.setPaused(id, false);
    const response = { status: 200, headers: { 'content-type': 'text/plain' }, bodyPreview: 'ok' };
    repo.saveState(id, {
      state: 'down',
      cause: 'db',
      failures: 3,
      notifiedState: 'down',
      lastCheckedAt: 1000,
      lastVersion: '1.0.0',
      lastResponse: response,
    });
    expect(repo.row(id)).toEqual({
      id,
      project_id: projectId,
      name: 'prod',
      paused: 0,
      state: 'down',
      cause: 'db',
      failures: 3,
      notified_state: 'down',
      last_checked_at: 1000,
      last_version: '1.0.0',
      last_response: JSON.stringify(response),
      retired_at: null,
      tier: null, // set by the monitor from cockpit.yml, not by saveState
    });
    repo.saveState(id, {
      state: 'up',
      cause: null,
      failures: 0,
      notifiedState: null,
      lastCheckedAt: 2000,
      lastVersion: null,
      lastResponse: '{"status":1}',
    });
    expect(repo.row(id)).toMatchObject({ last_response: '{"status":1}', last_checked_at: 2000 });
  });

  it('stores results and reads recent ones newest first, latencies oldest first with null for down', () => {
    const { db, projectId } = testDatabase();
    const repo = createEnvironmentsRepo(db);
    const id = repo.sync(projectId, ['prod'], 0).get('prod')!;
    repo.insertResult(id, { ...check(1000, 'up', 10), inMaintenance: false });
    repo.insertResult(id, { ...check(2000, 'down', 30), inMaintenance: false });
    repo.insertResult(id, { ...check(3000, 'degraded', 900), inMaintenance: true });
    repo.insertResult(id, { ...check(4000, 'up', null), inMaintenance: false });
    expect(repo.recentResults(id, 2)).toEqual([check(4000, 'up', null), check(3000, 'degraded', 900)]);
    expect(repo.latencySeries(id, 3)).toEqual([null, 900, null]);
    expect(repo.latencySeries(id, 10)).toEqual([10, null, 900, null]);
    expect(db.prepare('SELECT in_maintenance FROM check_results ORDER BY at').pluck().all()).toEqual([
      0, 0, 1, 0,
    ]);
  });

  it('never reuses a result id that the rollups have already counted', () => {
    const { db, projectId } = testDatabase();
    const repo = createEnvironmentsRepo(db);
    const ids = repo.sync(projectId, ['a', 'b'], 0);
    repo.insertResult(ids.get('a')!, { ...check(1), inMaintenance: false });
    const newest = repo.insertResult(ids.get('b')!, { ...check(2), inMaintenance: false });
    rollUp(db, { now: 2 });
    repo.sync(projectId, ['a'], 0);
    repo.sync(projectId, ['a'], 400 * 24 * 60 * 60 * 1000); // purges b's rows, the newest ids
    const next = repo.insertResult(ids.get('a')!, { ...check(3), inMaintenance: false });
    expect(next).toBeGreaterThan(newest);
    expect(rollUp(db, { now: 3 }).rowsRolled).toBe(1);
  });

  it('opens one incident at a time, closes it, and keeps the first acknowledgement', () => {
    const { db, projectId } = testDatabase();
    const repo = createEnvironmentsRepo(db);
    const ids = repo.sync(projectId, ['staging', 'prod'], 0);
    const prod = ids.get('prod')!;
    const staging = ids.get('staging')!;
    expect(repo.openIncidentId(prod)).toBeNull();
    const first = repo.openIncident(prod, 100, 'timeout after 10 s', 'timeout');
    expect(repo.openIncident(prod, 150, 'again', 'timeout')).toBe(first);
    expect(repo.openIncidentId(prod)).toBe(first);
    expect(repo.closeIncident(prod, 200)).toBe(true);
    expect(repo.closeIncident(prod, 250)).toBe(false);
    expect(repo.openIncidentId(prod)).toBeNull();
    const second = repo.openIncident(prod, 300, 'status 503', 'http_status');
    const other = repo.openIncident(staging, 400, 'dns', null);

    const acked = repo.acknowledge(second, 'ana', 310);
    expect(acked).toEqual({
      id: second,
      environmentId: prod,
      environment: 'prod',
      projectId,
      openedAt: 300,
      closedAt: null,
      firstError: 'status 503',
      errorClass: 'http_status',
      acknowledgedBy: 'ana',
      acknowledgedAt: 310,
    });
    expect(repo.acknowledge(second, 'bob', 320)).toEqual(acked);
    expect(() => repo.acknowledge(9999, 'ana', 1)).toThrow(CockpitError);

    expect(repo.incidents({ limit: 10 }).map((i) => i.id)).toEqual([other, second, first]);
    expect(repo.incidents({ limit: 2 }).map((i) => i.id)).toEqual([other, second]);
    expect(repo.incidents({ environmentId: prod, limit: 10 }).map((i) => i.id)).toEqual([second, first]);
    expect(repo.incidents({ open: true, limit: 10 }).map((i) => i.id)).toEqual([other, second]);
    expect(repo.incidents({ open: false, limit: 10 }).map((i) => i.id)).toEqual([first]);
    expect(repo.incidents({ projectId, open: false, limit: 10 })[0]).toMatchObject({
      closedAt: 200,
      environment: 'prod',
    });
    expect(repo.incidents({ projectId: projectId + 1, limit: 10 })).toEqual([]);
  });

  it('records observed deployments and lists versions since a time, newest first', () => {
    const { db, projectId } = testDatabase();
    const repo = createEnvironmentsRepo(db);
    const id = repo.sync(projectId, ['prod'], 0).get('prod')!;
    repo.observedDeployment(id, '1.0.0', null, 100);
    repo.observedDeployment(id, '1.1.0', '1.0.0', 200);
    repo.observedDeployment(id, '1.2.0', '1.1.0', 300);
    expect(repo.versions(id, 150)).toEqual([
      { version: '1.2.0', previousVersion: '1.1.0', seenAt: 300 },
      { version: '1.1.0', previousVersion: '1.0.0', seenAt: 200 },
    ]);
  });

  it('merges monitor sessions into coverage intervals clipped to the range', () => {
    const { db } = testDatabase();
    const repo = createEnvironmentsRepo(db);
    const a = repo.startSession(0, 1);
    repo.beat(a, 100);
    repo.beat(a, 90); // a late beat never moves the heartbeat back
    const b = repo.startSession(50, 2); // overlaps a (two processes)
    repo.beat(b, 150);
    const c = repo.startSession(200, 3);
    repo.beat(c, 300);
    const d = repo.startSession(305, 4);
    repo.beat(d, 400);
    repo.startSession(500, 5); // started, never beat: no coverage yet
    expect(repo.coverage(0, 1000)).toEqual([
      [0, 150],
      [200, 300],
      [305, 400],
    ]);
    expect(repo.coverage(0, 1000, 10)).toEqual([
      [0, 150],
      [200, 400],
    ]);
    expect(repo.coverage(120, 250)).toEqual([
      [120, 150],
      [200, 250],
    ]);
    expect(repo.coverage(160, 190)).toEqual([]);
  });
});
