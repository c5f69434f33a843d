// Freeze windows on a fake clock across time zones: weekly and dated windows, past midnight, across
// New Year, and on the night the clocks go forward in Europe.
import { describe, expect, it } from 'vitest';
import { manualClock } from '../kernel/clock.ts';
import type { TimeWindowConfig } from '../config/index.ts';
import { describeUntil, describeWindow, freezeAt } from './freeze.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const utc = (text: string) => Date.parse(`${text}Z`);

const fridayAfternoon: TimeWindowConfig = {
  weekdays: ['fri'],
  from: '16:00',
  to: '24:00',
  timezone: 'Europe/Paris',
};

describe('freezeAt', () => {
  it('is not frozen without windows', () => {
    expect(freezeAt(undefined, utc('2026-01-02T15:30'))).toEqual({ frozen: false });
    expect(freezeAt([], utc('2026-01-02T15:30'))).toEqual({ frozen: false });
  });

  it('freezes a winter Friday from 16:00 Paris time, which is 15:00 UTC', () => {
    const clock = manualClock(utc('2026-01-02T14:30')); // Friday, 15:30 in Paris
    expect(freezeAt([fridayAfternoon], clock.now())).toEqual({ frozen: false });

    clock.set(utc('2026-01-02T14:59'));
    expect(freezeAt([fridayAfternoon], clock.now()).frozen).toBe(false);
    clock.set(utc('2026-01-02T15:00'));
    expect(freezeAt([fridayAfternoon], clock.now()).frozen).toBe(true);

    clock.set(utc('2026-01-02T15:30')); // 16:30 in Paris
    const state = freezeAt([fridayAfternoon], clock.now());
    expect(state).toEqual({
      frozen: true,
      reason: 'weekly freeze fri 16:00–24:00 Europe/Paris',
      until: utc('2026-01-02T23:00'),
      timeZone: 'Europe/Paris',
    });
    expect(describeUntil(utc('2026-01-02T23:00'), 'Europe/Paris')).toBe('Sat 00:00 Europe/Paris');

    clock.set(utc('2026-01-02T23:00')); // Saturday 00:00 in Paris
    expect(freezeAt([fridayAfternoon], clock.now()).frozen).toBe(false);
    // A Thursday at the same time is not frozen.
    expect(freezeAt([fridayAfternoon], utc('2026-01-01T15:30')).frozen).toBe(false);
  });

  it('freezes the last minute of Friday with "24:00", and chains into the weekend until Monday', () => {
    // Friday 23:59:30 in Paris.
    expect(freezeAt([fridayAfternoon], utc('2026-01-02T22:59') + 30_000)).toMatchObject({
      frozen: true,
      until: utc('2026-01-02T23:00'),
    });
    const weekend: TimeWindowConfig[] = [
      { ...fridayAfternoon, reason: 'weekend ahead' },
      { weekdays: ['sat', 'sun'], from: '00:00', to: '24:00', timezone: 'Europe/Paris' },
    ];
    for (const at of [utc('2026-01-02T16:00'), utc('2026-01-02T22:59') + 30_000, utc('2026-01-04T22:59')]) {
      const state = freezeAt(weekend, at);
      expect(state).toMatchObject({ frozen: true, until: utc('2026-01-04T23:00') });
      if (state.frozen) expect(describeUntil(state.until!, state.timeZone)).toBe('Mon 00:00 Europe/Paris');
    }
    expect(freezeAt(weekend, utc('2026-01-04T23:00')).frozen).toBe(false);
  });

  it('uses the window’s reason when it has one', () => {
    const state = freezeAt(
      [{ ...fridayAfternoon, reason: 'no deploys before the weekend' }],
      utc('2026-01-02T15:30'),
    );
    expect(state).toMatchObject({ frozen: true, reason: 'no deploys before the weekend' });
  });

  it('runs a window past midnight into the next day, in New York', () => {
    const overnight: TimeWindowConfig = {
      weekdays: ['fri'],
      from: '22:00',
      to: '06:00',
      timezone: 'America/New_York',
    };
    // Friday 21:59 in New York (UTC-5 in January): not yet.
    expect(freezeAt([overnight], utc('2026-01-03T02:59')).frozen).toBe(false);
    // Friday 23:00 and Saturday 05:00 in New York: frozen until Saturday 06:00 there.
    for (const at of [utc('2026-01-03T04:00'), utc('2026-01-03T10:00')]) {
      expect(freezeAt([overnight], at)).toMatchObject({ frozen: true, until: utc('2026-01-03T11:00') });
    }
    expect(describeUntil(utc('2026-01-03T11:00'), 'America/New_York')).toBe('Sat 06:00 America/New_York');
    expect(freezeAt([overnight], utc('2026-01-03T11:00')).frozen).toBe(false);
    // Saturday night is not Friday night.
    expect(freezeAt([overnight], utc('2026-01-04T04:00')).frozen).toBe(false);
  });

  it('freezes dated windows across New Year, with no known end more than 8 days ahead', () => {
    const holidays: TimeWindowConfig = {
      start: '2026-12-20T00:00',
      end: '2027-01-03T00:00',
      timezone: 'Europe/Paris',
    };
    expect(describeWindow(holidays)).toBe('freeze 2026-12-20T00:00 – 2027-01-03T00:00 Europe/Paris');
    expect(freezeAt([holidays], utc('2026-12-19T22:59')).frozen).toBe(false);
    expect(freezeAt([holidays], utc('2026-12-19T23:00'))).toMatchObject({ frozen: true, until: null });

    // New Year's night, 00:30 in Paris: frozen until Sunday 3 January 00:00 there.
    const state = freezeAt([holidays], utc('2026-12-31T23:30'));
    expect(state).toEqual({
      frozen: true,
      reason: 'freeze 2026-12-20T00:00 – 2027-01-03T00:00 Europe/Paris',
      until: utc('2027-01-02T23:00'),
      timeZone: 'Europe/Paris',
    });
    expect(describeUntil(utc('2027-01-02T23:00'), 'Europe/Paris')).toBe('Sun 00:00 Europe/Paris');
    expect(freezeAt([holidays], utc('2027-01-02T23:00')).frozen).toBe(false);
  });

  it('handles the night the clocks go forward in Paris (29 March 2026, 02:00 → 03:00)', () => {
    const sundayNight: TimeWindowConfig = {
      weekdays: ['sun'],
      from: '01:00',
      to: '04:00',
      timezone: 'Europe/Paris',
    };
    // 01:30 CET is 00:30 UTC; 04:00 CEST is 02:00 UTC: the window lasts two real hours tonight.
    expect(freezeAt([sundayNight], utc('2026-03-29T00:30'))).toMatchObject({
      frozen: true,
      until: utc('2026-03-29T02:00'),
    });
    expect(freezeAt([sundayNight], utc('2026-03-29T01:59')).frozen).toBe(true);
    expect(freezeAt([sundayNight], utc('2026-03-29T02:00')).frozen).toBe(false);
    // A week later (summer time) 04:00 Paris is still 02:00 UTC, and 01:00 Paris is 23:00 UTC.
    expect(freezeAt([sundayNight], utc('2026-04-04T23:00')).frozen).toBe(true);

    // The wall-clock hour 02:00–03:00 does not exist that night, so that window never freezes.
    const skipped: TimeWindowConfig = {
      weekdays: ['sun'],
      from: '02:00',
      to: '03:00',
      timezone: 'Europe/Paris',
    };
    for (let at = utc('2026-03-29T00:00'); at < utc('2026-03-29T03:00'); at += 5 * MINUTE) {
      expect(freezeAt([skipped], at).frozen).toBe(false);
    }

    // A dated freeze ending at the skipped 02:30 ends at 03:30 CEST (01:30 UTC).
    const dated: TimeWindowConfig = {
      start: '2026-03-28T20:00',
      end: '2026-03-29T02:30',
      timezone: 'Europe/Paris',
    };
    expect(freezeAt([dated], utc('2026-03-29T00:45'))).toMatchObject({
      frozen: true,
      until: utc('2026-03-29T01:30'),
    });
    expect(describeUntil(utc('2026-03-29T01:30'), 'Europe/Paris')).toBe('Sun 03:30 Europe/Paris');
  });

  it('ends a dated freeze at the first of two 02:30s the night the clocks go back', () => {
    const dated: TimeWindowConfig = {
      start: '2026-10-24T20:00',
      end: '2026-10-25T02:30',
      timezone: 'Europe/Paris',
    };
    // 02:30 CEST is 00:30 UTC; 02:30 CET (an hour later) would be 01:30 UTC.
    expect(freezeAt([dated], utc('2026-10-24T23:00'))).toMatchObject({ until: utc('2026-10-25T00:30') });
    expect(freezeAt([dated], utc('2026-10-25T00:30')).frozen).toBe(false);
  });

  it('works in zones with half-hour offsets, and in UTC by default', () => {
    const standup: TimeWindowConfig = {
      weekdays: ['mon'],
      from: '09:00',
      to: '09:30',
      timezone: 'Asia/Kolkata',
    };
    // Monday 5 January 2026, 09:15 in India (UTC+5:30).
    expect(freezeAt([standup], utc('2026-01-05T03:45'))).toMatchObject({
      frozen: true,
      until: utc('2026-01-05T04:00'),
      timeZone: 'Asia/Kolkata',
    });
    expect(freezeAt([standup], utc('2026-01-05T04:00')).frozen).toBe(false);

    const weekend: TimeWindowConfig = { weekdays: ['sat', 'sun'], from: '00:00', to: '00:00' };
    expect(freezeAt([weekend], utc('2026-01-04T12:00'))).toEqual({
      frozen: true,
      reason: 'weekly freeze sat, sun 00:00–00:00 UTC',
      until: utc('2026-01-05T00:00'),
      timeZone: 'UTC',
    });
  });

  it('treats adjoining windows as one freeze and ends to the second', () => {
    const windows: TimeWindowConfig[] = [
      { weekdays: ['fri'], from: '16:00', to: '20:00', timezone: 'Europe/Paris', reason: 'release train' },
      { weekdays: ['fri'], from: '20:00', to: '23:00', timezone: 'Europe/Paris' },
    ];
    expect(freezeAt(windows, utc('2026-01-02T15:30'))).toMatchObject({
      frozen: true,
      reason: 'release train',
      until: utc('2026-01-02T22:00'),
    });

    // A dated window handing over to a weekly one.
    const handover: TimeWindowConfig[] = [
      { start: '2026-01-02T09:00', end: '2026-01-02T16:00', timezone: 'Europe/Paris' },
      fridayAfternoon,
    ];
    expect(freezeAt(handover, utc('2026-01-02T09:00'))).toMatchObject({
      frozen: true,
      reason: 'freeze 2026-01-02T09:00 – 2026-01-02T16:00 Europe/Paris',
      until: utc('2026-01-02T23:00'),
    });

    const bySecond: TimeWindowConfig = { start: '2026-01-02T18:00', end: '2026-01-02T18:00:30' };
    expect(freezeAt([bySecond], utc('2026-01-02T18:00') + 10_000)).toMatchObject({
      frozen: true,
      until: utc('2026-01-02T18:00') + 30_000,
    });
  });

  it('has no known end when frozen every day', () => {
    const always: TimeWindowConfig = {
      weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      from: '00:00',
      to: '00:00',
    };
    const started = performance.now();
    expect(freezeAt([always], utc('2026-01-02T12:34') + 567)).toMatchObject({ frozen: true, until: null });
    expect(performance.now() - started).toBeLessThan(2000);
    // Within the horizon, a freeze ending 7 days 23 hours later is still found.
    const long: TimeWindowConfig = { start: '2026-01-01T00:00', end: '2026-01-08T23:00' };
    expect(freezeAt([long], utc('2026-01-01T00:00'))).toMatchObject({ until: utc('2026-01-08T23:00') });
    expect(freezeAt([long], utc('2026-01-01T00:00') - HOUR).frozen).toBe(false);
  });
});

describe('describeUntil', () => {
  it('names the weekday and time in the given zone', () => {
    const monday8Paris = utc('2026-01-05T07:00');
    expect(describeUntil(monday8Paris, 'Europe/Paris')).toBe('Mon 08:00 Europe/Paris');
    expect(describeUntil(monday8Paris, 'UTC')).toBe('Mon 07:00 UTC');
    expect(describeUntil(monday8Paris, 'America/Los_Angeles')).toBe('Sun 23:00 America/Los_Angeles');
    expect(describeUntil(utc('2026-01-05T00:00'), 'UTC')).toBe('Mon 00:00 UTC');
  });
});
