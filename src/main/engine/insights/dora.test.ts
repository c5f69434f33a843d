import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures } from '../../testing/fixtures.ts';
import { closeHistories, historyDb } from '../../testing/insights-history.ts';
import { DAY, HOUR, MINUTE } from './stats.ts';

afterEach(async () => {
  closeHistories();
  await cleanupFixtures();
});

const NOW = Date.UTC(2026, 5, 15, 12, 0, 0);

/** A project with a production and a staging environment. */
function shop() {
  const h = historyDb(NOW);
  const projectId = h.project('shop');
  const production = h.environment(projectId, 'production', 'production');
  const staging = h.environment(projectId, 'staging', 'staging');
  return { h, projectId, production, staging };
}

describe('lead time for changes', () => {
  it('is measured per commit at its first production deploy: median and p90 by nearest rank', () => {
    const { h, projectId } = shop();
    const d0 = NOW - 9 * DAY;
    h.deploy(projectId, {
      environment: 'production',
      finishedAt: d0,
      commits: [{ sha: 'z', committedAt: d0 - HOUR }],
    });
    const d1 = NOW - 6 * DAY;
    h.deploy(projectId, {
      environment: 'production',
      finishedAt: d1,
      commits: [
        { sha: 'a', committedAt: d1 - 30 * MINUTE },
        { sha: 'b', committedAt: d1 - 2 * HOUR },
        { sha: 'z', committedAt: d0 - HOUR }, // shipped again after a rollback: its first deploy was d0
      ],
    });
    const d2 = NOW - 4 * DAY;
    h.deploy(projectId, {
      environment: 'production',
      finishedAt: d2,
      commits: [{ sha: 'c', committedAt: d2 - 3 * HOUR }],
    });
    h.deploy(projectId, { environment: 'production', finishedAt: NOW - 2 * DAY }); // a redeploy: no commits
    const d4 = NOW - DAY;
    h.deploy(projectId, {
      environment: 'production',
      finishedAt: d4,
      commits: [
        { sha: 'd', committedAt: d4 - 10 * MINUTE },
        { sha: 'e', committedAt: d4 - 2 * DAY },
        { sha: 'f', committedAt: d4 - 5 * HOUR },
      ],
    });
    // Staging shipped 'c' first and a commit of its own: neither counts for production.
    h.deploy(projectId, {
      environment: 'staging',
      tier: 'staging',
      finishedAt: d2 - 2 * HOUR,
      commits: [{ sha: 'c', committedAt: d2 - 3 * HOUR }],
    });
    h.deploy(projectId, {
      environment: 'staging',
      tier: 'staging',
      finishedAt: NOW - HOUR,
      commits: [{ sha: 'g', committedAt: NOW - 2 * HOUR }],
    });
    // A failed production deploy does not ship anything.
    h.deploy(projectId, {
      environment: 'production',
      status: 'failed',
      finishedAt: NOW - 3 * DAY,
      commits: [{ sha: 'h', committedAt: NOW - 4 * DAY }],
    });

    const summary = h.insights.dora({ range: '7d' });
    // Lead times: 10m, 30m, 2h, 3h, 5h, 2d → median = 3rd = 2h, p90 = 6th = 2d.
    expect(summary.keys.leadTime).toEqual({ samples: 6, medianMs: 2 * HOUR, p90Ms: 2 * DAY, band: 'high' });
    expect(summary.leadTimeDistribution).toEqual([
      { label: '< 1 hour', upToMs: HOUR, commits: 2 },
      { label: '< 1 day', upToMs: DAY, commits: 3 },
      { label: '< 1 week', upToMs: 7 * DAY, commits: 1 },
      { label: '< 1 month', upToMs: 30 * DAY, commits: 0 },
      { label: '≥ 1 month', upToMs: null, commits: 0 },
    ]);
    // The previous week holds d0 with 'z' (1 hour): not under an hour, so high.
    expect(summary.previousKeys.leadTime).toEqual({ samples: 1, medianMs: HOUR, p90Ms: HOUR, band: 'high' });
    // Series by day: d1 (day 0), d2 (day 2), d4 (day 5).
    expect(summary.series.map((p) => p.leadTimeMedianMs)).toEqual([
      30 * MINUTE,
      null,
      3 * HOUR,
      null,
      null,
      5 * HOUR,
      null,
    ]);
  });

  it('skips commits first deployed to production long before, however old they are', () => {
    const { h, projectId } = shop();
    const old = NOW - 40 * DAY; // before both the window and the previous one
    h.deploy(projectId, {
      environment: 'production',
      finishedAt: old,
      commits: [{ sha: 'x', committedAt: old - DAY }],
    });
    h.deploy(projectId, {
      environment: 'staging',
      tier: 'staging',
      finishedAt: old,
      commits: [{ sha: 'y', committedAt: old - DAY }],
    });
    h.deploy(projectId, {
      environment: 'production',
      finishedAt: NOW - DAY,
      commits: [
        { sha: 'x', committedAt: old - DAY }, // shipped again after a rollback
        { sha: 'y', committedAt: old - DAY }, // only ever in staging before: its first production deploy
      ],
    });
    expect(h.insights.dora({ range: '7d' }).keys.leadTime).toMatchObject({ samples: 1, medianMs: 40 * DAY });
    // In a staging view, 'y' had shipped long ago and 'x' never: the other way round.
    expect(h.insights.dora({ range: '7d', environment: 'staging' }).keys.leadTime.samples).toBe(0);
    expect(h.insights.dora({ range: '90d', environment: 'staging' }).keys.leadTime).toMatchObject({
      samples: 1,
      medianMs: DAY,
    });
  });

  it('counts a commit deployed faster than an hour as elite, and never negative', () => {
    const { h, projectId } = shop();
    h.deploy(projectId, {
      environment: 'production',
      finishedAt: NOW - HOUR,
      commits: [
        { sha: 'a', committedAt: NOW - HOUR - 59 * MINUTE },
        { sha: 'b', committedAt: NOW }, // clock skew: after the deploy
      ],
    });
    expect(h.insights.dora({ range: '7d' }).keys.leadTime).toEqual({
      samples: 2,
      medianMs: 0,
      p90Ms: 59 * MINUTE,
      band: 'elite',
    });
  });
});

describe('deployment frequency', () => {
  it('counts successful deploys by finish time, deploy days in UTC, and bands them', () => {
    const { h, projectId } = shop();
    const at = (ms: number, extra: object = {}) =>
      h.deploy(projectId, { environment: 'production', finishedAt: NOW - ms, ...extra });
    at(0); // exactly now: inside
    at(HOUR); // same UTC day as now
    at(2 * DAY, { verification: 'not_verified' });
    at(6 * DAY);
    at(7 * DAY); // exactly the window start: previous window
    at(3 * DAY, { status: 'failed' });
    at(4 * DAY, { status: 'cancelled' });
    const f = h.insights.dora({ range: '7d' }).keys.deploymentFrequency;
    expect(f).toEqual({ deploys: 4, perDay: 4 / 7, perWeek: 4, deployDays: 3, band: 'elite' });
  });

  it('is high with one deploy a week, medium with one a month, low below that or with none', () => {
    const { h, projectId } = shop();
    expect(h.insights.dora({ range: '7d' }).keys.deploymentFrequency).toEqual({
      deploys: 0,
      perDay: 0,
      perWeek: 0,
      deployDays: 0,
      band: 'low',
    });
    h.deploy(projectId, { environment: 'production', finishedAt: NOW - DAY });
    h.deploy(projectId, { environment: 'production', finishedAt: NOW - 2 * DAY });
    expect(h.insights.dora({ range: '7d' }).keys.deploymentFrequency.band).toBe('high'); // 2 days < 3
    expect(h.insights.dora({ range: '90d' }).keys.deploymentFrequency.band).toBe('low'); // 2 in 90 days
    h.deploy(projectId, { environment: 'production', finishedAt: NOW - 80 * DAY });
    const ninety = h.insights.dora({ range: '90d' }).keys.deploymentFrequency;
    expect(ninety).toMatchObject({ deploys: 3, deployDays: 3, band: 'medium' }); // 3 in 90 days = 1 a month
    expect(ninety.perWeek).toBeCloseTo(3 / (90 / 7), 12);
  });

  it('is elite on a median of three deploy days a week over the whole weeks of the window', () => {
    const { h, projectId } = shop();
    // 30 days = 4 whole weeks counted back from now (+ 2 older days). Three weeks with 3 deploy days,
    // one with none → sorted [0, 3, 3, 3], lower median 3 → elite.
    for (const week of [0, 1, 3]) {
      for (const day of [0, 2, 4]) {
        h.deploy(projectId, {
          environment: 'production',
          finishedAt: NOW - week * 7 * DAY - day * DAY - HOUR,
        });
      }
    }
    expect(h.insights.dora({ range: '30d' }).keys.deploymentFrequency).toMatchObject({
      deploys: 9,
      deployDays: 9,
      band: 'elite',
    });
    // One busy week in four is not elite: [0, 0, 0, 3] → 0; 3 deploys in 30 days is monthly or better.
    const other = historyDb(NOW);
    const p = other.project('blog');
    for (const day of [0, 2, 4])
      other.deploy(p, { environment: 'production', finishedAt: NOW - day * DAY - HOUR });
    expect(other.insights.dora({ range: '30d' }).keys.deploymentFrequency.band).toBe('medium');
  });
});

describe('change failure rate', () => {
  it('marks the latest deploy before an incident, rollback or fix within the window as failed', () => {
    const { h, projectId, production, staging } = shop();
    const other = h.project('blog');
    const otherProduction = h.environment(other, 'production', 'production');
    const deploy = (finishedAt: number, extra: object = {}) =>
      h.deploy(projectId, { environment: 'production', finishedAt, ...extra });

    const a = NOW - 6 * DAY;
    deploy(a);
    h.incident(production, a + 2 * HOUR, a + 3 * HOUR); // → a failed
    const b = NOW - 5 * DAY;
    deploy(b);
    h.incident(production, b + 25 * HOUR, b + 26 * HOUR); // 25 h later: outside the 24 h window
    const c = NOW - 3 * DAY;
    deploy(c);
    deploy(c + HOUR + 10 * MINUTE, { kind: 'rollback', requestedAt: c + HOUR }); // → c failed; itself a deploy
    const d = NOW - 2 * DAY;
    deploy(d);
    deploy(d + 3 * HOUR + 10 * MINUTE, { isFix: true, requestedAt: d + 3 * HOUR }); // → d failed
    const g = NOW - DAY;
    deploy(g);
    h.incident(staging, g + HOUR, g + 2 * HOUR); // another environment
    h.incident(otherProduction, g + HOUR, g + 2 * HOUR); // another project
    const e = NOW - 20 * HOUR;
    deploy(e);
    const f = NOW - 18 * HOUR;
    deploy(f);
    h.incident(production, NOW - 17 * HOUR, null); // → f failed (the latest before it), not e

    const cfr = h.insights.dora({ range: '7d' }).keys.changeFailureRate;
    // Deploys: a, b, c, rollback, d, fix, g, e, f = 9; failed: a, c, d, f.
    expect(cfr).toEqual({ deploys: 9, failures: 4, rate: 4 / 9, band: 'medium' });
    // Days are (now − 7d, now − 6d], …, (now − 1d, now].
    expect(h.insights.dora({ range: '7d' }).series.map((p) => [p.deploys, p.failures])).toEqual([
      [1, 1], // a
      [1, 0], // b
      [0, 0],
      [1, 1], // c
      [2, 1], // the rollback, d
      [2, 0], // the fix, g
      [2, 1], // e, f
    ]);
  });

  it('blames a rollback on the deploy it replaces, never on the rollback itself', () => {
    const { h, projectId } = shop();
    const deploy = (finishedAt: number, extra: object = {}) =>
      h.deploy(projectId, { environment: 'production', finishedAt, ...extra });
    deploy(NOW - 36 * HOUR); // #1
    deploy(NOW - 36 * HOUR + 10 * MINUTE); // #2, bad
    // #3 rolls back to #1; it starts the moment it is requested, like a real one.
    deploy(NOW - 20 * HOUR + 10 * MINUTE, { kind: 'rollback', requestedAt: NOW - 20 * HOUR });
    const dora = h.insights.dora({ range: '7d' });
    expect(dora.keys.changeFailureRate).toEqual({ deploys: 3, failures: 1, rate: 1 / 3, band: 'medium' });
    expect(dora.series.slice(-2).map((p) => [p.deploys, p.failures])).toEqual([
      [2, 1], // #1, #2 (failed)
      [1, 0], // #3, the rollback
    ]);
  });

  it('counts an incident that opened while the deploy was running against that deploy', () => {
    const { h, projectId, production } = shop();
    h.deploy(projectId, { environment: 'production', finishedAt: NOW - 3 * DAY });
    const started = NOW - DAY - 30 * MINUTE;
    h.deploy(projectId, {
      environment: 'production',
      requestedAt: started - MINUTE,
      startedAt: started,
      finishedAt: NOW - DAY,
    });
    h.incident(production, started + 5 * MINUTE, started + 10 * MINUTE);
    const keys = h.insights.dora({ range: '7d' }).keys.changeFailureRate;
    expect(keys).toEqual({ deploys: 2, failures: 1, rate: 0.5, band: 'low' });
  });

  it('is null without deploys, and a rollback with no deploy before it marks nothing', () => {
    const { h, projectId, production } = shop();
    h.incident(production, NOW - DAY, NOW - DAY + HOUR);
    expect(h.insights.dora({ range: '7d' }).keys.changeFailureRate).toEqual({
      deploys: 0,
      failures: 0,
      rate: null,
      band: null,
    });
    h.deploy(projectId, { environment: 'production', kind: 'rollback', finishedAt: NOW - HOUR });
    expect(h.insights.dora({ range: '7d' }).keys.changeFailureRate).toEqual({
      deploys: 1,
      failures: 0,
      rate: 0,
      band: 'elite',
    });
  });

  it('uses the configured window', () => {
    const h = historyDb(NOW, 2 * HOUR);
    const projectId = h.project('shop');
    const production = h.environment(projectId, 'production', 'production');
    h.deploy(projectId, { environment: 'production', finishedAt: NOW - DAY });
    h.incident(production, NOW - DAY + 3 * HOUR, null);
    expect(h.insights.dora({ range: '7d' }).keys.changeFailureRate.failures).toBe(0);
    h.deploy(projectId, { environment: 'production', finishedAt: NOW - 2 * DAY });
    h.incident(production, NOW - 2 * DAY + 2 * HOUR, NOW - DAY - HOUR); // exactly 2 h: inside
    expect(h.insights.dora({ range: '7d' }).keys.changeFailureRate.failures).toBe(1);
  });
});

describe('rollbacks after a failed deployment', () => {
  it('count the failed deployment as a change failure — also a rollback made as a deploy of the old version', () => {
    const { h, projectId, production } = shop();
    const deploy = (finishedAt: number, extra: object = {}) =>
      h.deploy(projectId, { environment: 'production', finishedAt, ...extra });
    // 1. v1 runs; v2's deploy pipeline fails half-way and breaks production; a rollback restores v1.
    const good = NOW - 5 * DAY;
    deploy(good, { commit: 'c1' });
    const broken = NOW - 4 * DAY;
    deploy(broken, { commit: 'c2', status: 'failed' });
    deploy(broken + 20 * MINUTE, { kind: 'rollback', commit: 'c1', requestedAt: broken + 10 * MINUTE });
    h.check(production, broken + 25 * MINUTE, 'down');
    h.check(production, broken + 30 * MINUTE, 'up'); // healthy again 30 min after the bad deploy
    // 2. v3 succeeds but is bad; production is rolled back by deploying v1's commit again with an override.
    const bad = NOW - 2 * DAY;
    deploy(bad, { commit: 'c3' });
    deploy(bad + HOUR, { commit: 'c1', requestedAt: bad + 50 * MINUTE });
    h.check(production, bad + 2 * HOUR, 'up');
    // 3. A failed deployment nobody rolled back (it failed before touching anything) is no change.
    deploy(NOW - DAY, { commit: 'c4', status: 'failed' });

    const keys = h.insights.dora({ range: '7d' }).keys;
    // Changes: good, broken (failed, rolled back), rollback, bad, redeploy of c1 = 5; failures: broken, bad.
    expect(keys.changeFailureRate).toEqual({ deploys: 5, failures: 2, rate: 2 / 5, band: 'medium' });
    expect(keys.deploymentFrequency.deploys).toBe(4); // the failed deployments are not deploys
    // Restored when production was healthy again after the rollback: 30 min, and 2 h.
    expect(keys.timeToRestore).toMatchObject({ samples: 2, medianMs: 30 * MINUTE, p90Ms: 2 * HOUR });
  });

  it('take the incident as the restore time when one covers the failure, and wait for health before counting', () => {
    const { h, projectId, production } = shop();
    const bad = NOW - 3 * DAY;
    h.deploy(projectId, { environment: 'production', finishedAt: bad - DAY, commit: 'c1' });
    h.deploy(projectId, { environment: 'production', finishedAt: bad, commit: 'c2' });
    h.incident(production, bad + 5 * MINUTE, bad + 45 * MINUTE);
    h.deploy(projectId, {
      environment: 'production',
      kind: 'rollback',
      commit: 'c1',
      finishedAt: bad + 30 * MINUTE,
      requestedAt: bad + 20 * MINUTE,
    });
    let keys = h.insights.dora({ range: '7d' }).keys;
    expect(keys.timeToRestore).toMatchObject({ samples: 1, medianMs: 40 * MINUTE }); // the incident only
    // A rollback whose environment has checks but none healthy yet: not restored, not counted.
    const later = NOW - DAY;
    h.deploy(projectId, { environment: 'production', finishedAt: later, commit: 'c5' });
    h.deploy(projectId, {
      environment: 'production',
      kind: 'rollback',
      commit: 'c1',
      finishedAt: later + 30 * MINUTE,
      requestedAt: later + 20 * MINUTE,
    });
    h.check(production, later + 40 * MINUTE, 'down');
    keys = h.insights.dora({ range: '7d' }).keys;
    expect(keys.changeFailureRate.failures).toBe(2);
    expect(keys.timeToRestore).toMatchObject({ samples: 1 });
    h.check(production, later + 90 * MINUTE, 'up');
    keys = h.insights.dora({ range: '7d' }).keys;
    expect(keys.timeToRestore).toMatchObject({ samples: 2, p90Ms: 90 * MINUTE });
  });
});

describe('time to restore', () => {
  it('takes incidents in production closed in the window, wherever they opened', () => {
    const { h, production, staging } = shop();
    h.incident(production, NOW - 8 * DAY, NOW - 6 * DAY); // opened before the window: 2 days
    h.incident(production, NOW - 3 * DAY, NOW - 3 * DAY + 30 * MINUTE);
    h.incident(production, NOW - 2 * DAY, NOW - 2 * DAY + 5 * HOUR);
    h.incident(production, NOW - HOUR, null); // still open: not counted
    h.incident(production, NOW - 9 * DAY, NOW - 7 * DAY - MINUTE); // previous window
    h.incident(staging, NOW - DAY, NOW - DAY + MINUTE); // not production
    const summary = h.insights.dora({ range: '7d' });
    // 30m, 5h, 2d → median 5h, p90 = 3rd = 2d.
    expect(summary.keys.timeToRestore).toEqual({
      samples: 3,
      medianMs: 5 * HOUR,
      p90Ms: 2 * DAY,
      band: 'high',
    });
    expect(summary.previousKeys.timeToRestore).toEqual({
      samples: 1,
      medianMs: 2 * DAY - MINUTE,
      p90Ms: 2 * DAY - MINUTE,
      band: 'medium',
    });
    expect(summary.series.map((p) => p.restoreMedianMs)).toEqual([
      2 * DAY,
      null,
      null,
      null,
      30 * MINUTE,
      5 * HOUR,
      null,
    ]);
    expect(h.insights.dora({ range: '7d', environment: 'staging' }).keys.timeToRestore.medianMs).toBe(MINUTE);
  });
});

describe('scope', () => {
  it('is production by tier (deployment, else environment, else the name), or one environment', () => {
    const h = historyDb(NOW);
    const shopId = h.project('shop');
    h.environment(shopId, 'production', 'production');
    h.environment(shopId, 'staging', 'staging');
    const blogId = h.project('blog');
    h.environment(blogId, 'production', null);
    h.environment(blogId, 'eu', 'production');
    h.environment(blogId, 'qa', null);
    const deploy = (projectId: number, environment: string, tier: string | null, days: number) =>
      h.deploy(projectId, { environment, tier, finishedAt: NOW - days * DAY });
    deploy(shopId, 'production', 'production', 1);
    deploy(shopId, 'production', 'production', 2);
    deploy(shopId, 'staging', 'staging', 1);
    deploy(shopId, 'staging', 'staging', 2);
    deploy(shopId, 'staging', 'staging', 3);
    deploy(blogId, 'production', null, 1); // by name
    deploy(blogId, 'eu', null, 2); // by the environment's tier
    deploy(blogId, 'canary', null, 3); // no environment row, not named production
    deploy(blogId, 'qa', null, 4);
    deploy(blogId, 'production', 'staging', 5); // the recorded tier wins over the name

    const deploys = (params: { projectId?: number; environment?: string }) =>
      h.insights.dora({ range: '7d', ...params }).keys.deploymentFrequency.deploys;
    const all = h.insights.dora({ range: '7d' });
    expect(all.keys.deploymentFrequency.deploys).toBe(4);
    expect(all.projectId).toBeNull();
    expect(all.environment).toBeNull();
    expect(all.byProject.map((p) => [p.name, p.keys.deploymentFrequency.deploys])).toEqual([
      ['blog', 2],
      ['shop', 2],
    ]);
    const one = h.insights.dora({ range: '7d', projectId: shopId });
    expect(one.keys.deploymentFrequency.deploys).toBe(2);
    expect(one.byProject).toEqual([]);
    expect(one.projectId).toBe(shopId);
    expect(deploys({ environment: 'staging' })).toBe(3);
    expect(deploys({ environment: 'staging', projectId: blogId })).toBe(0);
    expect(deploys({ environment: 'qa' })).toBe(1);
    expect(deploys({ environment: 'production' })).toBe(4); // by name, whatever the tier
  });
});

describe('windows and series', () => {
  it('reports the previous period and weekly buckets aligned to the end of a 30-day window', () => {
    const { h, projectId } = shop();
    for (const ms of [DAY, DAY + HOUR, 7 * DAY, 8 * DAY, 29 * DAY, 31 * DAY, 45 * DAY]) {
      h.deploy(projectId, { environment: 'production', finishedAt: NOW - ms });
    }
    const summary = h.insights.dora({ range: '30d' });
    expect(summary.current).toEqual({ from: NOW - 30 * DAY, to: NOW });
    expect(summary.previous).toEqual({ from: NOW - 60 * DAY, to: NOW - 30 * DAY });
    expect(summary.series.map((p) => [(NOW - p.start) / DAY, p.deploys])).toEqual([
      [30, 1], // the partial oldest bucket: (now − 30d, now − 28d]
      [28, 0],
      [21, 0],
      [14, 2], // now − 8d and exactly now − 7d
      [7, 2],
    ]);
    expect(summary.keys.deploymentFrequency).toMatchObject({ deploys: 5, deployDays: 4, band: 'high' });
    expect(summary.previousKeys.deploymentFrequency).toMatchObject({
      deploys: 2,
      deployDays: 2,
      band: 'medium',
    });
    expect(h.insights.dora({ range: '90d' }).series).toHaveLength(13);
    expect(h.insights.dora({ range: '90d' }).series[0]!.start).toBe(NOW - 90 * DAY);
  });

  it('answers an empty history with zeros, nulls and one entry per project', () => {
    const h = historyDb(NOW);
    const id = h.project('empty');
    const summary = h.insights.dora({ range: '7d' });
    const none = {
      deploymentFrequency: { deploys: 0, perDay: 0, perWeek: 0, deployDays: 0, band: 'low' },
      leadTime: { samples: 0, medianMs: null, p90Ms: null, band: null },
      changeFailureRate: { deploys: 0, failures: 0, rate: null, band: null },
      timeToRestore: { samples: 0, medianMs: null, p90Ms: null, band: null },
    };
    expect(summary.keys).toEqual(none);
    expect(summary.previousKeys).toEqual(none);
    expect(summary.byProject).toEqual([{ projectId: id, name: 'empty', keys: none }]);
    expect(summary.series).toEqual(
      Array.from({ length: 7 }, (_, i) => ({
        start: NOW - (7 - i) * DAY,
        deploys: 0,
        failures: 0,
        failureRate: 0, // an empty bucket is zeros, never missing
        leadTimeMedianMs: null,
        restoreMedianMs: null,
      })),
    );
    expect(summary.leadTimeDistribution.every((b) => b.commits === 0)).toBe(true);
  });
});
