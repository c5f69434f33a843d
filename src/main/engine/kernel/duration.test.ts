import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.ts';

describe('durations', () => {
  it('parses hours, minutes, seconds and milliseconds', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('10m')).toBe(600_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('1m30s250ms')).toBe(90_250);
  });

  it('refuses what is not a duration', () => {
    for (const text of ['', 'soon', '10', '5 m', 'm', '10sm', '1.5s']) expect(parseDuration(text)).toBeNull();
  });

  it('formats for people', () => {
    expect(formatDuration(250)).toBe('250ms');
    expect(formatDuration(1500)).toBe('1.5s');
    expect(formatDuration(75_000)).toBe('1m15s');
    expect(formatDuration(3_900_000)).toBe('1h05m');
  });
});
