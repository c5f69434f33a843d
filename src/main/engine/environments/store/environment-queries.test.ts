import { afterEach, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../../shared/domain/environment.ts';
import { cleanupFixtures } from '../../../testing/fixtures.ts';
import { dayGrade, history, monitoredSince, uptime } from './environment-queries.ts';
import { createEnvironmentsRepo } from './environments-repo.ts';
import { DAY, HOUR, MINUTE, prune, rollUp } from './rollups.ts';
import { checkResult, closeTestDatabases, testDatabase } from '../../../testing/environment-db.ts';

afterEach(async () => {
  closeTestDatabases();
  await cleanupFixtures();
});

const NOW = Date.UTC(2026, 5, 15, 12, 30, 0);

function setup() {
  const { db, projectId } = testDatabase();
  const repo = createEnvironmentsRepo(db);
  const id = repo.sync(projectId, ['prod'], 0).get('prod')!;
  const add = (
    at: number,
    state: CheckResult['state'],
    inMaintenance = false,
    latencyMs: number | null = 50,
  ) => repo.insertResult(id, { ...checkResult(at, state, latencyMs), inMaintenance });
  return { db, id, add };
}

describe('uptime', () => {
  it('is the share of up or degraded checks outside maintenance, null without checks', () => {
    const { db, id, add } = setup();
    expect(uptime(db, id, NOW - DAY, NOW)).toBeNull();
    // Every 5 minutes over the last 24 h: 288 checks; every 4th down; maintenance downs on top.
    for (let i = 1; i <= 288; i++)
      add(NOW - i * 5 * MINUTE, i % 4 === 0 ? 'down' : i % 4 === 1 ? 'degraded' : 'up');
    for (let i = 0; i < 50; i++) add(NOW - 3 * HOUR + 2 * MINUTE + i * 1000, 'down', true);
    add(NOW - 2 * DAY, 'down'); // outside the range
    const expected = 216 / 288;
    expect(uptime(db, id, NOW - DAY, NOW)).toBeCloseTo(expected, 12); // all raw, nothing rolled yet
    rollUp(db, { now: NOW, batchRows: 100 }); // part rolled, part raw
    expect(uptime(db, id, NOW - DAY, NOW)).toBeCloseTo(expected, 12);
    while (!rollUp(db, { now: NOW, batchRows: 100 }).done);
    expect(uptime(db, id, NOW - DAY, NOW)).toBeCloseTo(expected, 12); // hours + minute edges
    expect(uptime(db, id, NOW - 4 * HOUR, NOW - 2 * HOUR)).toBeCloseTo(18 / 25, 12); // both ends included
    expect(uptime(db, id, NOW - 3 * HOUR + 2 * MINUTE, NOW - 3 * HOUR + 3 * MINUTE - 1)).toBeNull(); // maintenance only
    expect(uptime(db, id, NOW - 3 * DAY, NOW)).toBeCloseTo(216 / 289, 12);
  });

  it('still counts checks whose raw rows were pruned', () => {
    const { db, id, add } = setup();
    for (let d = 1; d <= 60; d++) add(NOW - d * DAY, d % 10 === 0 ? 'down' : 'up');
    while (!rollUp(db, { now: NOW }).done);
    while (!prune(db, { now: NOW }).done);
    expect(db.prepare('SELECT count(*) FROM check_results').pluck().get()).toBe(14);
    expect(uptime(db, id, NOW - 90 * DAY, NOW)).toBeCloseTo(54 / 60, 12);
  });
});

describe('history', () => {
  it('gives hourly latency percentiles and daily uptime for 24h', () => {
    const { db, id, add } = setup();
    const hourStart = NOW - (NOW % HOUR);
    // In the hour two hours back: 90 checks at 20 ms-ish, 10 at 3 s.
    for (let i = 0; i < 90; i++) add(hourStart - 2 * HOUR + i * 20_000, 'up', false, 15);
    for (let i = 0; i < 10; i++) add(hourStart - 2 * HOUR + (90 + i) * 20_000, 'degraded', false, 3000);
    add(hourStart - 2 * HOUR + 30 * MINUTE, 'down', false, 99_999); // down: no latency sample
    add(NOW - 2 * DAY, 'up'); // before the range
    rollUp(db, { now: NOW, batchRows: 37 });

    const h = history(db, id, '24h', NOW);
    expect(h.range).toBe('24h');
    expect(h.latency).toHaveLength(24);
    expect(h.latency[23]!.start).toBe(hourStart);
    expect(h.latency[0]!.start).toBe(hourStart - 23 * HOUR);
    const busy = h.latency[21]!;
    expect(busy.start).toBe(hourStart - 2 * HOUR);
    expect(busy.p50).toBeGreaterThan(10);
    expect(busy.p50).toBeLessThanOrEqual(20);
    expect(busy.p95).toBeGreaterThan(2000);
    expect(busy.p95).toBeLessThanOrEqual(3000);
    expect(busy.p99).toBeLessThanOrEqual(3000);
    expect(h.latency.filter((b) => b.p50 !== null)).toHaveLength(1);

    const today = NOW - (NOW % DAY);
    expect(h.uptimeByDay.map((d) => d.day)).toEqual([today - DAY, today]);
    expect(h.uptimeByDay[0]).toEqual({ day: today - DAY, uptime: null, checks: 0, grade: 'none' });
    expect(h.uptimeByDay[1]).toEqual({ day: today, uptime: 100 / 101, checks: 101, grade: 'partial' });
    expect(h.uptime).toBeCloseTo(100 / 101, 12);
  });

  it('buckets 7d by 6 hours and 30d/90d by day, with no-data days as null', () => {
    const { db, id, add } = setup();
    for (let d = 0; d < 10; d++) if (d !== 4) add(NOW - d * DAY, d === 2 ? 'down' : 'up');
    while (!rollUp(db, { now: NOW }).done);
    const week = history(db, id, '7d', NOW);
    expect(week.latency).toHaveLength(28);
    expect(week.latency.every((b) => b.start % (6 * HOUR) === 0)).toBe(true);
    expect(week.uptimeByDay).toHaveLength(8);
    const quarter = history(db, id, '90d', NOW);
    expect(quarter.latency).toHaveLength(90);
    expect(quarter.uptimeByDay).toHaveLength(91);
    const days = quarter.uptimeByDay.slice(-10).map((d) => d.uptime);
    expect(days).toEqual([1, 1, 1, 1, 1, null, 1, 0, 1, 1]);
    expect(quarter.uptime).toBeCloseTo(8 / 9, 12);
    expect(history(db, id, '30d', NOW).latency.filter((b) => b.p50 !== null)).toHaveLength(8); // the down day has no latency
  });
});

describe('uptime from the first check', () => {
  it('counts only from when the environment was first checked: before is no data, not downtime', () => {
    const { db, id, add } = setup();
    expect(monitoredSince(db, id)).toBeNull();
    // Watched for the last hour only, every check up.
    for (let i = 0; i < 60; i++) add(NOW - HOUR + i * MINUTE, 'up');
    expect(monitoredSince(db, id)).toBe(NOW - HOUR);
    expect(uptime(db, id, NOW - DAY, NOW)).toBe(1);
    expect(uptime(db, id, NOW - 30 * DAY, NOW)).toBe(1);
    const days = history(db, id, '90d', NOW).uptimeByDay;
    expect(days.at(-1)).toMatchObject({ uptime: 1, grade: 'up', checks: 60 });
    expect(days.slice(0, -1).every((day) => day.uptime === null && day.grade === 'none')).toBe(true);
    while (!rollUp(db, { now: NOW + DAY, batchRows: 100 }).done);
    expect(monitoredSince(db, id)).toBe(NOW - HOUR); // rolled up, raw kept: still to the minute
    prune(db, { now: NOW + 30 * DAY, rawRetentionMs: DAY });
    // From the hour rollups once raw results and minute rollups are gone: to the hour.
    expect(monitoredSince(db, id)).toBe(NOW - HOUR - ((NOW - HOUR) % HOUR));
  });

  it('grades a day: all up, partial (amber, e.g. 94 %), down (under half), none', () => {
    expect([1, 0.94, 0.5, 0.49, 0, null].map(dayGrade)).toEqual([
      'up',
      'partial',
      'partial',
      'down',
      'down',
      'none',
    ]);
  });
});

describe('the 1 h range', () => {
  it('has 60 one-minute latency buckets from minute rollups and raw results alike', () => {
    const { db, id, add } = setup();
    for (let i = 0; i < 120; i++) add(NOW - 2 * HOUR + i * MINUTE, 'up', false, 10 + (i % 2) * 30);
    const before = history(db, id, '1h', NOW);
    while (!rollUp(db, { now: NOW, batchRows: 1000 }).done);
    const after = history(db, id, '1h', NOW);
    expect(after.range).toBe('1h');
    expect(after.latency).toHaveLength(60);
    expect(after.latency[1]!.start - after.latency[0]!.start).toBe(MINUTE);
    expect(after.latency.at(-1)!.start).toBe(NOW - (NOW % MINUTE));
    expect(after.latency.filter((bucket) => bucket.p50 !== null).length).toBeGreaterThan(25);
    expect(after.latency).toEqual(before.latency);
  });
});
