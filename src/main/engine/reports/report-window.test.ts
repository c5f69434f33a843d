// Report windows, the DORA range nearest to them, and the dates in file names.
import { describe, expect, it } from 'vitest';
import { DAY_MS, fileStem, nearestRange, resolveWindow, safeFilePart } from './report-window.ts';

const NOW = Date.UTC(2026, 10, 26, 10);

describe('report windows', () => {
  it('defaults to the 30 days before until, and until to now', () => {
    expect(resolveWindow({}, NOW)).toEqual({ since: NOW - 30 * DAY_MS, until: NOW });
    expect(resolveWindow({ until: NOW - DAY_MS }, NOW)).toEqual({
      since: NOW - 31 * DAY_MS,
      until: NOW - DAY_MS,
    });
    expect(() => resolveWindow({ since: NOW }, NOW)).toThrow(/window is empty/);
  });

  it.each([
    [1, '7d', false],
    [7, '7d', true],
    [14, '7d', false],
    [15, '30d', false],
    [30, '30d', true],
    [45, '30d', false],
    [51, '30d', false],
    [52, '90d', false],
    [90, '90d', true],
    [400, '90d', false],
  ])('%d days → %s (exact: %s)', (days, range, exact) => {
    expect(nearestRange({ since: NOW - days * DAY_MS, until: NOW })).toMatchObject({ range, exact, days });
  });

  it('names files by UTC dates, the last one being the day the window ends in', () => {
    expect(fileStem({ since: NOW - 30 * DAY_MS, until: NOW }, null)).toBe('2026-10-27-to-2026-11-26');
    expect(fileStem({ since: Date.UTC(2026, 10, 1), until: Date.UTC(2026, 11, 1) }, null)).toBe(
      '2026-11-01-to-2026-11-30',
    );
    expect(fileStem({ since: 0, until: 1 }, 'v1.2.0')).toBe('v1.2.0');
    expect(safeFilePart('../../etc/passwd')).toBe('etc-passwd');
    expect(safeFilePart('release 1.2 (final)/x')).toBe('release-1.2-final-x');
    expect(safeFilePart('???')).toBe('unnamed');
  });
});
