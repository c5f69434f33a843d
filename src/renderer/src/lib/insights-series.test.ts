import { describe, expect, it } from 'vitest';
import {
  bucketFailureRate,
  bucketHeading,
  bucketSpans,
  deployBars,
  failureRateLines,
} from './insights-series.ts';

const DAY = 86_400_000;
const bucket = (deploys: number, failures: number) => ({
  start: 0,
  deploys,
  failures,
  failureRate: deploys === 0 ? 0 : failures / deploys,
  leadTimeMedianMs: null,
  restoreMedianMs: null,
});

describe('insights series', () => {
  it('gives each bucket its span up to the next one, the last up to the window’s end', () => {
    expect(bucketSpans([0, 2 * DAY, 9 * DAY], 16 * DAY)).toEqual([
      { start: 0, end: 2 * DAY },
      { start: 2 * DAY, end: 9 * DAY },
      { start: 9 * DAY, end: 16 * DAY },
    ]);
  });

  it('heads a weekly bucket with its first and last day, a daily one with the day', () => {
    const start = new Date(2026, 10, 3).getTime();
    const week = bucketHeading({ start, end: start + 7 * DAY }, '30d');
    expect(week).toMatch(/Nov 3.*–.*Nov 9|3 Nov.*–.*9 Nov/);
    expect(bucketHeading({ start, end: start + DAY }, '7d')).toMatch(/Nov 3|3 Nov/);
  });

  it('stacks failed deploys on those that held', () => {
    expect(deployBars(bucket(4, 1))).toEqual({
      held: 3,
      failed: 1,
      lines: ['4 deploys', '1 was followed by a failure'],
    });
    expect(deployBars(bucket(1, 0)).lines).toEqual(['1 deploy', 'none followed by a failure']);
    // Never more failures than deploys.
    expect(deployBars(bucket(2, 5))).toMatchObject({ held: 0, failed: 2 });
  });

  it('shows an empty bucket as zero, not missing', () => {
    expect(bucketFailureRate(bucket(0, 0))).toBe(0);
    expect(bucketFailureRate(bucket(4, 1))).toBe(0.25);
    expect(failureRateLines(bucket(0, 0))).toEqual(['no deploys: 0 %']);
    expect(failureRateLines(bucket(4, 1))).toEqual(['25 % failed', '1 of 4 deploys']);
  });
});
