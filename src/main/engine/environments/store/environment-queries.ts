// Read side of environment history: uptime and latency percentiles over any range, answered from
// rollups plus the few raw rows not rolled up yet, so a year of checks costs a few hundred rows.
import type { Database, Statement } from 'better-sqlite3';
import type { EnvironmentHistory } from '../../../../shared/domain/environment.ts';
import { preparedOnce } from '../../kernel/store/prepared-once.ts';
import {
  DAY,
  HOUR,
  MINUTE,
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
type FirstChecks = { raw: number | null; minute: number | null; hour: number | null };
type HourRow = Omit<RollupRow, 'environment_id' | 'resolution'>;

interface Statements {
  rolledUpTo: Statement<[], number>;
  rollupCounts: Statement<[number, 'minute' | 'hour', number, number], Counts>;
  rollupCountsTo: Statement<[number, 'minute' | 'hour', number, number], Counts>;
  rawCounts: Statement<[number, number, number, number], Counts>;
  hourRows: Statement<[number, number, number], HourRow>;
  minuteRows: Statement<[number, number, number], HourRow>;
  firstCheck: Statement<[{ id: number }], FirstChecks>;
  rawRows: Statement<[number, number, number, number], RawCheck & { at: number }>;
}

const statementsFor = preparedOnce((db): Statements => ({
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
  minuteRows: db.prepare(
    `SELECT bucket_start, checks, up, degraded, down, maintenance, latency_sum, latency_max, latency_buckets
       FROM rollups WHERE environment_id = ? AND resolution = 'minute' AND bucket_start >= ? AND bucket_start < ?
       ORDER BY bucket_start`,
  ),
  // The oldest of each kind: raw results and minute rollups go after 14 days, hours stay a year.
  firstCheck: db.prepare<[{ id: number }], FirstChecks>(
    `SELECT (SELECT min(at) FROM check_results WHERE environment_id = @id) AS raw,
              (SELECT min(bucket_start) FROM rollups WHERE environment_id = @id AND resolution = 'minute') AS minute,
              (SELECT min(bucket_start) FROM rollups WHERE environment_id = @id AND resolution = 'hour') AS hour`,
  ),
  rawRows: db.prepare(
    `SELECT at, state, latency_ms, in_maintenance FROM check_results
       WHERE +environment_id = ? AND +at >= ? AND +at < ? AND id > ?`,
  ),
}));

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

/**
 * When the environment was first checked (to the hour once raw results are pruned), or null: uptime
 * counts from there — the time before the cockpit watched it is no data, not downtime.
 */
export function monitoredSince(db: Database, environmentId: number): number | null {
  const first = statementsFor(db).firstCheck.get({ id: environmentId });
  const precise = [first?.raw, first?.minute].filter((at) => typeof at === 'number');
  const exact = precise.length > 0 ? Math.min(...precise) : null;
  const hour = first?.hour ?? null;
  // The hour rollup says more only when it starts before the hour of the most precise first check.
  if (hour !== null && (exact === null || hour < floorTo(exact, HOUR))) return hour;
  return exact;
}

/**
 * How a day's bar reads: every check passed ('up'), most did ('partial', amber — a day at 94 % is a
 * bad day, not an outage), fewer than half did ('down', red), or no checks ('none': not watched).
 */
export function dayGrade(uptime: number | null): 'up' | 'partial' | 'down' | 'none' {
  if (uptime === null) return 'none';
  if (uptime >= 1) return 'up';
  return uptime >= 0.5 ? 'partial' : 'down';
}

export type HistoryRange = EnvironmentHistory['range'];

/** Length of each range and the width of its latency buckets (aligned to UTC). */
export const historyRanges: Record<HistoryRange, { rangeMs: number; stepMs: number }> = {
  '1h': { rangeMs: HOUR, stepMs: MINUTE },
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
  // Minute buckets (the 1 h range) come from minute rollups; the rest from hour rollups.
  const rollupRows = stepMs < HOUR ? s.minuteRows : s.hourRows;
  db.transaction(() => {
    for (const row of rollupRows.all(environmentId, from, to)) place(row.bucket_start, tallyOf(row));
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
      const uptime = checks === 0 ? null : (tally.up + tally.degraded) / checks;
      return { day: dayStart + i * DAY, uptime, checks, grade: dayGrade(uptime) };
    }),
    uptime: uptime(db, environmentId, now - rangeMs, now),
  };
}
