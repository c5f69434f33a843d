import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures } from '../../../testing/fixtures.ts';
import { createEnvironmentsRepo } from './environments-repo.ts';
import {
  DAY,
  HOUR,
  MINUTE,
  bucketIndex,
  latencyBounds,
  percentile,
  prune,
  rollUp,
  rolledUpTo,
  type RollupRow,
} from './rollups.ts';
import { checkResult, closeTestDatabases, testDatabase } from '../../../testing/environment-db.ts';

afterEach(async () => {
  closeTestDatabases();
  await cleanupFixtures();
});

const NOW = Date.UTC(2026, 5, 15, 12, 0, 0);

/** The rollup counts summed over every bucket of a resolution. */
type Totals = Pick<RollupRow, 'checks' | 'up' | 'degraded' | 'down' | 'maintenance' | 'latency_sum'>;

function totals(db: Database, resolution: 'minute' | 'hour'): Totals & { samples: number } {
  const row = db
    .prepare<[string], Totals>(
      `SELECT coalesce(sum(checks),0) AS checks, coalesce(sum(up),0) AS up, coalesce(sum(degraded),0) AS degraded,
              coalesce(sum(down),0) AS down, coalesce(sum(maintenance),0) AS maintenance, coalesce(sum(latency_sum),0) AS latency_sum
       FROM rollups WHERE resolution = ?`,
    )
    .get(resolution)!;
  const samples = db
    .prepare<[string], string>('SELECT latency_buckets FROM rollups WHERE resolution = ?')
    .pluck()
    .all(resolution)
    .reduce((sum, json) => sum + (JSON.parse(json) as number[]).reduce((a, b) => a + b, 0), 0);
  return { ...row, samples };
}

function rawTotals(db: Database): Totals & { samples: number } {
  return db
    .prepare<[], Totals & { samples: number }>(
      `SELECT count(*) AS checks,
              coalesce(sum(state = 'up' AND in_maintenance = 0), 0) AS up,
              coalesce(sum(state = 'degraded' AND in_maintenance = 0), 0) AS degraded,
              coalesce(sum(state = 'down' AND in_maintenance = 0), 0) AS down,
              coalesce(sum(in_maintenance), 0) AS maintenance,
              coalesce(sum(CASE WHEN state != 'down' THEN latency_ms END), 0) AS latency_sum,
              coalesce(sum(state != 'down' AND latency_ms IS NOT NULL), 0) AS samples
       FROM check_results`,
    )
    .get()!;
}

describe('latency buckets and percentiles', () => {
  it('puts each latency in the bucket of the first bound at or above it', () => {
    expect(latencyBounds).toHaveLength(14);
    expect(bucketIndex(0)).toBe(0);
    expect(bucketIndex(1)).toBe(0);
    expect(bucketIndex(1.5)).toBe(1);
    expect(bucketIndex(100)).toBe(6);
    expect(bucketIndex(100.1)).toBe(7);
    expect(bucketIndex(10_000)).toBe(12);
    expect(bucketIndex(60_000)).toBe(13);
  });

  it('interpolates inside the bucket holding the rank', () => {
    const buckets = latencyBounds.map(() => 0);
    expect(percentile(buckets, 0.5)).toBeNull();
    buckets[bucketIndex(75)] = 100; // 100 samples in (50, 100]
    expect(percentile(buckets, 0.5)).toBe(75);
    expect(percentile(buckets, 0.99)).toBeCloseTo(99.5);
    expect(percentile(buckets, 1)).toBe(100);
    expect(percentile(buckets, 1, 80)).toBe(80); // never above the true maximum
    buckets[bucketIndex(300)] = 100; // and 100 in (200, 500]
    expect(percentile(buckets, 0.5)).toBe(100);
    expect(percentile(buckets, 0.75)).toBe(350);
    expect(percentile(buckets, 0.95)).toBe(470);
  });

  it('reads the open last bucket up to the maximum', () => {
    const buckets = latencyBounds.map(() => 0);
    buckets[13] = 10;
    expect(percentile(buckets, 0.5)).toBe(10_000);
    expect(percentile(buckets, 0.5, 30_000)).toBe(20_000);
  });
});

describe('rollUp', () => {
  it('counts every raw row exactly once across calls, batches and inserts in between', () => {
    const { db, projectId } = testDatabase();
    const repo = createEnvironmentsRepo(db);
    const ids = [...repo.sync(projectId, ['dev', 'staging', 'prod'], 0).values()];
    let n = 0;
    const insert = (count: number) => {
      for (let i = 0; i < count; i++, n++) {
        const state = (['up', 'up', 'degraded', 'down'] as const)[n % 4]!;
        // Spread over ~3 days, several rows per minute, some out of time order.
        const at = NOW - 3 * DAY + ((n * 7_919_000) % (3 * DAY));
        repo.insertResult(ids[n % 3]!, {
          ...checkResult(at, state, n % 5 === 0 ? null : (n % 997) + 0.5),
          inMaintenance: n % 11 === 0,
        });
      }
    };
    insert(500);
    let first = rollUp(db, { now: NOW, batchRows: 64 });
    expect(first).toEqual({ rowsRolled: 64, done: false });
    insert(300);
    let calls = 0;
    while (!first.done) {
      first = rollUp(db, { now: NOW, batchRows: 64, maxBatches: 2 });
      calls++;
      if (calls === 2) insert(200);
    }
    expect(rolledUpTo(db)).toBe(n);
    expect(rollUp(db, { now: NOW })).toEqual({ rowsRolled: 0, done: true });
    insert(7);
    expect(rollUp(db, { now: NOW, maxBatches: 10 })).toEqual({ rowsRolled: 7, done: true });

    const raw = rawTotals(db);
    expect(raw.checks).toBe(1007);
    const hour = totals(db, 'hour');
    const minute = totals(db, 'minute');
    expect(hour.checks).toBe(raw.checks);
    expect(hour.checks).toBe(hour.up + hour.degraded + hour.down + hour.maintenance);
    expect(hour).toEqual({ ...raw, latency_sum: expect.closeTo(raw.latency_sum, 6) as number });
    expect(minute).toEqual({ ...raw, latency_sum: expect.closeTo(raw.latency_sum, 6) as number });
    const maxes = db
      .prepare<[], { rolled: number; raw: number }>(
        `SELECT (SELECT max(latency_max) FROM rollups) AS rolled,
                (SELECT max(latency_ms) FROM check_results WHERE state != 'down') AS raw`,
      )
      .get()!;
    expect(maxes.rolled).toBe(maxes.raw);
  });

  it('writes minute rows only within the minute retention, hour rows for all', () => {
    const { db, projectId } = testDatabase();
    const repo = createEnvironmentsRepo(db);
    const id = repo.sync(projectId, ['prod'], 0).get('prod')!;
    repo.insertResult(id, { ...checkResult(NOW - 20 * DAY, 'up', 10), inMaintenance: false });
    repo.insertResult(id, { ...checkResult(NOW - MINUTE, 'up', 10), inMaintenance: false });
    rollUp(db, { now: NOW });
    const rows = db
      .prepare('SELECT resolution, bucket_start FROM rollups ORDER BY bucket_start, resolution')
      .all();
    expect(rows).toEqual([
      { resolution: 'hour', bucket_start: NOW - 20 * DAY },
      { resolution: 'hour', bucket_start: NOW - HOUR },
      { resolution: 'minute', bucket_start: NOW - MINUTE },
    ]);
  });
});

describe('prune', () => {
  it('never deletes raw rows that are not rolled up, and deletes old rolled ones in batches', () => {
    const { db, projectId } = testDatabase();
    const repo = createEnvironmentsRepo(db);
    const id = repo.sync(projectId, ['prod'], 0).get('prod')!;
    for (let i = 0; i < 100; i++)
      repo.insertResult(id, { ...checkResult(NOW - 30 * DAY + i * MINUTE, 'up', 5), inMaintenance: false });
    for (let i = 0; i < 10; i++)
      repo.insertResult(id, { ...checkResult(NOW - i * MINUTE, 'up', 5), inMaintenance: false });
    const rawCount = () => db.prepare('SELECT count(*) FROM check_results').pluck().get();

    expect(prune(db, { now: NOW })).toEqual({ deleted: 0, done: true });
    expect(rawCount()).toBe(110);

    rollUp(db, { now: NOW, batchRows: 40 }); // rolls the 40 oldest only
    expect(prune(db, { now: NOW, batchRows: 15 })).toEqual({ deleted: 40, done: true });
    expect(rawCount()).toBe(70);
    expect(db.prepare('SELECT min(id) FROM check_results').pluck().get()).toBe(41);

    while (!rollUp(db, { now: NOW, batchRows: 40 }).done);
    let pruned = prune(db, { now: NOW, batchRows: 15, maxBatches: 2 });
    expect(pruned).toEqual({ deleted: 30, done: false });
    pruned = prune(db, { now: NOW, batchRows: 15, maxBatches: 2 });
    expect(pruned).toEqual({ deleted: 30, done: false }); // a full last batch cannot know it was the last
    expect(prune(db, { now: NOW, batchRows: 15, maxBatches: 2 })).toEqual({ deleted: 0, done: true });
    expect(rawCount()).toBe(10); // the recent ones stay
    // The rollups still count everything that was pruned.
    expect(db.prepare(`SELECT sum(checks) FROM rollups WHERE resolution = 'hour'`).pluck().get()).toBe(110);
  });

  it('deletes rollups and sessions past their retention', () => {
    const { db, projectId } = testDatabase();
    const repo = createEnvironmentsRepo(db);
    const id = repo.sync(projectId, ['prod'], 0).get('prod')!;
    for (const age of [400 * DAY, 100 * DAY, 20 * DAY, HOUR])
      repo.insertResult(id, { ...checkResult(NOW - age, 'up', 5), inMaintenance: false });
    rollUp(db, { now: NOW, minuteRetentionMs: 1000 * DAY }); // minute rows for all four
    const old = repo.startSession(NOW - 400 * DAY, 1);
    repo.beat(old, NOW - 399 * DAY);
    repo.startSession(NOW - HOUR, 2);

    prune(db, { now: NOW });
    const kept = db
      .prepare<[], { resolution: string; age: number }>(
        `SELECT resolution, (${NOW} - bucket_start) / ${DAY} AS age FROM rollups ORDER BY resolution, bucket_start`,
      )
      .all();
    expect(kept).toEqual([
      { resolution: 'hour', age: 100 },
      { resolution: 'hour', age: 20 },
      { resolution: 'hour', age: 0 },
      { resolution: 'minute', age: 0 },
    ]);
    expect(db.prepare('SELECT pid FROM monitor_sessions').pluck().all()).toEqual([2]);
  });
});
