// Wall-clock time in a time zone, for cron schedules, maintenance windows and anything else that says
// "02:30 in Europe/Paris". A wall time is handled as "wall ms": its fields read as if it were UTC, so
// Date.UTC and getUTC* do the calendar arithmetic. A zone maps wall ms ↔ real instants.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface Zone {
  /** UTC offset in ms at an instant (local = UTC + offset). */
  offsetAt(instant: number): number;
}

const utcZone: Zone = { offsetAt: () => 0 };
const localZone: Zone = { offsetAt: (instant) => -new Date(instant).getTimezoneOffset() * MINUTE };
const zoneCache = new Map<string, Zone>();

/** An IANA time zone ("UTC", "Europe/Berlin"), or the machine's local time when undefined. */
export function zoneFor(timeZone: string | undefined): Zone {
  if (timeZone === undefined) return localZone;
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return utcZone;
  let zone = zoneCache.get(timeZone);
  if (!zone) {
    let format: Intl.DateTimeFormat;
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new RangeError(`unknown time zone "${timeZone}" (expected an IANA name such as "Europe/Berlin")`);
    }
    zone = {
      offsetAt(instant) {
        const at = Math.floor(instant / 1000) * 1000;
        const part: Record<string, number> = {};
        for (const { type, value } of format.formatToParts(at)) part[type] = Number(value);
        const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = part;
        const wall = Date.UTC(year, month - 1, day, hour, minute, second);
        return wall - at;
      },
    };
    zoneCache.set(timeZone, zone);
  }
  return zone;
}

/** The wall time the zone's clocks show at `instant`. */
export function wallOf(zone: Zone, instant: number): number {
  return instant + zone.offsetAt(instant);
}

/** The instants showing this wall time: one; two in a repeated hour; none in a skipped one. */
export function instantsOf(zone: Zone, wall: number): number[] {
  // Offsets span -12 h … +14 h, so the instant lies in [wall - 14 h, wall + 12 h].
  const before = zone.offsetAt(wall - 15 * HOUR);
  const after = zone.offsetAt(wall + 13 * HOUR);
  const found = [...new Set([wall - before, wall - after])].filter(
    (instant) => wallOf(zone, instant) === wall,
  );
  return found.sort((a, b) => a - b);
}

/** The instant a wall time skipped by a spring-forward jump counts as: shifted by the jump. */
export function skippedWallInstant(zone: Zone, wall: number): number {
  return wall - zone.offsetAt(wall - 15 * HOUR);
}

/** The first instant showing `wall` in the zone; in a skipped hour, shifted by the jump. */
export function firstInstantOf(zone: Zone, wall: number): number {
  return instantsOf(zone, wall)[0] ?? skippedWallInstant(zone, wall);
}
