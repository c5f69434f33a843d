// Read side of environment history: uptime and latency percentiles over any range, answered from
// rollups plus the few raw rows not rolled up yet, so a year of checks costs a few hundred rows.
import type { Database, Statement } from 'better-sqlite3';
import type { EnvironmentHistory } from '../../../../shared/domain/environment.ts';
import {
  DAY,
  HOUR,
  addCheck,
  emptyTally,
  mergeTally,
  percentile,
  rolledUpToSql,
  tallyOf,
  type RawCheck,
  type RollupRow,
  type Tally,
} from './rollups.ts';

type Counts = { up: number; degraded: number; down: number };
type HourRow = Omit<RollupRow, 'environment_id' | 'resolution'>;

interface Statements {
  rolledUpTo: Statement<[], number>;
  rollupCounts: Statement<[number, 'minute' | 'hour', number, number], Counts>;
  rollupCountsTo: Statement<[number, 'minute' | 'hour', number, number], Counts>;
  rawCounts: Statement<[number, number, number, number], Counts>;
  hourRows: Statement<[number, number, number], HourRow>;
  rawRows: Statement<[number, number, number, number], RawCheck & { at: number }>;
}

const statements = new WeakMap<Database, Statements>();

function statementsFor(db: Database): Statements {
  let prepared = statements.get(db);
  if (prepared) return prepared;
  prepared = {
    rolledUpTo: db.prepare<[], number>(rolledUpToSql).pluck(),
    rollupCounts: db.prepare(
      `SELECT coalesce(sum(up), 0) AS up, coalesce(sum(degraded), 0) AS degraded, coalesce(sum(down), 0) AS down
       FROM rollups WHERE environment_id = ? AND resolution = ? AND bucket_start >= ? AND bucket_start < ?`,
    ),
    rollupCountsTo: db.prepare(
      `SELECT coalesce(sum(up), 0) AS up, coalesce(sum(degraded), 0) AS degraded, coalesce(sum(down), 0) AS down
       FROM rollups WHERE environment_id = ? AND resolution = ? AND bucket_start >= ? AND bucket_start <= ?`,
    ),
    // Raw rows not rolled up yet are few and newest: the unary + keeps SQLite from using the
    // (environment_id, at) index, so it walks the rowid range id > last_rolled_id instead.
    rawCounts: db.prepare(
      `SELECT coalesce(sum(state = 'up' AND in_maintenance = 0), 0) AS up,
              coalesce(sum(state = 'degraded' AND in_maintenance = 0), 0) AS degraded,
              coalesce(sum(state = 'down' AND in_maintenance = 0), 0) AS down
       FROM check_results WHERE +environment_id = ? AND +at >= ? AND +at <= ? AND id > ?`,
    ),
    hourRows: db.prepare(
      `SELECT bucket_start, checks, up, degraded, down, maintenance, latency_sum, latency_max, latency_buckets
       FROM rollups WHERE environment_id = ? AND resolution = 'hour' AND bucket_start >= ? AND bucket_start < ?
       ORDER BY bucket_start`,
    ),
    rawRows: db.prepare(
      `SELECT at, state, latency_ms, in_maintenance FROM check_results
       WHERE +environment_id = ? AND +at >= ? AND +at < ? AND id > ?`,
    ),
  };
  statements.set(db, prepared);
  return prepared;
}

const floorTo = (t: number, step: number) => t - (((t % step) + step) % step);

/**
 * Share (0..1) of checks outside maintenance that were up or degraded in [from, to], or null when
 * there were none. Whole hours come from hour rollups, the partial hours at both edges from minute
 * rollups (kept 14 days: for older edges up to an hour at the start is left out), and results not
 * rolled up yet from the raw table — all in one read transaction, so each check counts once.
 */
export function uptime(db: Database, environmentId: number, from: number, to: number): number | null {
  const s = statementsFor(db);
  const counts = db.transaction((): Counts => {
    const total: Counts = { up: 0, degraded: 0, down: 0 };
    const add = (c: Counts) => {
      total.up += c.up;
      total.degraded += c.degraded;
      total.down += c.down;
    };
    const firstHour = floorTo(from + HOUR - 1, HOUR);
    const lastHour = floorTo(to, HOUR);
    if (firstHour < lastHour) {
      add(s.rollupCounts.get(environmentId, 'minute', from, firstHour)!);
      add(s.rollupCounts.get(environmentId, 'hour', firstHour, lastHour)!);
      add(s.rollupCountsTo.get(environmentId, 'minute', lastHour, to)!);
    } else {
      add(s.rollupCountsTo.get(environmentId, 'minute', from, to)!);
    }
    add(s.rawCounts.get(environmentId, from, to, s.rolledUpTo.get() ?? 0)!);
    return total;
  })();
  const checks = counts.up + counts.degraded + counts.down;
  return checks === 0 ? null : (counts.up + counts.degraded) / checks;
}

export type HistoryRange = EnvironmentHistory['range'];

/** Length of each range and the width of its latency buckets (aligned to UTC). */
export const historyRanges: Record<HistoryRange, { rangeMs: number; stepMs: number }> = {
  '24h': { rangeMs: DAY, stepMs: HOUR },
  '7d': { rangeMs: 7 * DAY, stepMs: 6 * HOUR },
  '30d': { rangeMs: 30 * DAY, stepMs: DAY },
  '90d': { rangeMs: 90 * DAY, stepMs: DAY },
};

/**
 * Latency percentiles per bucket (range / step buckets, the last one holding `now`) from the hour
 * rollups' latency buckets, and one uptime bar per UTC day overlapping [now - range, now]
 * (`checks` counts checks outside maintenance; uptime null = no data for that day).
 */
export function history(
  db: Database,
  environmentId: number,
  range: HistoryRange,
  now: number,
): Omit<EnvironmentHistory, 'incidents' | 'versions'> {
  const s = statementsFor(db);
  const { rangeMs, stepMs } = historyRanges[range];
  const buckets = rangeMs / stepMs;
  const latencyStart = floorTo(now, stepMs) - (buckets - 1) * stepMs;
  const dayStart = floorTo(now - rangeMs, DAY);
  const days = (floorTo(now, DAY) - dayStart) / DAY + 1;
  const from = Math.min(latencyStart, dayStart);
  const to = floorTo(now, HOUR) + HOUR;

  const latency = Array.from({ length: buckets }, emptyTally);
  const byDay = Array.from({ length: days }, emptyTally);
  const place = (at: number, tally: Tally) => {
    if (at >= latencyStart) mergeTally(latency[Math.floor((at - latencyStart) / stepMs)]!, tally);
    const day = Math.floor((at - dayStart) / DAY);
    if (day >= 0 && day < days) mergeTally(byDay[day]!, tally);
  };
  db.transaction(() => {
    for (const row of s.hourRows.all(environmentId, from, to)) place(row.bucket_start, tallyOf(row));
    for (const row of s.rawRows.all(environmentId, from, to, s.rolledUpTo.get() ?? 0)) {
      const one = emptyTally();
      addCheck(one, row);
      place(row.at, one);
    }
  })();

  return {
    range,
    latency: latency.map((tally, i) => ({
      start: latencyStart + i * stepMs,
      p50: percentile(tally.buckets, 0.5, tally.latencyMax),
      p95: percentile(tally.buckets, 0.95, tally.latencyMax),
      p99: percentile(tally.buckets, 0.99, tally.latencyMax),
    })),
    uptimeByDay: byDay.map((tally, i) => {
      const checks = tally.up + tally.degraded + tally.down;
      return {
        day: dayStart + i * DAY,
        uptime: checks === 0 ? null : (tally.up + tally.degraded) / checks,
        checks,
      };
    }),
    uptime: uptime(db, environmentId, now - rangeMs, now),
  };
}
