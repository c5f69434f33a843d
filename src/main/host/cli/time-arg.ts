// Times typed on the command line: "2026-11-20", "2026-11-20T14:00", "2026-11-20 14:00:30" (local
// time unless they end in Z or an offset such as +01:00), or a span back in time: "90m", "12h",
// "30d", "2w". A value that is neither is a usage error (exit 2) that shows what would work.
import { UsageError } from './cli-io.ts';

const MINUTE = 60_000;
const spanUnits: Record<string, number> = {
  m: MINUTE,
  h: 60 * MINUTE,
  d: 24 * 60 * MINUTE,
  w: 7 * 24 * 60 * MINUTE,
};

/** "30d" → 30 days in ms; null when the text is not a span. */
export function parseSpan(text: string): number | null {
  const match = /^(\d{1,5})\s*([mhdw])$/i.exec(text.trim());
  return match ? Number(match[1]) * spanUnits[match[2]!.toLowerCase()]! : null;
}

const momentPattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** A date or date-time; `dateOnly` when no time of day was given. Null when it does not parse. */
export function parseMoment(text: string): { at: number; dateOnly: boolean } | null {
  const match = momentPattern.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, ms, zone] = match;
  const year = Number(y);
  const month = Number(mo) - 1;
  const day = Number(d);
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(s ?? 0);
  const milli = Number((ms ?? '0').padEnd(3, '0'));
  if (month > 11 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  // The day must exist in that month (no 31 April): checked on the calendar, in UTC.
  if (new Date(Date.UTC(year, month, day)).getUTCDate() !== day) return null;
  if (zone === undefined) {
    return {
      at: new Date(year, month, day, hour, minute, second, milli).getTime(),
      dateOnly: h === undefined,
    };
  }
  let offset = 0;
  if (zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    offset =
      (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * (digits.startsWith('-') ? -1 : 1);
    if (Number(digits.slice(3, 5)) > 59) return null;
  }
  return {
    at: Date.UTC(year, month, day, hour, minute, second, milli) - offset * MINUTE,
    dateOnly: h === undefined,
  };
}

/**
 * A time option: a moment, or a span counted back from `base`. With `endOfDay`, a bare date means
 * the end of that day (the next midnight), so `--until 2026-11-26` includes the 26th.
 */
export function parseTimeArg(
  text: string,
  what: string,
  base: number,
  options: { endOfDay?: boolean } = {},
): number {
  const span = parseSpan(text);
  if (span !== null) return base - span;
  const moment = parseMoment(text);
  if (moment === null) {
    throw new UsageError(
      `${what} "${text}" is not a time: use a date (2026-11-20), a local date and time (2026-11-20T14:00), ` +
        `one with a zone (2026-11-20T14:00Z, 2026-11-20T14:00+01:00), or a span back from now (90m, 12h, 30d, 2w)`,
    );
  }
  if (moment.dateOnly && options.endOfDay) {
    const start = new Date(moment.at);
    return new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1).getTime();
  }
  return moment.at;
}

/** "2026-11-20 14:00" in the local time zone. */
export function localTime(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The local time zone's name ("Europe/Paris"), for saying which time a table is in. */
export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
}
