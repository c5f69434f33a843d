// Folds raw check results into minute and hour rollups (counts + fixed latency buckets), once each,
// and prunes old rows in small batches so the database stays bounded however long the cockpit runs.
import type { Database, Statement } from 'better-sqlite3';
import { preparedOnce } from '../../kernel/store/prepared-once.ts';

/**
 * Upper bounds (ms, inclusive) of the latency buckets stored in `rollups.latency_buckets`: roughly
 * 1-2-5 log-spaced, the last bucket open (> 10 s). A rollup's JSON array holds one count per bound.
 * Never reorder or change these without migrating existing rollups: the counts are positional.
 */
export const latencyBounds: readonly number[] = [
  1,
  2,
  5,
  10,
  20,
  50,
  100,
  200,
  500,
  1000,
  2000,
  5000,
  10000,
  Infinity,
];

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function bucketIndex(latencyMs: number): number {
  const index = latencyBounds.findIndex((bound) => latencyMs <= bound);
  return index === -1 ? latencyBounds.length - 1 : index;
}

/**
 * The p-th percentile (p in 0..1, e.g. 0.95) of the latencies counted in `buckets`, or null when
 * there are none. Linear interpolation inside the bucket that holds the rank (the first bucket
 * starts at 0 ms); the open last bucket interpolates up to `max` (default its lower bound, 10 s).
 * The result never exceeds `max` when given (the true maximum of the samples).
 */
export function percentile(buckets: readonly number[], p: number, max?: number): number | null {
  const total = buckets.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = Math.min(Math.max(p, 0), 1) * total;
  let before = 0;
  for (let i = 0; i < buckets.length; i++) {
    const count = buckets[i] ?? 0;
    if (count === 0) continue;
    if (before + count >= rank) {
      const lower = i === 0 ? 0 : latencyBounds[i - 1]!;
      const bound = latencyBounds[i] ?? Infinity;
      const upper = Number.isFinite(bound) ? bound : Math.max(max ?? lower, lower);
      const value = lower + ((rank - before) / count) * (upper - lower);
      return max === undefined ? value : Math.min(value, max);
    }
    before += count;
  }
  return null;
}

/** What one rollup row holds. `up`, `degraded`, `down` count checks outside maintenance only;
 * `maintenance` counts checks inside a window; `checks` is all four together. Latency counts only
 * checks that were up or degraded and measured one (`latencySum / sum(buckets)` is the mean). */
export interface Tally {
  checks: number;
  up: number;
  degraded: number;
  down: number;
  maintenance: number;
  latencySum: number;
  latencyMax: number;
  buckets: number[];
}

export function emptyTally(): Tally {
  return {
    checks: 0,
    up: 0,
    degraded: 0,
    down: 0,
    maintenance: 0,
    latencySum: 0,
    latencyMax: 0,
    buckets: latencyBounds.map(() => 0),
  };
}

export interface RawCheck {
  state: 'up' | 'degraded' | 'down';
  latency_ms: number | null;
  in_maintenance: 0 | 1;
}

export function addCheck(tally: Tally, check: RawCheck): void {
  tally.checks++;
  if (check.in_maintenance === 1) tally.maintenance++;
  else tally[check.state]++;
  if (check.state !== 'down' && check.latency_ms !== null) {
    tally.latencySum += check.latency_ms;
    tally.latencyMax = Math.max(tally.latencyMax, check.latency_ms);
    tally.buckets[bucketIndex(check.latency_ms)]!++;
  }
}

export function mergeTally(into: Tally, from: Tally): void {
  into.checks += from.checks;
  into.up += from.up;
  into.degraded += from.degraded;
  into.down += from.down;
  into.maintenance += from.maintenance;
  into.latencySum += from.latencySum;
  into.latencyMax = Math.max(into.latencyMax, from.latencyMax);
  from.buckets.forEach((count, i) => (into.buckets[i] = (into.buckets[i] ?? 0) + count));
}

export interface RollupRow {
  environment_id: number;
  resolution: 'minute' | 'hour';
  bucket_start: number;
  checks: number;
  up: number;
  degraded: number;
  down: number;
  maintenance: number;
  latency_sum: number;
  latency_max: number;
  latency_buckets: string;
}

export function tallyOf(row: Omit<RollupRow, 'environment_id' | 'resolution' | 'bucket_start'>): Tally {
  const stored = JSON.parse(row.latency_buckets) as number[];
  return {
    checks: row.checks,
    up: row.up,
    degraded: row.degraded,
    down: row.down,
    maintenance: row.maintenance,
    latencySum: row.latency_sum,
    latencyMax: row.latency_max,
    buckets: latencyBounds.map((_, i) => stored[i] ?? 0),
  };
}

export const rolledUpToSql = 'SELECT last_rolled_id FROM environment_rollup_progress WHERE id = 1';

interface Statements {
  rolledUpTo: Statement<[], number>;
  unrolled: Statement<[number, number], RawCheck & { id: number; environment_id: number; at: number }>;
  existing: Statement<[number, string, number], RollupRow>;
  upsert: Statement<[RollupRow]>;
  setProgress: Statement<[number]>;
  environmentIds: Statement<[], number>;
  pruneRaw: Statement<[number, number, number]>;
  pruneRollups: Statement<[number, string, number, number]>;
  pruneSessions: Statement<[number]>;
}

const statementsFor = preparedOnce((db): Statements => ({
  rolledUpTo: db.prepare<[], number>(rolledUpToSql).pluck(),
  unrolled: db.prepare(
    `SELECT id, environment_id, at, state, latency_ms, in_maintenance FROM check_results
       WHERE id > ? ORDER BY id LIMIT ?`,
  ),
  existing: db.prepare(
    'SELECT * FROM rollups WHERE environment_id = ? AND resolution = ? AND bucket_start = ?',
  ),
  upsert: db.prepare(
    `INSERT INTO rollups (environment_id, resolution, bucket_start, checks, up, degraded, down, maintenance, latency_sum, latency_max, latency_buckets)
       VALUES (@environment_id, @resolution, @bucket_start, @checks, @up, @degraded, @down, @maintenance, @latency_sum, @latency_max, @latency_buckets)
       ON CONFLICT (environment_id, resolution, bucket_start) DO UPDATE SET
         checks = excluded.checks, up = excluded.up, degraded = excluded.degraded, down = excluded.down,
         maintenance = excluded.maintenance, latency_sum = excluded.latency_sum,
         latency_max = excluded.latency_max, latency_buckets = excluded.latency_buckets`,
  ),
  setProgress: db.prepare('UPDATE environment_rollup_progress SET last_rolled_id = ? WHERE id = 1'),
  environmentIds: db.prepare<[], number>('SELECT id FROM environments ORDER BY id').pluck(),
  // Only rows already counted in the rollups (id <= last_rolled_id) may go.
  pruneRaw: db.prepare(
    `DELETE FROM check_results WHERE id IN (
         SELECT id FROM check_results WHERE at < ? AND id <= ? LIMIT ?)`,
  ),
  pruneRollups: db.prepare(
    `DELETE FROM rollups WHERE rowid IN (
         SELECT rowid FROM rollups WHERE environment_id = ? AND resolution = ? AND bucket_start < ? LIMIT ?)`,
  ),
  pruneSessions: db.prepare('DELETE FROM monitor_sessions WHERE beat_at < ?'),
}));

/** The id of the newest raw row counted in the rollups (0 before the first rollup). */
export function rolledUpTo(db: Database): number {
  return statementsFor(db).rolledUpTo.get() ?? 0;
}

export interface RollUpOptions {
  /** Minute rows are written only for results newer than now - minuteRetentionMs (older ones would
   * be pruned at once); hour rows for all. */
  now: number;
  batchRows?: number;
  /** Batches (each its own short BEGIN IMMEDIATE transaction) per call; call again while !done. */
  maxBatches?: number;
  minuteRetentionMs?: number;
}

export const defaultRetention = {
  rawMs: 14 * DAY,
  minuteMs: 14 * DAY,
  rollupMs: 365 * DAY,
};

/**
 * Counts raw results with id > last_rolled_id into their minute and hour rollups, `batchRows` at a
 * time in id order, moving last_rolled_id in the same transaction — so each raw row is counted
 * exactly once, however often this runs and whatever is inserted in between.
 */
export function rollUp(db: Database, options: RollUpOptions): { rowsRolled: number; done: boolean } {
  const s = statementsFor(db);
  const batchRows = options.batchRows ?? 5000;
  const maxBatches = options.maxBatches ?? 1;
  const minuteFrom = options.now - (options.minuteRetentionMs ?? defaultRetention.minuteMs);

  const batch = db.transaction((): number => {
    const rows = s.unrolled.all(s.rolledUpTo.get() ?? 0, batchRows);
    if (rows.length === 0) return 0;
    const tallies = new Map<
      string,
      { environmentId: number; resolution: 'minute' | 'hour'; start: number; tally: Tally }
    >();
    const add = (environmentId: number, resolution: 'minute' | 'hour', start: number, row: RawCheck) => {
      const key = `${environmentId}:${resolution}:${start}`;
      let entry = tallies.get(key);
      if (!entry) tallies.set(key, (entry = { environmentId, resolution, start, tally: emptyTally() }));
      addCheck(entry.tally, row);
    };
    for (const row of rows) {
      add(row.environment_id, 'hour', row.at - (row.at % HOUR), row);
      if (row.at >= minuteFrom) add(row.environment_id, 'minute', row.at - (row.at % MINUTE), row);
    }
    for (const { environmentId, resolution, start, tally } of tallies.values()) {
      const existing = s.existing.get(environmentId, resolution, start);
      if (existing) mergeTally(tally, tallyOf(existing));
      s.upsert.run({
        environment_id: environmentId,
        resolution,
        bucket_start: start,
        checks: tally.checks,
        up: tally.up,
        degraded: tally.degraded,
        down: tally.down,
        maintenance: tally.maintenance,
        latency_sum: tally.latencySum,
        latency_max: tally.latencyMax,
        latency_buckets: JSON.stringify(tally.buckets),
      });
    }
    s.setProgress.run(rows[rows.length - 1]!.id);
    return rows.length;
  });

  let rowsRolled = 0;
  for (let i = 0; i < maxBatches; i++) {
    const rolled = batch.immediate();
    rowsRolled += rolled;
    if (rolled < batchRows) return { rowsRolled, done: true };
  }
  return { rowsRolled, done: false };
}

export interface PruneOptions {
  now: number;
  rawRetentionMs?: number;
  minuteRetentionMs?: number;
  /** Hour rollups, and monitor sessions, older than this go. */
  rollupRetentionMs?: number;
  batchRows?: number;
  /** Full batches (each its own short BEGIN IMMEDIATE transaction) per call; call again while !done. */
  maxBatches?: number;
}

/**
 * Deletes raw results older than the raw retention that are already rolled up (never one that is
 * not), minute rollups older than the minute retention, hour rollups and sessions older than the
 * rollup retention. Each DELETE removes at most `batchRows` rows in its own short transaction.
 */
export function prune(db: Database, options: PruneOptions): { deleted: number; done: boolean } {
  const s = statementsFor(db);
  const batchRows = options.batchRows ?? 5000;
  let budget = options.maxBatches ?? 20;
  let deleted = 0;
  // Runs one DELETE until it removes less than a full batch; only full batches use up the budget.
  const step = (run: () => number): boolean => {
    for (;;) {
      const changes = db.transaction(run).immediate();
      deleted += changes;
      if (changes < batchRows) return true;
      if (--budget <= 0) return false;
    }
  };

  const rawBefore = options.now - (options.rawRetentionMs ?? defaultRetention.rawMs);
  if (!step(() => s.pruneRaw.run(rawBefore, s.rolledUpTo.get() ?? 0, batchRows).changes))
    return { deleted, done: false };
  const cutoffs = [
    ['minute', options.now - (options.minuteRetentionMs ?? defaultRetention.minuteMs)],
    ['hour', options.now - (options.rollupRetentionMs ?? defaultRetention.rollupMs)],
  ] as const;
  for (const environmentId of s.environmentIds.all()) {
    for (const [resolution, before] of cutoffs) {
      if (!step(() => s.pruneRollups.run(environmentId, resolution, before, batchRows).changes))
        return { deleted, done: false };
    }
  }
  const sessionsBefore = options.now - (options.rollupRetentionMs ?? defaultRetention.rollupMs);
  if (!step(() => s.pruneSessions.run(sessionsBefore).changes)) return { deleted, done: false };
  return { deleted, done: true };
}
