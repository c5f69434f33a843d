// Known answers for the cron parser and nextRun: lists, ranges, steps, names, the day OR rule,
// month ends, leap days, and daylight saving time in real time zones.
import { afterEach, describe, expect, it } from 'vitest';
import { CronSyntaxError, cronProblem, nextRun, parseCron } from './cron.ts';

const utc = (iso: string) => Date.parse(`${iso}Z`);
const iso = (ms: number) => new Date(ms).toISOString().replace(':00.000Z', '');
/** The next `count` fire times after `from`, in UTC, as "YYYY-MM-DDTHH:MM". */
function runs(expression: string, from: string, count = 1, timeZone = 'UTC'): string[] {
  const out: string[] = [];
  let t = utc(from);
  for (let i = 0; i < count; i++) {
    t = nextRun(expression, t, timeZone);
    out.push(iso(t));
  }
  return out;
}

describe('parseCron', () => {
  it('expands lists, ranges, steps and names', () => {
    const on = (values: readonly boolean[]) => values.flatMap((v, i) => (v ? [i] : []));
    expect(on(parseCron('1,2,10-12 * * * *').minutes)).toEqual([1, 2, 10, 11, 12]);
    expect(on(parseCron('*/15 * * * *').minutes)).toEqual([0, 15, 30, 45]);
    expect(on(parseCron('1-30/5 * * * *').minutes)).toEqual([1, 6, 11, 16, 21, 26]);
    expect(on(parseCron('5/20 * * * *').minutes)).toEqual([5, 25, 45]);
    expect(on(parseCron('0 */6 * * *').hours)).toEqual([0, 6, 12, 18]);
    expect(on(parseCron('0 0 * JAN,jul-Sep *').months)).toEqual([1, 7, 8, 9]);
    expect(on(parseCron('0 0 * * mon-fri').daysOfWeek)).toEqual([1, 2, 3, 4, 5]);
    expect(on(parseCron('0 0 * * 7').daysOfWeek)).toEqual([0]);
    expect(on(parseCron('0 0 * * 5-7').daysOfWeek)).toEqual([0, 5, 6]);
    expect(on(parseCron('0 0 * * */2').daysOfWeek)).toEqual([0, 2, 4, 6]);
    expect(on(parseCron('  0   0 * *   *  ').hours)).toEqual([0]);
  });

  it('knows which day fields are restricted (for the OR rule)', () => {
    expect(parseCron('0 0 1 * mon')).toMatchObject({ domRestricted: true, dowRestricted: true });
    expect(parseCron('0 0 */2 * mon')).toMatchObject({ domRestricted: false, dowRestricted: true });
    expect(parseCron('0 0 * * *')).toMatchObject({ domRestricted: false, dowRestricted: false });
  });

  it.each([
    ['* * * *', /expected 5 fields .* got 4/],
    ['', /got 0/],
    ['* * * * * *', /got 6/],
    ['60 * * * *', /minute field "60": 60 is out of range 0-59/],
    ['* 24 * * *', /hour field "24": 24 is out of range 0-23/],
    ['* * 0 * *', /day-of-month field "0": 0 is out of range 1-31/],
    ['* * * 13 *', /month field "13"/],
    ['* * * * 8', /day-of-week field "8": 8 is out of range 0-7/],
    ['5-1 * * * *', /range 5-1 runs backwards/],
    ['*/0 * * * *', /step 0 is out of range/],
    ['*/x * * * *', /step "x" is not a number/],
    ['1//2 * * * *', /more than one/],
    ['1,,2 * * * *', /empty list item/],
    ['* * * foo *', /"foo" is not a number \(names: jan, feb/],
    ['* * ? * *', /not supported/],
    ['0 0 30 feb *', /never runs/],
    ['0 0 31 2,4,6 *', /never runs/],
  ])('rejects %j with a readable message', (expression, message) => {
    expect(() => parseCron(expression)).toThrow(CronSyntaxError);
    expect(() => parseCron(expression)).toThrow(message);
    expect(cronProblem(expression)).toMatch(message);
  });

  it('accepts what a day-of-week could rescue, and says nothing about valid expressions', () => {
    expect(cronProblem('0 0 30 feb mon')).toBeNull(); // every Monday in February (OR rule)
    expect(cronProblem('0 0 29 2 *')).toBeNull();
  });
});

describe('nextRun (UTC)', () => {
  it('finds the next minute, hour and weekday', () => {
    expect(runs('*/15 * * * *', '2026-01-01T00:00', 3)).toEqual([
      '2026-01-01T00:15',
      '2026-01-01T00:30',
      '2026-01-01T00:45',
    ]);
    expect(runs('* * * * *', '2026-01-01T00:00:30')).toEqual(['2026-01-01T00:01']);
    // 2026-01-02 is a Friday.
    expect(runs('0 9 * * 1-5', '2026-01-02T10:00', 2)).toEqual(['2026-01-05T09:00', '2026-01-06T09:00']);
    expect(runs('0 0 * * 7', '2026-01-01T00:00')).toEqual(['2026-01-04T00:00']);
    expect(runs('0 0 * * sun', '2026-01-01T00:00')).toEqual(['2026-01-04T00:00']);
  });

  it('is strictly after the given time', () => {
    expect(runs('0 12 * * *', '2026-01-01T12:00')).toEqual(['2026-01-02T12:00']);
    expect(runs('0 12 * * *', '2026-01-01T11:59:59.999')).toEqual(['2026-01-01T12:00']);
  });

  it('rolls over month and year ends', () => {
    expect(runs('0 0 31 * *', '2026-01-31T00:00', 3)).toEqual([
      '2026-03-31T00:00',
      '2026-05-31T00:00',
      '2026-07-31T00:00',
    ]);
    expect(runs('30 23 31 12 *', '2026-12-31T23:30')).toEqual(['2027-12-31T23:30']);
    expect(runs('0 0 1 * *', '2026-12-15T00:00')).toEqual(['2027-01-01T00:00']);
    expect(runs('0 12 1 jan,jul *', '2026-01-01T12:00')).toEqual(['2026-07-01T12:00']);
  });

  it('finds leap days, skipping 2100 which is not a leap year', () => {
    expect(runs('0 0 29 2 *', '2026-01-01T00:00', 2)).toEqual(['2028-02-29T00:00', '2032-02-29T00:00']);
    expect(runs('0 0 29 2 *', '2096-03-01T00:00')).toEqual(['2104-02-29T00:00']);
    expect(runs('0 0 28-31 2 *', '2027-02-27T00:00', 2)).toEqual(['2027-02-28T00:00', '2028-02-28T00:00']);
  });

  it('ORs day-of-month and day-of-week when both are restricted, ANDs them otherwise', () => {
    // Friday the 13th is not required: every Friday and every 13th.
    expect(runs('0 0 13 * fri', '2026-01-01T00:00', 4)).toEqual([
      '2026-01-02T00:00',
      '2026-01-09T00:00',
      '2026-01-13T00:00',
      '2026-01-16T00:00',
    ]);
    // "*/2" counts as unrestricted: odd days that are Mondays.
    expect(runs('0 0 */2 * mon', '2026-01-01T00:00', 2)).toEqual(['2026-01-05T00:00', '2026-01-19T00:00']);
  });

  it('agrees with a minute-by-minute scan', () => {
    const expressions = ['*/7 3-5 * * *', '15,45 */5 1,15 * *', '0 0 1-7 * mon', '10 10 * 2 0-2'];
    for (const expression of expressions) {
      const schedule = parseCron(expression);
      const naive = (after: number) => {
        for (let t = Math.floor(after / 60_000) * 60_000 + 60_000; ; t += 60_000) {
          const d = new Date(t);
          const dom = schedule.daysOfMonth[d.getUTCDate()]!;
          const dow = schedule.daysOfWeek[d.getUTCDay()]!;
          const day = schedule.domRestricted && schedule.dowRestricted ? dom || dow : dom && dow;
          if (
            schedule.minutes[d.getUTCMinutes()] &&
            schedule.hours[d.getUTCHours()] &&
            schedule.months[d.getUTCMonth() + 1] &&
            day
          )
            return t;
        }
      };
      let t = utc('2026-01-30T22:17');
      for (let i = 0; i < 40; i++) {
        const expected = naive(t);
        expect(iso(nextRun(schedule, t, 'UTC')), expression).toBe(iso(expected));
        t = expected + 1;
      }
    }
  });
});

describe('nextRun in time zones with daylight saving', () => {
  const tzRuns = (expression: string, from: string, count: number, timeZone: string) =>
    runs(expression, from, count, timeZone);

  it('uses the zone’s wall clock, summer and winter', () => {
    // Berlin is UTC+1 in winter, UTC+2 from 2026-03-29 01:00 UTC.
    expect(tzRuns('0 9 * * *', '2026-03-27T12:00', 3, 'Europe/Berlin')).toEqual([
      '2026-03-28T08:00',
      '2026-03-29T07:00',
      '2026-03-30T07:00',
    ]);
  });

  it('runs a time skipped by the spring jump shifted by the jump, once', () => {
    expect(tzRuns('30 2 * * *', '2026-03-28T12:00', 2, 'Europe/Berlin')).toEqual([
      '2026-03-29T01:30', // 03:30 CEST: 02:30 did not exist that night
      '2026-03-30T00:30', // 02:30 CEST
    ]);
    // New York jumps from 02:00 EST to 03:00 EDT on 2026-03-08.
    expect(tzRuns('30 2 * * *', '2026-03-08T05:00', 1, 'America/New_York')).toEqual(['2026-03-08T07:30']);
    // Every 20 minutes: nothing is run twice and nothing is lost around the jump.
    expect(tzRuns('*/20 * * * *', '2026-03-29T00:30', 4, 'Europe/Berlin')).toEqual([
      '2026-03-29T00:40',
      '2026-03-29T01:00',
      '2026-03-29T01:20',
      '2026-03-29T01:40',
    ]);
  });

  it('runs a fixed time in the repeated autumn hour once, and wildcard times in both copies', () => {
    // Berlin goes from 03:00 CEST back to 02:00 CET on 2026-10-25 (01:00 UTC).
    expect(tzRuns('30 2 * * *', '2026-10-24T12:00', 2, 'Europe/Berlin')).toEqual([
      '2026-10-25T00:30', // 02:30 CEST, the first 02:30
      '2026-10-26T01:30', // 02:30 CET the next day; the second 02:30 of the 25th is skipped
    ]);
    expect(tzRuns('*/30 * * * *', '2026-10-25T00:00', 4, 'Europe/Berlin')).toEqual([
      '2026-10-25T00:30',
      '2026-10-25T01:00',
      '2026-10-25T01:30',
      '2026-10-25T02:00',
    ]);
  });

  describe('local time (the default)', () => {
    const saved = process.env.TZ;
    afterEach(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });

    it('follows the process time zone', () => {
      process.env.TZ = 'Europe/Berlin';
      expect(iso(nextRun('0 9 * * *', utc('2026-07-01T00:00')))).toBe('2026-07-01T07:00');
      expect(iso(nextRun('30 2 * * *', utc('2026-03-28T12:00')))).toBe('2026-03-29T01:30');
      process.env.TZ = 'UTC';
      expect(iso(nextRun('0 9 * * *', utc('2026-07-01T00:00')))).toBe('2026-07-01T09:00');
    });
  });

  it('refuses an unknown time zone', () => {
    expect(() => nextRun('* * * * *', 0, 'Mars/Olympus')).toThrow(/unknown time zone "Mars\/Olympus"/);
  });
});
