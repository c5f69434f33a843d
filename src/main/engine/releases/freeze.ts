// The freeze gate: whether a deploy falls inside one of an environment's freeze windows, why, and
// until when. Windows are evaluated like maintenance windows, in their own time zone.
import type { TimeWindowConfig } from '../config/index.ts';
import { activeMaintenance } from '../environments/index.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** How far ahead `until` is looked for; a longer freeze has no known end (null). */
const HORIZON = 8 * DAY;

export type FreezeState =
  | { frozen: false }
  | {
      frozen: true;
      /** The window's reason, else what the window is ("weekly freeze fri 16:00–24:00 Europe/Paris"). */
      reason: string;
      /** The first instant no window is active any more; null when that is more than 8 days away. */
      until: number | null;
      /** The active window's time zone, for describeUntil. */
      timeZone: string;
    };

/** Whether `at` falls inside a freeze window (the first active one in the list gives the reason). */
export function freezeAt(windows: TimeWindowConfig[] | undefined, at: number): FreezeState {
  const window = activeMaintenance(windows, at);
  if (!window) return { frozen: false };
  return {
    frozen: true,
    reason: window.reason ?? describeWindow(window),
    until: frozenUntil(windows!, at),
    timeZone: window.timezone ?? 'UTC',
  };
}

/**
 * Steps forward a minute at a time (window edges fall on minutes, wall clock or dated) to the
 * first moment no window is active, then narrows that minute down to the millisecond, so windows
 * ending on a second ("…T18:00:30") end exactly. Adjoining windows count as one freeze.
 */
function frozenUntil(windows: TimeWindowConfig[], at: number): number | null {
  const isActive = activeTest(windows);
  let active = at;
  for (let t = Math.floor(at / MINUTE) * MINUTE + MINUTE; t <= at + HORIZON; t += MINUTE) {
    if (!isActive(t)) {
      let free = t;
      while (free - active > 1) {
        const middle = Math.floor((active + free) / 2);
        if (isActive(middle)) active = middle;
        else free = middle;
      }
      return free;
    }
    active = t;
  }
  return null;
}

/**
 * "Is any window active at t?", fast enough to ask 11,520 times: a dated window is one interval,
 * converted to instants once; weekly windows are asked of activeMaintenance each time.
 */
function activeTest(windows: TimeWindowConfig[]): (t: number) => boolean {
  const weekly = windows.filter((window) => !('start' in window));
  const intervals = windows.flatMap((window) =>
    'start' in window
      ? [{ start: instantOf(window.start, window.timezone), end: instantOf(window.end, window.timezone) }]
      : [],
  );
  return (t) =>
    intervals.some(({ start, end }) => start <= t && t < end) || activeMaintenance(weekly, t) !== null;
}

/**
 * The instant a window's local date-time means, exactly as activeMaintenance reads it (skipped and
 * repeated DST hours included): a probe window starting then is active from that instant on, so
 * bisect for it. Offsets span -12 h … +14 h, so it lies within [wall - 15 h, wall + 13 h].
 */
function instantOf(local: string, timeZone: string | undefined): number {
  const wall = Date.parse(`${local}Z`);
  const probe: TimeWindowConfig[] = [
    { start: local, end: new Date(wall + 3 * DAY).toISOString().slice(0, 19), timezone: timeZone },
  ];
  let before = wall - 15 * HOUR;
  let after = wall + 13 * HOUR;
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (activeMaintenance(probe, middle) !== null) after = middle;
    else before = middle;
  }
  return after;
}

/** "weekly freeze fri 16:00–24:00 Europe/Paris", "freeze 2026-12-20T00:00 – 2027-01-03T00:00 UTC". */
export function describeWindow(window: TimeWindowConfig): string {
  const timeZone = window.timezone ?? 'UTC';
  if ('start' in window) return `freeze ${window.start} – ${window.end} ${timeZone}`;
  return `weekly freeze ${window.weekdays.join(', ')} ${window.from}–${window.to} ${timeZone}`;
}

const untilFormats = new Map<string, Intl.DateTimeFormat>();

/** "Mon 08:00 Europe/Paris": the weekday and time the clocks in `timeZone` show at `until`. */
export function describeUntil(until: number, timeZone: string): string {
  let format = untilFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    untilFormats.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const { type, value } of format.formatToParts(until)) parts[type] = value;
  return `${parts.weekday} ${parts.hour}:${parts.minute} ${timeZone}`;
}
