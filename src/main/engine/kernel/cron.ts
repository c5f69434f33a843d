// Five-field cron expressions for `triggers: [{ cron: "..." }]`: a pure parser (used by the config
// schema to validate) and `nextRun`, the next fire time in local time, UTC or any IANA time zone.
//
// Semantics follow Vixie cron / cronie, the crons people know:
// - fields: minute 0-59, hour 0-23, day-of-month 1-31, month 1-12 (or jan-dec), day-of-week 0-7
//   (or sun-sat; 0 and 7 are both Sunday);
// - each field is a comma list of `*`, `N`, `N-M`, each optionally with `/STEP`; `N/STEP` means
//   `N-max/STEP`;
// - when day-of-month and day-of-week are both restricted (neither starts with `*`), a day matches
//   if EITHER matches ("0 0 1,15 * mon" runs on the 1st, the 15th and every Monday); otherwise both
//   must match (so "*/2" counts as unrestricted, as in Vixie cron);
// - daylight saving time: a wall-clock time skipped by a spring-forward jump runs shifted by the jump
//   (02:30 → 03:30 on that day); a time that happens twice in the autumn runs once (the first time),
//   except for jobs whose minute or hour field starts with `*`, which run in both repetitions.

import { instantsOf, skippedWallInstant, wallOf, zoneFor } from './time-zone.ts';

export interface CronSchedule {
  /** The expression as written. */
  readonly source: string;
  readonly minutes: readonly boolean[]; // index 0-59
  readonly hours: readonly boolean[]; // 0-23
  readonly daysOfMonth: readonly boolean[]; // 1-31
  readonly months: readonly boolean[]; // 1-12
  readonly daysOfWeek: readonly boolean[]; // 0-6, Sunday = 0
  /** Day-of-month / day-of-week written as something other than `*…`: decides the OR rule. */
  readonly domRestricted: boolean;
  readonly dowRestricted: boolean;
  /** Minute or hour starts with `*`: such jobs run in both copies of a repeated (DST) hour. */
  readonly wildcardTime: boolean;
}

export class CronSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CronSyntaxError';
  }
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** The first name's value (jan = 1, sun = 0). */
  nameBase?: number;
}

const monthNames = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const dayNames = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const fields: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: monthNames, nameBase: 1 },
  { name: 'day-of-week', min: 0, max: 7, names: dayNames, nameBase: 0 },
];

const daysInMonthMax = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Parses a 5-field cron expression; throws CronSyntaxError with a readable message. */
export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5 || parts[0] === '') {
    throw new CronSyntaxError(
      `"${expression}" is not a cron expression: expected 5 fields (minute hour day-of-month month day-of-week), got ${parts[0] === '' ? 0 : parts.length}`,
    );
  }
  const [minutes, hours, daysOfMonth, months, rawDaysOfWeek] = fields.map((spec, index) =>
    parseField(parts[index]!, spec, expression),
  ) as [boolean[], boolean[], boolean[], boolean[], boolean[]];
  const daysOfWeek = rawDaysOfWeek.slice(0, 7);
  if (rawDaysOfWeek[7]) daysOfWeek[0] = true; // 7 is Sunday too

  const schedule: CronSchedule = {
    source: expression,
    minutes,
    hours,
    daysOfMonth,
    months,
    daysOfWeek,
    domRestricted: !parts[2]!.startsWith('*'),
    dowRestricted: !parts[4]!.startsWith('*'),
    wildcardTime: parts[0]!.startsWith('*') || parts[1]!.startsWith('*'),
  };
  // A day-of-month that no chosen month has ("0 0 30 feb *") would never fire: say so now.
  if (schedule.domRestricted && !schedule.dowRestricted) {
    const possible = months.some(
      (on, month) => on && daysOfMonth.some((dayOn, day) => dayOn && day <= daysInMonthMax[month]!),
    );
    if (!possible) {
      throw new CronSyntaxError(
        `"${expression}" never runs: none of its months has any of its days of the month`,
      );
    }
  }
  return schedule;
}

/** The problem with an expression as one readable line, or null when it is valid (for schemas). */
export function cronProblem(expression: string): string | null {
  try {
    parseCron(expression);
    return null;
  } catch (error) {
    if (error instanceof CronSyntaxError) return error.message;
    throw error;
  }
}

function parseField(text: string, spec: FieldSpec, expression: string): boolean[] {
  const set = new Array<boolean>(spec.max + 1).fill(false);
  const fail = (why: string) => new CronSyntaxError(`"${expression}": ${spec.name} field "${text}": ${why}`);
  for (const item of text.split(',')) {
    if (item === '') throw fail('empty list item');
    const [rangeText, stepText, extra] = item.split('/');
    if (extra !== undefined) throw fail(`"${item}" has more than one "/"`);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText)) throw fail(`step "${stepText}" is not a number`);
      step = Number(stepText);
      if (step < 1 || step > spec.max) throw fail(`step ${step} is out of range 1-${spec.max}`);
    }
    let low: number;
    let high: number;
    if (rangeText === '*') {
      low = spec.min;
      high = spec.name === 'day-of-week' ? 6 : spec.max; // "*/2" in day-of-week: sun, tue, thu, sat
    } else {
      const bounds = rangeText!.split('-');
      if (bounds.length > 2) throw fail(`"${rangeText}" is not a value or a range`);
      low = parseValue(bounds[0]!, spec, fail);
      if (bounds.length === 2) {
        high = parseValue(bounds[1]!, spec, fail);
        if (high < low) throw fail(`range ${bounds[0]}-${bounds[1]} runs backwards`);
      } else {
        // "5/15" means "5-max/15" (in day-of-week, up to Saturday).
        high = stepText === undefined ? low : spec.name === 'day-of-week' ? 6 : spec.max;
      }
    }
    if (low > high) throw fail(`"${item}" selects no value`);
    for (let value = low; value <= high; value += step) set[value] = true;
  }
  return set;
}

function parseValue(text: string, spec: FieldSpec, fail: (why: string) => CronSyntaxError): number {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    if (value < spec.min || value > spec.max) throw fail(`${value} is out of range ${spec.min}-${spec.max}`);
    return value;
  }
  const index = spec.names?.indexOf(text.toLowerCase()) ?? -1;
  if (index >= 0) return index + spec.nameBase!;
  if (text === '') throw fail('a value is missing');
  if (text === '?' || text === 'L' || text.includes('#'))
    throw fail(`"${text}" is not supported (only *, N, N-M, lists and /steps)`);
  const hint = spec.names ? ` (names: ${spec.names.join(', ')})` : '';
  throw fail(`"${text}" is not a number${hint}`);
}

// ── next fire time ─────────────────────────────────────────────────────────────────────────────
//
// Wall-clock times are handled as "wall ms" (see time-zone.ts), so Date.UTC and getUTC* do the
// calendar arithmetic.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Larger than any DST shift in use (Lord Howe: 30 min; most: 1 h; historic double summer time: 2 h). */
const SHIFT_WINDOW = 3 * HOUR;
/** Search horizon: enough for "29 feb" across a skipped century leap year (2096 → 2104). */
const HORIZON_YEARS = 9;

function dayMatches(schedule: CronSchedule, date: Date): boolean {
  const dom = schedule.daysOfMonth[date.getUTCDate()]!;
  const dow = schedule.daysOfWeek[date.getUTCDay()]!;
  return schedule.domRestricted && schedule.dowRestricted ? dom || dow : dom && dow;
}

/** The first matching wall time strictly after `wall`, or null past the horizon. */
function nextWall(schedule: CronSchedule, wall: number): number | null {
  let t = Math.floor(wall / MINUTE) * MINUTE + MINUTE;
  const limit = Date.UTC(new Date(t).getUTCFullYear() + HORIZON_YEARS, 0, 1);
  while (t < limit) {
    const date = new Date(t);
    const [y, mo, d, h] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours()];
    if (!schedule.months[mo + 1]) t = Date.UTC(y, mo + 1, 1);
    else if (!dayMatches(schedule, date)) t = Date.UTC(y, mo, d + 1);
    else if (!schedule.hours[h]) t = Date.UTC(y, mo, d, h + 1);
    else if (!schedule.minutes[date.getUTCMinutes()]) t += MINUTE;
    else return t;
  }
  return null;
}

/**
 * The first fire time strictly after `afterMs` (ms since the epoch, at a whole minute), in local
 * time by default, or in `timeZone` ("UTC", "Europe/Berlin", …). Throws CronSyntaxError for a bad
 * expression and RangeError for an unknown time zone.
 */
export function nextRun(expression: string | CronSchedule, afterMs: number, timeZone?: string): number {
  const schedule = typeof expression === 'string' ? parseCron(expression) : expression;
  const zone = zoneFor(timeZone);
  const nearShift = (instant: number) =>
    zone.offsetAt(instant - SHIFT_WINDOW) !== zone.offsetAt(instant + SHIFT_WINDOW);

  // Near a DST change wall time and real time are not in the same order, so look a few hours
  // either side and keep the earliest instant; elsewhere the first match is the answer.
  let wall: number | null = wallOf(zone, afterMs) - (nearShift(afterMs) ? SHIFT_WINDOW : 0);
  let best: number | null = null;
  let stopAt = Infinity;
  while ((wall = nextWall(schedule, wall)) !== null && wall <= stopAt) {
    const instants = instantsOf(zone, wall);
    // In a skipped hour, the wall time counts as shifted by the jump (the offset from before it).
    const candidates =
      instants.length === 0
        ? [skippedWallInstant(zone, wall)]
        : schedule.wildcardTime
          ? instants
          : instants.slice(0, 1);
    for (const instant of candidates) {
      if (instant > afterMs && (best === null || instant < best)) best = instant;
    }
    // A later wall time can only be an earlier instant if it is within one shift of this one.
    if (best !== null && stopAt === Infinity) stopAt = nearShift(best) ? wall + SHIFT_WINDOW : wall;
  }
  if (best === null) {
    throw new CronSyntaxError(
      `"${schedule.source}" does not run in the ${HORIZON_YEARS} years after ${new Date(afterMs).toISOString()}`,
    );
  }
  return best;
}
