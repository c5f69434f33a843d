// Maintenance windows across time zones, DST change days, past-midnight windows and one-off edges.
import { describe, expect, it } from 'vitest';
import type { MaintenanceWindowConfig } from '../../config/index.ts';
import { activeMaintenance } from './maintenance.ts';

const utc = (iso: string) => Date.parse(`${iso}Z`);

describe('one-off windows', () => {
  it('is null without windows', () => {
    expect(activeMaintenance(undefined, utc('2026-01-01T00:00'))).toBeNull();
    expect(activeMaintenance([], utc('2026-01-01T00:00'))).toBeNull();
  });

  it('defaults to UTC; the start is inclusive, the end exclusive', () => {
    const window: MaintenanceWindowConfig = { start: '2026-12-24T18:00', end: '2026-12-24T20:30:15' };
    expect(activeMaintenance([window], utc('2026-12-24T18:00') - 1)).toBeNull();
    expect(activeMaintenance([window], utc('2026-12-24T18:00'))).toBe(window);
    expect(activeMaintenance([window], utc('2026-12-24T20:30:15') - 1)).toBe(window);
    expect(activeMaintenance([window], utc('2026-12-24T20:30:15'))).toBeNull();
  });

  it('reads local times in the window’s zone, with its winter and summer offsets', () => {
    const winter: MaintenanceWindowConfig = {
      start: '2026-01-10T10:00',
      end: '2026-01-10T12:00',
      timezone: 'Europe/Paris',
    };
    expect(activeMaintenance([winter], utc('2026-01-10T08:59'))).toBeNull();
    expect(activeMaintenance([winter], utc('2026-01-10T09:00'))).toBe(winter);
    expect(activeMaintenance([winter], utc('2026-01-10T10:59'))).toBe(winter);
    expect(activeMaintenance([winter], utc('2026-01-10T11:00'))).toBeNull();

    const summer = { ...winter, start: '2026-07-10T10:00', end: '2026-07-10T12:00' };
    expect(activeMaintenance([summer], utc('2026-07-10T08:00'))).toBe(summer);
    expect(activeMaintenance([summer], utc('2026-07-10T10:00'))).toBeNull();

    const kolkata = { start: '2026-07-10T10:00', end: '2026-07-10T10:30', timezone: 'Asia/Kolkata' };
    expect(activeMaintenance([kolkata], utc('2026-07-10T04:30'))).toBe(kolkata);
    expect(activeMaintenance([kolkata], utc('2026-07-10T05:00'))).toBeNull();
  });

  it('shifts a start in the skipped spring hour by the jump (02:30 → 03:30 CEST)', () => {
    const window = { start: '2026-03-29T02:30', end: '2026-03-29T05:00', timezone: 'Europe/Paris' };
    expect(activeMaintenance([window], utc('2026-03-29T01:30') - 1)).toBeNull();
    expect(activeMaintenance([window], utc('2026-03-29T01:30'))).toBe(window);
    expect(activeMaintenance([window], utc('2026-03-29T03:00') - 1)).toBe(window);
    expect(activeMaintenance([window], utc('2026-03-29T03:00'))).toBeNull();
  });

  it('takes the first occurrence of a time repeated in the autumn', () => {
    const window = { start: '2026-10-25T01:00', end: '2026-10-25T02:30', timezone: 'Europe/Paris' };
    expect(activeMaintenance([window], utc('2026-10-24T23:00'))).toBe(window); // 01:00 CEST
    expect(activeMaintenance([window], utc('2026-10-25T00:30') - 1)).toBe(window);
    expect(activeMaintenance([window], utc('2026-10-25T00:30'))).toBeNull(); // 02:30 CEST
    expect(activeMaintenance([window], utc('2026-10-25T01:15'))).toBeNull(); // 02:15 CET, again
  });
});

describe('recurring windows', () => {
  // 2026-01-03 is a Saturday.
  const saturdayNight: MaintenanceWindowConfig = { weekdays: ['sat'], from: '02:00', to: '04:00' };

  it('matches weekday and from ≤ time < to, in UTC by default', () => {
    expect(activeMaintenance([saturdayNight], utc('2026-01-03T01:59'))).toBeNull();
    expect(activeMaintenance([saturdayNight], utc('2026-01-03T02:00'))).toBe(saturdayNight);
    expect(activeMaintenance([saturdayNight], utc('2026-01-03T03:59:59.999'))).toBe(saturdayNight);
    expect(activeMaintenance([saturdayNight], utc('2026-01-03T04:00'))).toBeNull();
    expect(activeMaintenance([saturdayNight], utc('2026-01-04T02:30'))).toBeNull(); // Sunday
    expect(activeMaintenance([saturdayNight], utc('2026-01-10T02:30'))).toBe(saturdayNight); // next week
  });

  it('uses the window’s zone: the same times are an hour earlier in UTC for Paris in winter', () => {
    const paris = { ...saturdayNight, timezone: 'Europe/Paris' };
    expect(activeMaintenance([paris], utc('2026-01-03T00:59'))).toBeNull();
    expect(activeMaintenance([paris], utc('2026-01-03T01:00'))).toBe(paris);
    expect(activeMaintenance([paris], utc('2026-01-03T03:00'))).toBeNull();
    expect(activeMaintenance([saturdayNight], utc('2026-01-03T03:00'))).toBe(saturdayNight);
    // In summer Paris is UTC+2.
    expect(activeMaintenance([paris], utc('2026-07-04T00:00'))).toBe(paris);
    expect(activeMaintenance([paris], utc('2026-07-04T02:00'))).toBeNull();
    // The weekday is Paris's: Friday 23:30 UTC is already Saturday 01:30 in Paris in summer.
    const early = { weekdays: ['sat' as const], from: '01:00', to: '02:00', timezone: 'Europe/Paris' };
    expect(activeMaintenance([early], utc('2026-07-03T23:30'))).toBe(early);
  });

  it('runs a window whose `to` is before `from` past midnight into the next day', () => {
    const window: MaintenanceWindowConfig = { weekdays: ['fri'], from: '22:00', to: '02:00' };
    expect(activeMaintenance([window], utc('2026-01-02T21:59'))).toBeNull(); // Friday
    expect(activeMaintenance([window], utc('2026-01-02T22:00'))).toBe(window);
    expect(activeMaintenance([window], utc('2026-01-02T23:59'))).toBe(window);
    expect(activeMaintenance([window], utc('2026-01-03T00:00'))).toBe(window); // Saturday morning
    expect(activeMaintenance([window], utc('2026-01-03T01:59'))).toBe(window);
    expect(activeMaintenance([window], utc('2026-01-03T02:00'))).toBeNull();
    expect(activeMaintenance([window], utc('2026-01-03T22:30'))).toBeNull(); // Saturday evening
    expect(activeMaintenance([window], utc('2026-01-02T01:00'))).toBeNull(); // Friday morning: Thursday's tail
  });

  it('follows the wall clock on the spring-forward day: 01:00–04:00 Paris lasts two real hours', () => {
    const window = { weekdays: ['sun' as const], from: '01:00', to: '04:00', timezone: 'Europe/Paris' };
    expect(activeMaintenance([window], utc('2026-03-28T23:59'))).toBeNull(); // 00:59 CET
    expect(activeMaintenance([window], utc('2026-03-29T00:00'))).toBe(window); // 01:00 CET
    expect(activeMaintenance([window], utc('2026-03-29T01:30'))).toBe(window); // 03:30 CEST
    expect(activeMaintenance([window], utc('2026-03-29T02:00'))).toBeNull(); // 04:00 CEST
  });

  it('covers both runs of a repeated hour on the fall-back day', () => {
    const window = { weekdays: ['sun' as const], from: '02:00', to: '03:00', timezone: 'Europe/Paris' };
    expect(activeMaintenance([window], utc('2026-10-24T23:59'))).toBeNull(); // 01:59 CEST
    expect(activeMaintenance([window], utc('2026-10-25T00:30'))).toBe(window); // 02:30 CEST
    expect(activeMaintenance([window], utc('2026-10-25T01:30'))).toBe(window); // 02:30 CET
    expect(activeMaintenance([window], utc('2026-10-25T02:00'))).toBeNull(); // 03:00 CET
  });

  it('ends a window at "24:00" at midnight, so it covers the day’s last minute', () => {
    const evening: MaintenanceWindowConfig = { weekdays: ['fri'], from: '16:00', to: '24:00' };
    expect(activeMaintenance([evening], utc('2026-01-02T15:59'))).toBeNull(); // Friday
    expect(activeMaintenance([evening], utc('2026-01-02T16:00'))).toBe(evening);
    expect(activeMaintenance([evening], utc('2026-01-02T23:59') + 59_999)).toBe(evening);
    expect(activeMaintenance([evening], utc('2026-01-03T00:00'))).toBeNull(); // Saturday
    expect(activeMaintenance([evening], utc('2026-01-01T23:30'))).toBeNull(); // Thursday

    const saturday: MaintenanceWindowConfig = { weekdays: ['sat'], from: '00:00', to: '24:00' };
    expect(activeMaintenance([saturday], utc('2026-01-02T23:59'))).toBeNull();
    expect(activeMaintenance([saturday], utc('2026-01-03T00:00'))).toBe(saturday);
    expect(activeMaintenance([saturday], utc('2026-01-03T23:59') + 59_999)).toBe(saturday);
    expect(activeMaintenance([saturday], utc('2026-01-04T00:00'))).toBeNull();
  });

  it('treats from = to as a whole day from `from`', () => {
    const window: MaintenanceWindowConfig = { weekdays: ['mon'], from: '00:00', to: '00:00' };
    expect(activeMaintenance([window], utc('2026-01-04T23:59'))).toBeNull(); // Sunday
    expect(activeMaintenance([window], utc('2026-01-05T00:00'))).toBe(window);
    expect(activeMaintenance([window], utc('2026-01-05T23:59'))).toBe(window);
    expect(activeMaintenance([window], utc('2026-01-06T00:00'))).toBeNull();
  });

  it('returns the first active window of several', () => {
    const oneOff = { start: '2026-01-03T03:00', end: '2026-01-03T05:00', reason: 'migration' };
    const windows = [saturdayNight, oneOff];
    expect(activeMaintenance(windows, utc('2026-01-03T03:30'))).toBe(saturdayNight);
    expect(activeMaintenance(windows, utc('2026-01-03T04:30'))).toBe(oneOff);
    expect(activeMaintenance(windows, utc('2026-01-03T05:30'))).toBeNull();
  });
});
