// Command-line times: local unless zoned, spans back from now, and clear refusals.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from './cli-io.ts';
import { localTime, parseMoment, parseSpan, parseTimeArg } from './time-arg.ts';

const NOW = Date.UTC(2026, 10, 26, 10);
let savedTz: string | undefined;

beforeEach(() => {
  savedTz = process.env.TZ;
  process.env.TZ = 'Europe/Paris'; // UTC+1 in November
});
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('time arguments', () => {
  it('reads dates and times as local time unless they carry a zone', () => {
    expect(parseMoment('2026-11-20T14:00')).toEqual({ at: Date.UTC(2026, 10, 20, 13), dateOnly: false });
    expect(parseMoment('2026-11-20 14:00:30')?.at).toBe(Date.UTC(2026, 10, 20, 13, 0, 30));
    expect(parseMoment('2026-11-20')).toEqual({ at: Date.UTC(2026, 10, 19, 23), dateOnly: true });
    expect(parseMoment('2026-11-20T14:00Z')?.at).toBe(Date.UTC(2026, 10, 20, 14));
    expect(parseMoment('2026-11-20T14:00:00.5z')?.at).toBe(Date.UTC(2026, 10, 20, 14, 0, 0, 500));
    expect(parseMoment('2026-11-20T14:00+02:00')?.at).toBe(Date.UTC(2026, 10, 20, 12));
    expect(parseMoment('2026-11-20T14:00-0530')?.at).toBe(Date.UTC(2026, 10, 20, 19, 30));
  });

  it.each([
    'yesterday',
    '2026-13-01',
    '2026-04-31',
    '2026-11-20T24:00',
    '2026-11-20T14:60',
    '20/11/2026',
    '2026-11-20T14',
    '',
  ])('refuses %j', (text) => {
    expect(parseMoment(text)).toBeNull();
    expect(() => parseTimeArg(text, 'live-at', NOW)).toThrow(UsageError);
  });

  it('takes spans back from a base time', () => {
    expect(parseSpan('30d')).toBe(30 * 86_400_000);
    expect(parseSpan('2W')).toBe(14 * 86_400_000);
    expect(parseSpan('90m')).toBe(90 * 60_000);
    expect(parseSpan('1y')).toBeNull();
    expect(parseTimeArg('12h', '--since', NOW)).toBe(NOW - 12 * 3_600_000);
  });

  it('makes a bare --until date include that whole day', () => {
    expect(parseTimeArg('2026-11-26', '--until', NOW, { endOfDay: true })).toBe(Date.UTC(2026, 10, 26, 23));
    expect(parseTimeArg('2026-11-26', '--since', NOW)).toBe(Date.UTC(2026, 10, 25, 23));
  });

  it('says what would work', () => {
    expect(() => parseTimeArg('soon', 'live-at', NOW)).toThrow(
      /live-at "soon" is not a time: use a date \(2026-11-20\)/,
    );
  });

  it('prints local times', () => {
    expect(localTime(Date.UTC(2026, 10, 20, 13, 5))).toBe('2026-11-20 14:05');
  });
});
