import { describe, expect, it } from 'vitest';
import { DAY, WEEK, bucketIndex, bucketsOf, medianAndP90, percentileOfSorted } from './stats.ts';

describe('nearest-rank percentiles', () => {
  it('picks sorted[ceil(p × n) − 1], the lower middle for an even median', () => {
    expect(percentileOfSorted([], 0.5)).toBeNull();
    expect(percentileOfSorted([7], 0.9)).toBe(7);
    expect(percentileOfSorted([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentileOfSorted([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(percentileOfSorted([1, 2, 3, 4], 0.9)).toBe(4);
    const ten = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(percentileOfSorted(ten, 0.9)).toBe(9);
    const seventy = Array.from({ length: 70 }, (_, i) => i + 1);
    expect(percentileOfSorted(seventy, 0.9)).toBe(63);
  });

  it('sorts numerically, not as text', () => {
    expect(medianAndP90([100, 9, 20])).toEqual({ samples: 3, medianMs: 20, p90Ms: 100 });
    expect(medianAndP90([])).toEqual({ samples: 0, medianMs: null, p90Ms: null });
  });
});

describe('chart buckets', () => {
  it('counts back from the window end, clipping the oldest bucket', () => {
    const window = { from: 1000 - 30 * DAY, to: 1000 };
    const { step, buckets } = bucketsOf('30d', window);
    expect(step).toBe(WEEK);
    expect(buckets.map((b) => (window.to - b.from) / DAY)).toEqual([30, 28, 21, 14, 7]);
    expect(buckets.at(-1)!.to).toBe(window.to);
    expect(bucketIndex(5, step, window, window.to)).toBe(4);
    expect(bucketIndex(5, step, window, window.to - WEEK)).toBe(3); // (from, to]: the end belongs to the older bucket
    expect(bucketIndex(5, step, window, window.from + 1)).toBe(0);
    expect(bucketsOf('7d', { from: 0, to: 7 * DAY }).buckets).toHaveLength(7);
    expect(bucketsOf('90d', { from: 0, to: 90 * DAY }).buckets).toHaveLength(13);
  });
});
