// Decides when each environment is checked: jittered so a thousand environments don't fire together
// (never later than the interval), never overlapping itself, under a global cap, backing off while
// down only when a cap above the interval is configured, and calm after a sleep.
import type { Clock } from '../../kernel/clock.ts';
import type { Logger } from '../../kernel/diagnostics/logger.ts';
import { repeatingTick } from '../../kernel/repeating-tick.ts';

export interface SchedulerOptions {
  clock: Clock;
  /**
   * Current environments to check, each with its interval, whether it is down, and how far the wait
   * may grow while it is down (its backoff cap; default `maxBackoffMs`); called every tick.
   */
  list(): { id: number; intervalMs: number; down: boolean; paused: boolean; maxBackoffMs?: number }[];
  /** Runs one check; resolves when done (errors are the caller's to record; a rejection is logged and counted as done). */
  check(id: number): Promise<void>;
  /** Global cap on checks in flight, default 16. */
  concurrency?: number;
  /** How often the list is read and finished checks rescheduled, default 250 ms (a due check starts on its own timer). */
  tickMs?: number;
  /**
   * Cap for exponential backoff while down, for environments that give none. Default: none — a down
   * environment is checked every interval, so its recovery is seen within one.
   */
  maxBackoffMs?: number;
  /** For jitter (tests pass a fixed one). */
  random?: () => number;
  logger: Logger;
}

export interface Scheduler {
  start(): void;
  /** Stops scheduling and waits for the checks in flight. */
  stop(): Promise<void>;
  /** One pass (tests drive it with a manual clock). Starts due checks; does not wait for them. */
  tick(): Promise<void>;
  /** Runs now, out of schedule, but never overlapping a check of the same id in flight (awaits that one instead). */
  checkNow(id: number): Promise<void>;
  /**
   * When the environment's next check is due at the latest (`down`: what the last check found, for a
   * check that just finished); null while one runs, or when it is not scheduled.
   */
  nextCheckAt(id: number, down: boolean): number | null;
  stats(): { inFlight: number; scheduled: number; lagMsP99: number | null; checksStarted: number };
}

/**
 * Waits are shortened by up to 10% so environments that start together drift apart — never
 * lengthened: an environment is checked at least once per interval.
 */
const JITTER = 0.1;
/** Lag samples kept for the p99. */
const LAG_SAMPLES = 1000;
/** A gap between ticks this long means the machine slept (or the process was frozen). */
const SLEEP_GAP_MS = 30_000;

interface Entry {
  id: number;
  intervalMs: number;
  paused: boolean;
  /** When the next check is due; null while one runs or until its finish is scheduled. */
  dueAt: number | null;
  /** A check finished at this time and the next one is not scheduled yet (done on the next tick). */
  finishedAt: number | null;
  /** Consecutive checks after which the environment was down (the backoff exponent). */
  downStreak: number;
  /** The longest wait while down (its backoff cap); the interval itself means no backoff. */
  maxBackoffMs: number;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { clock, logger, concurrency = 16, tickMs = 250 } = options;
  const random = options.random ?? Math.random;
  const entries = new Map<number, Entry>();
  /** Keyed by environment id, independent of `entries` so a forgotten one still can't overlap. */
  const inFlight = new Map<number, Promise<void>>();
  const lags: number[] = [];
  let lagIndex = 0;
  let checksStarted = 0;
  let lastTickAt: number | null = null;
  let stopped = false;
  const ticks = repeatingTick(tick, tickMs);
  let wake: { at: number; timer: NodeJS.Timeout } | null = null;

  const jittered = (ms: number) => ms * (1 - Math.max(0, random() * 2 - 1) * JITTER);

  function backedOff(entry: Entry, downStreak = entry.downStreak): number {
    if (downStreak === 0) return entry.intervalMs;
    const cap = Math.max(entry.maxBackoffMs, entry.intervalMs);
    return Math.min(entry.intervalMs * 2 ** Math.min(downStreak, 30), cap);
  }

  function recordLag(lag: number) {
    if (lags.length < LAG_SAMPLES) lags.push(lag);
    else lags[lagIndex] = lag;
    lagIndex = (lagIndex + 1) % LAG_SAMPLES;
  }

  function run(id: number, scheduledAt: number | null): Promise<void> {
    const startedAt = clock.now();
    checksStarted += 1;
    if (scheduledAt !== null) recordLag(Math.max(0, startedAt - scheduledAt));
    const entry = entries.get(id);
    if (entry) {
      entry.dueAt = null;
      entry.finishedAt = null;
    }
    let pending: Promise<void>;
    try {
      pending = options.check(id);
    } catch (error) {
      pending = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const done = pending
      .catch((error: unknown) =>
        logger.warn('monitor: a check failed unexpectedly', { environmentId: id, error }),
      )
      .finally(() => {
        inFlight.delete(id);
        // Its next check is scheduled from the finish, on the next tick, when `down` is fresh.
        const current = entries.get(id);
        if (current) current.finishedAt = clock.now();
        // A freed slot goes to the next due check at once, not at the next tick: with ticks alone
        // the cap would also be a rate limit (concurrency × ticks per second).
        if (!stopped && ticks.running) fill(clock.now());
      });
    inFlight.set(id, done);
    return done;
  }

  function pass() {
    const now = clock.now();
    let listed: ReturnType<SchedulerOptions['list']>;
    try {
      listed = options.list();
    } catch (error) {
      logger.error('monitor: cannot list environments', { error });
      return;
    }
    const slept = lastTickAt !== null && now - lastTickAt > Math.max(SLEEP_GAP_MS, 10 * tickMs);
    lastTickAt = now;

    const seen = new Set<number>();
    for (const item of listed) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      let entry = entries.get(item.id);
      if (!entry) {
        // First check at a random point within the interval.
        entry = {
          id: item.id,
          intervalMs: item.intervalMs,
          paused: item.paused,
          dueAt: inFlight.has(item.id) ? null : now + random() * item.intervalMs,
          finishedAt: null,
          downStreak: 0,
          maxBackoffMs: 0,
        };
        entries.set(item.id, entry);
      } else if (entry.intervalMs !== item.intervalMs) {
        // A shorter interval takes effect now rather than after the old, longer one.
        const previous = entry.intervalMs;
        entry.intervalMs = item.intervalMs;
        if (item.intervalMs < previous && entry.dueAt !== null) {
          entry.dueAt = Math.min(entry.dueAt, now + random() * item.intervalMs);
        }
      }
      entry.paused = item.paused;
      entry.maxBackoffMs = item.maxBackoffMs ?? options.maxBackoffMs ?? item.intervalMs;
      if (entry.finishedAt !== null) {
        entry.downStreak = item.down ? entry.downStreak + 1 : 0;
        entry.dueAt = entry.finishedAt + jittered(backedOff(entry));
        entry.finishedAt = null;
      }
      // After a sleep each overdue environment runs once, counted as due from the wake-up: no burst
      // of catch-up checks, and no hours of "lag" in the stats.
      if (slept && entry.dueAt !== null && entry.dueAt < now) entry.dueAt = now;
    }
    for (const id of entries.keys()) if (!seen.has(id)) entries.delete(id);
    fill(now);
  }

  /**
   * Starts the most overdue checks that fit under the concurrency cap, then sets a timer for the next
   * one due before the next tick: a check starts when it is due, not up to a tick later.
   */
  function fill(now: number) {
    const free = concurrency - inFlight.size;
    if (free <= 0) return;
    const due: Entry[] = [];
    let nextDue = Infinity;
    for (const entry of entries.values()) {
      if (entry.paused || entry.dueAt === null || inFlight.has(entry.id)) continue;
      if (entry.dueAt <= now) due.push(entry);
      else if (entry.dueAt < nextDue) nextDue = entry.dueAt;
    }
    due.sort((a, b) => a.dueAt! - b.dueAt! || a.id - b.id);
    for (const entry of due.slice(free)) nextDue = Math.min(nextDue, entry.dueAt!);
    for (const entry of due.slice(0, free)) void run(entry.id, entry.dueAt);
    // With every slot taken, the next finishing check fills again.
    if (inFlight.size < concurrency) wakeAt(nextDue, now);
  }

  /** One timer for the earliest due check between ticks; ticks cover everything later. */
  function wakeAt(dueAt: number, now: number) {
    if (stopped || !ticks.running || dueAt === Infinity || dueAt - now >= tickMs) return;
    if (wake !== null && wake.at <= dueAt) return;
    if (wake !== null) clearTimeout(wake.timer);
    const handle = setTimeout(
      () => {
        wake = null;
        if (!stopped) fill(clock.now());
      },
      Math.max(0, dueAt - now),
    );
    handle.unref();
    wake = { at: dueAt, timer: handle };
  }

  function tick(): Promise<void> {
    if (!stopped) pass();
    return Promise.resolve();
  }

  return {
    start() {
      if (!ticks.start()) return; // first, so the first pass may set the timer of an early check
      stopped = false;
      void tick();
    },
    async stop() {
      stopped = true;
      ticks.stop();
      if (wake !== null) clearTimeout(wake.timer);
      wake = null;
      await Promise.allSettled([...inFlight.values()]);
    },
    tick,
    checkNow(id) {
      const running = inFlight.get(id);
      if (running) return running;
      if (stopped) return Promise.resolve();
      return run(id, null);
    },
    nextCheckAt(id, down) {
      const entry = entries.get(id);
      if (!entry || entry.paused || inFlight.has(id)) return null;
      // Finished, not rescheduled yet (that happens on the next tick): when it will be, unjittered.
      if (entry.finishedAt !== null)
        return entry.finishedAt + backedOff(entry, down ? entry.downStreak + 1 : 0);
      return entry.dueAt;
    },
    stats() {
      let lagMsP99: number | null = null;
      if (lags.length > 0) {
        const sorted = [...lags].sort((a, b) => a - b);
        lagMsP99 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)]!;
      }
      const scheduled = [...entries.values()].filter((entry) => !entry.paused).length;
      return { inFlight: inFlight.size, scheduled, lagMsP99, checksStarted };
    },
  };
}
