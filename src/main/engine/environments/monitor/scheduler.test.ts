// The check scheduler driven tick by tick with a manual clock: jitter, no overlap, the global cap,
// backoff while down, calm after a sleep, pause, removal and checkNow coalescing.
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../kernel/clock.ts';
import { createMemoryLogger } from '../../kernel/diagnostics/logger.ts';
import { createScheduler, type SchedulerOptions } from './scheduler.ts';

interface Env {
  intervalMs: number;
  down?: boolean;
  paused?: boolean;
  maxBackoffMs?: number;
}

/** Lets settled checks run their completion handlers. */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A small deterministic PRNG (mulberry32). */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function setup(envs: Record<number, Env>, overrides: Partial<SchedulerOptions> = {}, slow = false) {
  const clock = manualClock(Date.UTC(2026, 0, 1));
  const t0 = clock.now();
  const logger = createMemoryLogger();
  const list = new Map<number, Env>(Object.entries(envs).map(([id, env]) => [Number(id), env]));
  const started: { id: number; at: number }[] = [];
  const running = new Map<number, () => void>();
  let concurrent = 0;
  let maxConcurrent = 0;
  const options: SchedulerOptions = {
    clock,
    logger,
    random: () => 0.5,
    list: () =>
      [...list].map(([id, env]) => ({
        id,
        intervalMs: env.intervalMs,
        down: env.down ?? false,
        paused: env.paused ?? false,
        maxBackoffMs: env.maxBackoffMs,
      })),
    check(id) {
      if (running.has(id)) throw new Error(`overlapping checks of ${id}`);
      started.push({ id, at: clock.now() - t0 });
      concurrent += 1;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      return new Promise<void>((resolve) => {
        const finish = () => {
          running.delete(id);
          concurrent -= 1;
          resolve();
        };
        if (slow) running.set(id, finish);
        else queueMicrotask(finish);
      });
    },
    ...overrides,
  };
  const scheduler = createScheduler(options);
  /** Ticks every `step` ms until `until` ms after the start, letting checks finish between ticks. */
  let ticked = false;
  async function runUntil(until: number, step = 250) {
    if (!ticked) {
      ticked = true; // the first pass happens at t = 0
      await scheduler.tick();
      await flush();
    }
    while (clock.now() - t0 < until) {
      clock.advance(Math.min(step, until - (clock.now() - t0)));
      await scheduler.tick();
      await flush();
    }
  }
  async function finish(id: number) {
    running.get(id)?.();
    await flush();
  }
  const startsOf = (id: number) => started.filter((s) => s.id === id).map((s) => s.at);
  return {
    scheduler,
    clock,
    logger,
    list,
    started,
    running,
    runUntil,
    finish,
    startsOf,
    maxConcurrent: () => maxConcurrent,
    t0,
  };
}

describe('jitter', () => {
  it('spreads 1,000 first checks over the interval instead of firing them together', async () => {
    const envs = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [i + 1, { intervalMs: 30_000 }]));
    const { scheduler, started, runUntil } = setup(envs, { random: seeded(42), concurrency: 1000 });
    await scheduler.tick(); // t = 0: schedules everything
    await flush();
    expect(started.length).toBeLessThan(10);
    await runUntil(30_000);
    const first = new Map<number, number>();
    for (const { id, at } of started) if (!first.has(id)) first.set(id, at);
    expect(first.size).toBe(1000);
    // Nobody twice within the shortest jittered interval.
    const last = new Map<number, number>();
    for (const { id, at } of started) {
      if (last.has(id)) expect(at - last.get(id)!).toBeGreaterThanOrEqual(27_000);
      last.set(id, at);
    }
    const buckets = new Array<number>(10).fill(0);
    for (const at of first.values()) buckets[Math.min(9, Math.floor(at / 3000))]! += 1;
    for (const count of buckets) {
      expect(count).toBeGreaterThan(60);
      expect(count).toBeLessThan(140);
    }
  });

  it('keeps later checks within 10% under the interval — never over it — and varied', async () => {
    const envs = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [i + 1, { intervalMs: 10_000 }]));
    const { startsOf, runUntil } = setup(envs, { random: seeded(7), concurrency: 100 });
    await runUntil(60_000, 100);
    const gaps = Object.keys(envs).flatMap((id) => {
      const starts = startsOf(Number(id));
      return starts.slice(1).map((at, i) => at - starts[i]!);
    });
    expect(gaps.length).toBeGreaterThan(200);
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(9000);
      expect(gap).toBeLessThanOrEqual(10_000 + 100); // + one tick of the test's clock
    }
    expect(new Set(gaps).size).toBeGreaterThan(5);
  });
});

describe('no overlap', () => {
  it('never runs two checks of one environment at once: a slow check delays the next', async () => {
    const { scheduler, startsOf, runUntil, finish, running } = setup({ 1: { intervalMs: 1000 } }, {}, true);
    await runUntil(10_000);
    expect(startsOf(1)).toEqual([500]);
    expect(scheduler.stats()).toMatchObject({ inFlight: 1, checksStarted: 1 });
    await finish(1); // finished at 10 s: the next is an interval later
    await runUntil(10_750);
    expect(startsOf(1)).toEqual([500]);
    await runUntil(11_000);
    expect(startsOf(1)).toEqual([500, 11_000]);
    expect(running.size).toBe(1);
  });
});

describe('global concurrency cap', () => {
  it('lets excess due checks wait, oldest-due first', async () => {
    // Offsets 0.9, 0.1, 0.5, 0.3, 0.7 of 1 s: due at 900, 100, 500, 300, 700.
    const offsets = [0.9, 0.1, 0.5, 0.3, 0.7];
    let call = 0;
    const { scheduler, started, runUntil, finish, maxConcurrent } = setup(
      {
        1: { intervalMs: 1000 },
        2: { intervalMs: 1000 },
        3: { intervalMs: 1000 },
        4: { intervalMs: 1000 },
        5: { intervalMs: 1000 },
      },
      { concurrency: 2, random: () => offsets[call++] ?? 0.5 },
      true,
    );
    await scheduler.tick(); // t = 0: schedule
    await runUntil(1000);
    expect(started.map((s) => s.id)).toEqual([2, 4]);
    await finish(4);
    await runUntil(1250);
    expect(started.map((s) => s.id)).toEqual([2, 4, 3]); // due at 500: older than 5 (700) and 1 (900)
    await finish(2);
    await finish(3);
    await runUntil(1500);
    expect(started.map((s) => s.id)).toEqual([2, 4, 3, 5, 1]);
    expect(maxConcurrent()).toBe(2);
    expect(scheduler.stats().inFlight).toBe(2);
  });

  it('counts waiting time as lag in the p99', async () => {
    const { scheduler, runUntil, finish } = setup(
      { 1: { intervalMs: 1000 }, 2: { intervalMs: 1000 } },
      { concurrency: 1, random: () => 0 },
      true,
    );
    expect(scheduler.stats().lagMsP99).toBeNull();
    await scheduler.tick(); // both due at 0, 1 starts with no lag
    await runUntil(3000);
    await finish(1);
    await runUntil(3250); // 2 starts 3.25 s late
    expect(scheduler.stats()).toMatchObject({ lagMsP99: 3250, checksStarted: 2 });
  });
});

describe('a down environment', () => {
  it('is checked every interval when no backoff cap is configured, so a recovery is seen within one', async () => {
    const env: Env = { intervalMs: 2000, down: true };
    const { startsOf, runUntil } = setup({ 1: env });
    await runUntil(9000);
    expect(startsOf(1)).toEqual([1000, 3000, 5000, 7000, 9000]);
  });

  it('backs off only up to the cap its environment configures', async () => {
    const { startsOf, runUntil } = setup({
      1: { intervalMs: 1000, down: true, maxBackoffMs: 4000 },
      2: { intervalMs: 1000, down: true },
    });
    await runUntil(16_000);
    expect(startsOf(1)).toEqual([500, 2500, 6500, 10_500, 14_500]);
    expect(startsOf(2)).toHaveLength(16);
  });

  it('tells when its next check is due, also between a finish and the next tick', async () => {
    const env: Env = { intervalMs: 1000, down: true, maxBackoffMs: 8000 };
    const { scheduler, clock, runUntil, t0 } = setup({ 1: env });
    expect(scheduler.nextCheckAt(1, true)).toBeNull(); // not listed yet
    await runUntil(2500); // checks at 500 (streak 1) and 2500
    const due = scheduler.nextCheckAt(1, true)!;
    expect(due - t0).toBe(2500 + 4000);
    expect(clock.now() - t0).toBe(2500);
  });
});

describe('backoff while down', () => {
  it('doubles the interval per consecutive down check up to the cap, and resets when up again', async () => {
    const env: Env = { intervalMs: 1000, down: true };
    const { startsOf, runUntil } = setup({ 1: env }, { maxBackoffMs: 8000 });
    await runUntil(22_500);
    expect(startsOf(1)).toEqual([500, 2500, 6500, 14_500, 22_500]);
    env.down = false; // that last check found it up
    await runUntil(26_000);
    expect(startsOf(1)).toEqual([500, 2500, 6500, 14_500, 22_500, 23_500, 24_500, 25_500]);
  });

  it('never shortens an interval already longer than the cap', async () => {
    const { startsOf, runUntil } = setup({ 1: { intervalMs: 10_000, down: true } }, { maxBackoffMs: 4000 });
    await runUntil(30_000, 500);
    expect(startsOf(1)).toEqual([5000, 15_000, 25_000]);
  });
});

describe('after a sleep', () => {
  it('runs each environment once, rescheduled from now, with no burst and no phantom lag', async () => {
    const { scheduler, clock, startsOf, started, runUntil, t0 } = setup({
      1: { intervalMs: 1000 },
      2: { intervalMs: 2000 },
      3: { intervalMs: 5000 },
    });
    await runUntil(10_000);
    const before = started.length;
    clock.advance(3 * 60 * 60_000); // the lid was closed for three hours
    await scheduler.tick();
    await flush();
    const woke = clock.now() - t0;
    expect(
      started
        .slice(before)
        .map((s) => s.id)
        .sort(),
    ).toEqual([1, 2, 3]);
    await runUntil(woke + 750);
    expect(started.length).toBe(before + 3);
    await runUntil(woke + 5000);
    expect(startsOf(1).filter((at) => at >= woke)).toEqual([
      woke,
      woke + 1000,
      woke + 2000,
      woke + 3000,
      woke + 4000,
      woke + 5000,
    ]);
    expect(startsOf(3).filter((at) => at >= woke)).toEqual([woke, woke + 5000]);
    expect(scheduler.stats().lagMsP99).toBe(0);
  });
});

describe('pause and removal', () => {
  it('does not check paused environments, and checks them again when resumed', async () => {
    const env: Env = { intervalMs: 1000, paused: true };
    const { scheduler, startsOf, runUntil } = setup({ 1: env, 2: { intervalMs: 1000 } });
    await runUntil(5000);
    expect(startsOf(1)).toEqual([]);
    expect(startsOf(2)).toHaveLength(5);
    expect(scheduler.stats().scheduled).toBe(1);
    env.paused = false;
    await runUntil(5250);
    expect(startsOf(1)).toEqual([5250]); // overdue: right away
    expect(scheduler.stats().scheduled).toBe(2);
  });

  it('forgets environments that leave the list, even with a check in flight', async () => {
    const { scheduler, list, startsOf, runUntil, finish } = setup(
      { 1: { intervalMs: 1000 }, 2: { intervalMs: 1000 } },
      {},
      true,
    );
    await runUntil(500);
    expect(scheduler.stats()).toMatchObject({ scheduled: 2, inFlight: 2 });
    list.delete(1);
    await runUntil(750);
    expect(scheduler.stats()).toMatchObject({ scheduled: 1, inFlight: 2 });
    await finish(1);
    await finish(2);
    await runUntil(5000);
    expect(startsOf(1)).toEqual([500]);
    expect(startsOf(2).length).toBeGreaterThan(1);
    // Back in the list, it starts over with a fresh offset.
    list.set(1, { intervalMs: 1000 });
    await runUntil(5250);
    await runUntil(5750);
    expect(startsOf(1)).toEqual([500, 5750]);
  });

  it('applies a shorter interval without waiting out the old one', async () => {
    const env: Env = { intervalMs: 60_000 };
    const { startsOf, runUntil } = setup({ 1: env });
    await runUntil(30_000);
    expect(startsOf(1)).toEqual([30_000]);
    env.intervalMs = 1000;
    await runUntil(33_000);
    expect(startsOf(1)).toEqual([30_000, 31_000, 32_000, 33_000]);
  });
});

describe('checkNow', () => {
  it('runs at once, and the schedule continues an interval after it', async () => {
    const { scheduler, startsOf, runUntil } = setup({ 1: { intervalMs: 10_000 } });
    await runUntil(1000);
    await scheduler.checkNow(1);
    expect(startsOf(1)).toEqual([1000]);
    await runUntil(10_750);
    expect(startsOf(1)).toEqual([1000]);
    await runUntil(11_000);
    expect(startsOf(1)).toEqual([1000, 11_000]);
  });

  it('coalesces with a check in flight instead of overlapping it', async () => {
    const { scheduler, startsOf, runUntil, finish } = setup({ 1: { intervalMs: 1000 } }, {}, true);
    await runUntil(500);
    let resolved = 0;
    const a = scheduler.checkNow(1).then(() => (resolved += 1));
    const b = scheduler.checkNow(1).then(() => (resolved += 1));
    await flush();
    expect(resolved).toBe(0);
    expect(startsOf(1)).toEqual([500]);
    await finish(1);
    await Promise.all([a, b]);
    expect(resolved).toBe(2);
    expect(startsOf(1)).toEqual([500]);
    // Idle now: two calls at once still make one check.
    const c = scheduler.checkNow(1);
    const d = scheduler.checkNow(1);
    expect(startsOf(1)).toEqual([500, 500]);
    await finish(1);
    await Promise.all([c, d]);
    expect(scheduler.stats().checksStarted).toBe(2);
  });

  it('runs an environment the scheduler has not listed yet', async () => {
    const { scheduler, startsOf } = setup({});
    await scheduler.checkNow(9);
    expect(startsOf(9)).toEqual([0]);
  });
});

describe('failures and lifecycle', () => {
  it('logs a rejected or throwing check, counts it as done and keeps scheduling', async () => {
    let calls = 0;
    const { scheduler, logger, runUntil } = setup(
      { 1: { intervalMs: 1000 } },
      {
        check: () => {
          calls += 1;
          if (calls === 1) throw new Error('boom');
          return Promise.reject(new Error('bang'));
        },
      },
    );
    await runUntil(3000);
    expect(calls).toBe(3);
    expect(scheduler.stats().inFlight).toBe(0);
    expect(logger.lines.filter((line) => line.startsWith('WARN monitor: a check failed'))).toHaveLength(3);
    expect(logger.lines.join('\n')).toContain('boom');
    expect(logger.lines.join('\n')).toContain('bang');
  });

  it('logs a failing list() and carries on', async () => {
    let broken = true;
    const { scheduler, logger, startsOf, runUntil } = setup(
      {},
      {
        random: () => 0,
        list: () => {
          if (broken) throw new Error('database is locked');
          return [{ id: 1, intervalMs: 1000, down: false, paused: false }];
        },
      },
    );
    await scheduler.tick();
    expect(logger.lines[0]).toContain('cannot list environments');
    broken = false;
    await runUntil(250);
    expect(startsOf(1)).toEqual([0]);
  });

  it('ticks on its own once started; stop waits for checks in flight and starts nothing after', async () => {
    const { scheduler, started, running, finish } = setup(
      { 1: { intervalMs: 1000 } },
      { tickMs: 5, random: () => 0 },
      true,
    );
    scheduler.start();
    scheduler.start(); // idempotent
    while (started.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    expect(running.size).toBe(1);
    await finish(1);
    await stopping;
    expect(stopped).toBe(true);
    await scheduler.tick();
    await scheduler.checkNow(1);
    expect(started).toHaveLength(1);
  });

  it('once started, a check due between ticks starts on its own timer, not at the next tick', async () => {
    // Real time: the first check is due half an interval (100 ms) after start, the next tick an hour
    // away. The check starting at all proves it was not waiting for a tick.
    const clock = { now: () => Date.now() };
    let started!: () => void;
    const firstCheck = new Promise<void>((resolve) => (started = resolve));
    const scheduler = createScheduler({
      clock,
      logger: createMemoryLogger(),
      random: () => 0.5,
      tickMs: 3_600_000,
      list: () => [{ id: 1, intervalMs: 200, down: false, paused: false }],
      check() {
        started();
        return Promise.resolve();
      },
    });
    scheduler.start();
    await firstCheck;
    expect(scheduler.stats().checksStarted).toBe(1);
    await scheduler.stop();
  });
});
