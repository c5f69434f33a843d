// Maintenance windows decide whether a failing environment may open an incident, so "is a window
// active now?" is answered here, once, in each window's own time zone.
import type { MaintenanceWindowConfig } from '../../config/index.ts';
import { firstInstantOf, wallOf, zoneFor } from '../../kernel/time-zone.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** getUTCDay() of a wall time → the schema's weekday names (Sunday = 0). */
const dayNames = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/**
 * The maintenance window active at `at` (ms epoch), or null. One-off windows are local date-times in
 * their time zone (default UTC); recurring ones are weekdays + from/to times in their zone; a
 * recurring window whose `to` is before `from` runs past midnight into the next day.
 *
 * - One-off: active for start ≤ at < end, both converted to instants. A local time that happens
 *   twice (autumn DST) means its first occurrence; one skipped (spring DST) is shifted by the jump
 *   (02:30 on the spring-forward day in Paris is 03:30 CEST).
 * - Recurring: compared on the wall clock, so "02:00–03:00" is whatever the clocks there show; the
 *   weekday is the day the window starts (mon 22:00–02:00 covers Tuesday 00:00–02:00, not Monday's).
 *   `from` equal to `to` is a full 24 hours from `from`. A `to` of 24:00 is minute 1440, the end of
 *   the day: fri 16:00–24:00 lasts until Saturday 00:00, and sat 00:00–24:00 is all of Saturday.
 * - The first active window in the list wins.
 */
export function activeMaintenance(
  windows: MaintenanceWindowConfig[] | undefined,
  at: number,
): MaintenanceWindowConfig | null {
  if (!windows || windows.length === 0) return null;
  for (const window of windows) {
    const zone = zoneFor(window.timezone ?? 'UTC');
    if ('start' in window) {
      const start = firstInstantOf(zone, parseLocalDateTime(window.start));
      const end = firstInstantOf(zone, parseLocalDateTime(window.end));
      if (start <= at && at < end) return window;
    } else {
      const wall = wallOf(zone, at);
      const minuteOfDay = Math.floor((((wall % DAY) + DAY) % DAY) / MINUTE);
      const today = dayNames[new Date(wall).getUTCDay()]!;
      const yesterday = dayNames[new Date(wall - DAY).getUTCDay()]!;
      const from = parseClockTime(window.from);
      const to = parseClockTime(window.to);
      const on = (day: string) => (window.weekdays as readonly string[]).includes(day);
      const active =
        from < to
          ? on(today) && from <= minuteOfDay && minuteOfDay < to
          : (on(today) && minuteOfDay >= from) || (on(yesterday) && minuteOfDay < to);
      if (active) return window;
    }
  }
  return null;
}

/** "2026-12-24T18:00" or "…T18:00:30" → wall ms (the fields read as if UTC). */
function parseLocalDateTime(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!match) throw new RangeError(`"${text}" is not a local date and time such as "2026-12-24T18:00"`);
  const [year, month, day, hour, minute, second = 0] = match.slice(1).map((part) => Number(part ?? 0));
  return Date.UTC(year!, month! - 1, day, hour, minute, second);
}

/** "02:30" → minutes since midnight; "24:00" (only ever a `to`) → 1440, the next midnight. */
function parseClockTime(text: string): number {
  const [hours, minutes] = text.split(':').map(Number);
  return hours! * 60 + minutes!;
}
