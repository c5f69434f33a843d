import { describe, expect, it } from 'vitest';
import { timeTicks } from './time-ticks.ts';

const HOUR = 3_600_000;

describe('time ticks', () => {
  it('falls on round hours for a day, every 3 hours', () => {
    const end = new Date(2026, 10, 26, 14, 43).getTime();
    const ticks = timeTicks(end - 24 * HOUR, end, '24h');
    expect(ticks.length).toBe(8);
    for (const tick of ticks) {
      const date = new Date(tick);
      expect(date.getMinutes()).toBe(0);
      expect(date.getHours() % 3).toBe(0);
    }
  });

  it('falls on round 10 minutes for an hour, and midnights for a week', () => {
    const end = new Date(2026, 10, 26, 14, 43).getTime();
    expect(timeTicks(end - HOUR, end, '1h').map((t) => new Date(t).getMinutes())).toEqual([
      50, 0, 10, 20, 30, 40,
    ]);
    const week = timeTicks(end - 7 * 24 * HOUR, end, '7d');
    expect(week).toHaveLength(7);
    expect(week.every((t) => new Date(t).getHours() === 0)).toBe(true);
  });
});
