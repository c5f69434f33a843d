// Environment history at scale: a year of checks (10 million over 50 environments, one every ~2.6 min
// each) in a real database as retention leaves it, then the board and history queries against it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { history, uptime } from '../src/main/engine/environments/store/environment-queries.ts';
import {
  createEnvironmentsRepo,
  type EnvironmentsRepo,
} from '../src/main/engine/environments/store/environments-repo.ts';
import {
  DAY,
  HOUR,
  MINUTE,
  addCheck,
  emptyTally,
  rollUp,
} from '../src/main/engine/environments/store/rollups.ts';
import { openDatabase } from '../src/main/engine/kernel/store/database.ts';
import { median, type BenchRow } from './stats.ts';

const ENVIRONMENTS = 50;
const RESULTS = 10_000_000;
const NOW = Date.UTC(2026, 5, 15, 12, 0, 0);
const TRANSACTION_ROWS = 100_000;

/** A deterministic pseudo-random stream, so every run seeds the same data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Check {
  state: 'up' | 'degraded' | 'down';
  latency: number | null;
  maintenance: boolean;
}

function checks(seed: number): () => Check {
  const next = random(seed);
  return () => {
    const roll = next();
    const state = roll < 0.01 ? 'down' : roll < 0.03 ? 'degraded' : 'up';
    const latency =
      state === 'down' ? null : Math.round(20 + 400 * next() ** 3 + (state === 'degraded' ? 1500 : 0));
    return { state, latency, maintenance: next() < 0.005 };
  };
}

/**
 * A year of checks, every ~2.6 min per environment, as retention leaves it: the last 14 days as raw
 * results (inserted in 100k-row transactions and folded by the real rollUp into minute and hour
 * rollups), the 351 days before as hour rollups only — tallied here from the same generated checks
 * with the same bucket code, because their raw rows would have been pruned. Then the last 10
 * minutes go in through the repo after the rollup, so queries also read the not-rolled-up edge.
 */
function seed(db: Database, repo: EnvironmentsRepo, projectId: number, results: number): number[] {
  const ids = [
    ...repo
      .sync(
        projectId,
        Array.from({ length: ENVIRONMENTS }, (_, i) => `env-${i}`),
        NOW,
      )
      .values(),
  ];
  const interval = (365 * DAY) / (results / ENVIRONMENTS);
  const rawFrom = NOW - 14 * DAY;
  const yearStart = NOW - 365 * DAY;
  const next = checks(42);

  const upsert = db.prepare(
    `INSERT INTO rollups (environment_id, resolution, bucket_start, checks, up, degraded, down, maintenance, latency_sum, latency_max, latency_buckets)
     VALUES (?, 'hour', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertHours = db.transaction((hourFrom: number, hourTo: number) => {
    for (const id of ids) {
      for (let hour = hourFrom; hour < hourTo; hour += HOUR) {
        const tally = emptyTally();
        const first = Math.ceil((hour - yearStart) / interval);
        for (let step = first; yearStart + step * interval < hour + HOUR; step++) {
          const check = next();
          addCheck(tally, {
            state: check.state,
            latency_ms: check.latency,
            in_maintenance: check.maintenance ? 1 : 0,
          });
        }
        upsert.run(
          id,
          hour,
          tally.checks,
          tally.up,
          tally.degraded,
          tally.down,
          tally.maintenance,
          tally.latencySum,
          tally.latencyMax,
          JSON.stringify(tally.buckets),
        );
      }
    }
  });
  for (let hour = yearStart; hour < rawFrom; hour += 30 * DAY)
    insertHours.immediate(hour, Math.min(rawFrom, hour + 30 * DAY));

  const insert = db.prepare(
    `INSERT INTO check_results (environment_id, at, state, status_code, latency_ms, error_class, error, version, cert_expires_at, in_maintenance)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const firstStep = Math.ceil((rawFrom - yearStart) / interval);
  const lastStep = Math.floor((NOW - 10 * MINUTE - yearStart) / interval);
  const insertMany = db.transaction((from: number, to: number) => {
    for (let step = from; step < to; step++) {
      for (let env = 0; env < ENVIRONMENTS; env++) {
        const at = Math.round(yearStart + step * interval + env * 1000);
        const check = next();
        insert.run(
          ids[env]!,
          at,
          check.state,
          check.state === 'down' ? 503 : 200,
          check.latency,
          check.state === 'down' ? 'http_status' : null,
          check.state === 'down' ? 'status 503' : null,
          `1.${Math.floor(step / 5000)}.0`,
          NOW + 60 * DAY,
          check.maintenance ? 1 : 0,
        );
      }
    }
  });
  const stepsPerTransaction = TRANSACTION_ROWS / ENVIRONMENTS;
  for (let step = firstStep; step <= lastStep; step += stepsPerTransaction)
    insertMany.immediate(step, Math.min(lastStep + 1, step + stepsPerTransaction));
  while (!rollUp(db, { now: NOW, batchRows: 100_000, maxBatches: 10 }).done);

  for (let t = NOW - 9 * MINUTE; t <= NOW; t += 3 * MINUTE) {
    for (const id of ids) {
      repo.insertResult(id, {
        at: t,
        state: 'up',
        statusCode: 200,
        latencyMs: 80,
        errorClass: null,
        error: null,
        version: '1.40.0',
        certExpiresAt: null,
        inMaintenance: false,
      });
    }
  }
  db.pragma('optimize');
  return ids;
}

function time(runs: number, work: () => void): number {
  work(); // warm the statement caches
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

/** `results` is for quick trials; the benchmark is 10 million. */
export async function environmentHistory(runs: number, results = RESULTS): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-bench-env-'));
  const db = openDatabase(join(dir, 'cockpit.db'));
  try {
    const projectId = Number(
      db
        .prepare(
          "INSERT INTO projects (name, path, added_at, config_status, checked_at) VALUES ('bench', '/srv/bench', 0, 'ok', 0)",
        )
        .run().lastInsertRowid,
    );
    const repo = createEnvironmentsRepo(db);
    const seedStarted = performance.now();
    const ids = seed(db, repo, projectId, results);
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    // What the board needs per environment: the stored state, the latest result, a 30-point
    // sparkline, uptime over 24 h and 30 days, and the open incident.
    const board = () => {
      for (const id of ids) {
        repo.row(id);
        repo.recentResults(id, 1);
        repo.latencySeries(id, 30);
        uptime(db, id, NOW - DAY, NOW);
        uptime(db, id, NOW - 30 * DAY, NOW);
        repo.openIncidentId(id);
      }
    };
    const boardMs = time(runs, board);
    const uptime90Ms = time(runs, () => uptime(db, ids[0]!, NOW - 90 * DAY, NOW));
    const history90Ms = time(runs, () => history(db, ids[0]!, '90d', NOW));
    await Promise.resolve();
    return [
      {
        name: `seed ${results.toLocaleString('en')} results + rollUp (once)`,
        value: seedSeconds,
        unit: 's',
        limit: null,
        runs: 1,
      },
      {
        name: `board summary, ${ENVIRONMENTS} environments (state, uptime 24h+30d, 30 latencies)`,
        value: boardMs,
        unit: 'ms',
        limit: 50,
        runs,
      },
      { name: 'uptime over 90 days, one environment', value: uptime90Ms, unit: 'ms', limit: 50, runs },
      {
        name: 'history 90d (daily p50/p95/p99 + uptime by day), one environment',
        value: history90Ms,
        unit: 'ms',
        limit: 50,
        runs,
      },
    ];
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
