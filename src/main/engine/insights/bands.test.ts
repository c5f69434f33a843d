import { describe, expect, it } from 'vitest';
import { failureRateBand, frequencyBand, leadTimeBand, restoreBand } from './bands.ts';
import { DAY, HOUR, WEEK } from './stats.ts';

describe('bands', () => {
  it('bands deployment frequency', () => {
    const f = (deploys: number, days: number, medianWeeklyDeployDays = 0) =>
      frequencyBand({ deploys, days, medianWeeklyDeployDays });
    expect(f(0, 7)).toBe('low');
    expect(f(21, 7, 3)).toBe('elite');
    expect(f(2, 7, 2)).toBe('high');
    expect(f(1, 7, 1)).toBe('high');
    expect(f(4, 30)).toBe('medium'); // under one a week, at least one a month
    expect(f(5, 30)).toBe('high');
    expect(f(1, 30)).toBe('medium');
    expect(f(3, 90)).toBe('medium');
    expect(f(2, 90)).toBe('low');
  });

  it('bands lead time, failure rate and time to restore at their edges', () => {
    expect(leadTimeBand(null)).toBeNull();
    expect(leadTimeBand(HOUR - 1)).toBe('elite');
    expect(leadTimeBand(HOUR)).toBe('high');
    expect(leadTimeBand(WEEK)).toBe('medium');
    expect(leadTimeBand(180 * DAY - 1)).toBe('medium');
    expect(leadTimeBand(180 * DAY)).toBe('low');
    expect(failureRateBand(null)).toBeNull();
    expect(failureRateBand(0.15)).toBe('elite');
    expect(failureRateBand(0.1501)).toBe('high');
    expect(failureRateBand(0.3)).toBe('high');
    expect(failureRateBand(0.45)).toBe('medium');
    expect(failureRateBand(0.46)).toBe('low');
    expect(restoreBand(null)).toBeNull();
    expect(restoreBand(HOUR - 1)).toBe('elite');
    expect(restoreBand(DAY - 1)).toBe('high');
    expect(restoreBand(DAY)).toBe('medium');
    expect(restoreBand(WEEK)).toBe('low');
  });
});
