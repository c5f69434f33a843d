// Time windows in cockpit.yml — one-off (local start/end) or recurring (weekdays + from/to) in an
// IANA time zone. Environments use them for maintenance, gates for deployment freezes.
import { z } from 'zod';

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'expected an IANA time zone such as "Europe/Paris" or "UTC"');

const localDateTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/,
    'expected a local date and time such as "2026-12-24T18:00"',
  );
/** When a weekly window starts: 00:00 … 23:59. */
const fromTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, {
  error: (issue) =>
    issue.input === '24:00'
      ? 'a window starts at "00:00", not "24:00" ("24:00" is only for `to`, the end of the day)'
      : 'expected a time of day such as "02:30"',
});
/** When it ends: 00:00 … 23:59, or 24:00 for the end of the day (midnight after it). */
const toTime = z
  .string()
  .regex(
    /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/,
    'expected a time of day such as "02:30", or "24:00" for the end of the day',
  );

export const timeWindowSchema = z.union([
  z.strictObject({
    start: localDateTime,
    end: localDateTime,
    timezone: timeZone.optional(),
    reason: z.string().optional(),
  }),
  z.strictObject({
    weekdays: z.array(z.enum(weekdays)).min(1),
    from: fromTime,
    to: toTime,
    timezone: timeZone.optional(),
    reason: z.string().optional(),
  }),
]);

export type TimeWindowConfig = z.output<typeof timeWindowSchema>;
