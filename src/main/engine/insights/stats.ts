// Time units, windows and the nearest-rank percentiles every insight uses, in one place so the
// numbers mean the same thing on every chart (docs/insights.md defines them).
import type { InsightRange } from '../../../shared/domain/insights.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;
/** A month, for bands and histogram buckets: 30 days. */
export const MONTH = 30 * DAY;

export const rangeDays: Record<InsightRange, number> = { '7d': 7, '30d': 30, '90d': 90 };

/** A half-open period (from, to]: a time t is in it when from < t <= to. */
export interface Period {
  from: number;
  to: number;
}

export const inPeriod = (t: number, p: Period): boolean => t > p.from && t <= p.to;

/** The window of `range` ending at `now`, and the one of the same length just before it. */
export function windowsOf(range: InsightRange, now: number): { current: Period; previous: Period } {
  const length = rangeDays[range] * DAY;
  return {
    current: { from: now - length, to: now },
    previous: { from: now - 2 * length, to: now - length },
  };
}

/**
 * Chart buckets over a window: one day for 7d, one week otherwise, aligned to the window's end and
 * counted back from it, so the oldest bucket is the partial one (clipped to the window's start).
 */
export function bucketsOf(range: InsightRange, window: Period): { step: number; buckets: Period[] } {
  const step = range === '7d' ? DAY : WEEK;
  const count = Math.ceil((window.to - window.from) / step);
  const buckets = Array.from({ length: count }, (_, i) => {
    const to = window.to - (count - 1 - i) * step;
    return { from: Math.max(window.from, to - step), to };
  });
  return { step, buckets };
}

/** Index of the bucket of bucketsOf() holding t (which must be in the window). */
export function bucketIndex(count: number, step: number, window: Period, t: number): number {
  return count - 1 - Math.floor((window.to - t) / step);
}

/**
 * Nearest-rank percentile (p in 0..1): the smallest sample with at least p of the samples at or
 * below it, i.e. sorted[ceil(p × n) − 1]. Always one of the samples; null without samples.
 * `sorted` must be in ascending order.
 */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1]!;
}

/** Median and p90 (nearest rank) of unsorted samples; the median of an even count is the lower middle. */
export function medianAndP90(samples: readonly number[]): {
  samples: number;
  medianMs: number | null;
  p90Ms: number | null;
} {
  const sorted = Float64Array.from(samples).sort(); // numeric order, unlike Array.prototype.sort
  return {
    samples: sorted.length,
    medianMs: percentileOfSorted(sorted, 0.5),
    p90Ms: percentileOfSorted(sorted, 0.9),
  };
}

/** The UTC day (days since the epoch) holding t. */
export const utcDay = (t: number): number => Math.floor(t / DAY);
