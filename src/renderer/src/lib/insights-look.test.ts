import { describe, expect, it } from 'vitest';
import type { DoraKeys } from '../../../shared/domain/insights.ts';
import { bandLook, formatKeyValue, formatRate, keyValue, trendOf, trendText } from './insights-look.ts';

const HOUR = 3_600_000;

describe('DORA trends', () => {
  it('calls more deploys better and fewer worse', () => {
    expect(trendOf('deploymentFrequency', 3, 1)).toEqual({ direction: 'up', verdict: 'better' });
    expect(trendOf('deploymentFrequency', 1, 3)).toEqual({ direction: 'down', verdict: 'worse' });
  });

  it('calls longer lead times, more failures and slower restores worse', () => {
    expect(trendOf('leadTime', 5 * HOUR, 2 * HOUR)).toEqual({ direction: 'up', verdict: 'worse' });
    expect(trendOf('leadTime', 2 * HOUR, 5 * HOUR)).toEqual({ direction: 'down', verdict: 'better' });
    expect(trendOf('changeFailureRate', 0.3, 0.1)).toEqual({ direction: 'up', verdict: 'worse' });
    expect(trendOf('changeFailureRate', 0, 0.25)).toEqual({ direction: 'down', verdict: 'better' });
    expect(trendOf('timeToRestore', HOUR, 3 * HOUR)).toEqual({ direction: 'down', verdict: 'better' });
  });

  it('reads tiny changes and zero against zero as the same, and missing data as unknown', () => {
    expect(trendOf('leadTime', 1000 * HOUR, 1001 * HOUR)).toEqual({ direction: 'flat', verdict: 'same' });
    expect(trendOf('changeFailureRate', 0, 0)).toEqual({ direction: 'flat', verdict: 'same' });
    expect(trendOf('leadTime', HOUR, null)).toEqual({ direction: 'none', verdict: 'unknown' });
    expect(trendOf('timeToRestore', null, HOUR)).toEqual({ direction: 'none', verdict: 'unknown' });
  });

  it('says the trend in words with the previous value', () => {
    expect(trendText({ direction: 'up', verdict: 'better' }, '2 / week', '30d')).toBe(
      'Up, better than the previous 30 days (was 2 / week)',
    );
    expect(trendText({ direction: 'up', verdict: 'worse' }, '3 h', '7d')).toBe(
      'Up, worse than the previous 7 days (was 3 h)',
    );
    expect(trendText({ direction: 'none', verdict: 'unknown' }, '—', '90d')).toBe(
      'No data to compare with the previous 90 days',
    );
  });
});

describe('DORA bands and values', () => {
  it('names each band with a tone, and says when there is none', () => {
    expect(bandLook('elite')).toMatchObject({ label: 'Elite', tone: 'ok' });
    expect(bandLook('high')).toMatchObject({ label: 'High', tone: 'info' });
    expect(bandLook('medium')).toMatchObject({ label: 'Medium', tone: 'warning' });
    expect(bandLook('low')).toMatchObject({ label: 'Low', tone: 'danger' });
    expect(bandLook(null)).toMatchObject({ label: 'No data', tone: 'neutral' });
  });

  it('formats each key for its tile', () => {
    expect(formatKeyValue('deploymentFrequency', 0.2333)).toBe('0.2 / week');
    expect(formatKeyValue('deploymentFrequency', 0.04)).toBe('0.04 / week');
    expect(formatKeyValue('deploymentFrequency', 0)).toBe('0 / week');
    expect(formatKeyValue('deploymentFrequency', 21)).toBe('3 / day');
    expect(formatKeyValue('leadTime', 3 * HOUR + 20 * 60_000)).toBe('3 h 20 min');
    expect(formatKeyValue('changeFailureRate', 0.25)).toBe('25 %');
    expect(formatKeyValue('timeToRestore', null)).toBe('—');
    expect(formatRate(1 / 30)).toBe('3.3 %');
  });

  it('compares frequency per week, durations by median, failures by rate', () => {
    const keys: DoraKeys = {
      deploymentFrequency: { deploys: 4, perDay: 4 / 7, perWeek: 4, deployDays: 3, band: 'elite' },
      leadTime: { samples: 2, medianMs: HOUR, p90Ms: 2 * HOUR, band: 'high' },
      changeFailureRate: { deploys: 4, failures: 1, rate: 0.25, band: 'high' },
      timeToRestore: { samples: 0, medianMs: null, p90Ms: null, band: null },
    };
    expect(keyValue(keys, 'deploymentFrequency')).toBe(4);
    expect(keyValue(keys, 'leadTime')).toBe(HOUR);
    expect(keyValue(keys, 'changeFailureRate')).toBe(0.25);
    expect(keyValue(keys, 'timeToRestore')).toBeNull();
  });
});
