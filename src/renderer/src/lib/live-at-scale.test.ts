import { describe, expect, it } from 'vitest';
import {
  LIVE_AT_SPAN_MS,
  LIVE_AT_STEP_MS,
  LIVE_AT_STEPS,
  atFromSlider,
  clampAt,
  fromDatetimeLocal,
  sliderFromAt,
  toDatetimeLocal,
} from './live-at-scale.ts';

const NOW = Date.UTC(2026, 10, 26, 12, 7, 30);

describe('live-at slider', () => {
  it('spans 30 days in 15-minute steps, the last one exactly now', () => {
    expect(LIVE_AT_STEPS).toBe(2880);
    expect(atFromSlider(LIVE_AT_STEPS, NOW)).toBe(NOW);
    expect(atFromSlider(0, NOW)).toBe(NOW - LIVE_AT_SPAN_MS);
    expect(atFromSlider(LIVE_AT_STEPS - 4, NOW)).toBe(NOW - 60 * 60_000);
  });

  it('keeps positions and moments inside the window', () => {
    expect(atFromSlider(-5, NOW)).toBe(NOW - LIVE_AT_SPAN_MS);
    expect(atFromSlider(99_999, NOW)).toBe(NOW);
    expect(clampAt(NOW + 1, NOW)).toBe(NOW);
    expect(clampAt(0, NOW)).toBe(NOW - LIVE_AT_SPAN_MS);
    expect(sliderFromAt(NOW + 60_000, NOW)).toBe(LIVE_AT_STEPS);
    expect(sliderFromAt(0, NOW)).toBe(0);
  });

  it('maps a moment to its nearest position and back', () => {
    const at = NOW - 3 * 86_400_000 - 7 * 60_000;
    const position = sliderFromAt(at, NOW);
    expect(position).toBe(LIVE_AT_STEPS - 3 * 96);
    expect(Math.abs(atFromSlider(position, NOW) - at)).toBeLessThanOrEqual(LIVE_AT_STEP_MS / 2);
    for (const step of [0, 1, 1234, LIVE_AT_STEPS])
      expect(sliderFromAt(atFromSlider(step, NOW), NOW)).toBe(step);
  });
});

describe('live-at time field', () => {
  it('writes and reads local date-and-time text to the minute', () => {
    const at = new Date(2026, 10, 20, 14, 5).getTime();
    expect(toDatetimeLocal(at)).toBe('2026-11-20T14:05');
    expect(fromDatetimeLocal('2026-11-20T14:05')).toBe(at);
    expect(fromDatetimeLocal('2026-11-20T14:05:30')).toBe(at + 30_000);
    expect(toDatetimeLocal(fromDatetimeLocal('2026-01-02T03:04')!)).toBe('2026-01-02T03:04');
  });

  it('refuses text that is not a time', () => {
    expect(fromDatetimeLocal('')).toBeNull();
    expect(fromDatetimeLocal('yesterday')).toBeNull();
    expect(fromDatetimeLocal('2026-02-31T10:00')).toBeNull();
    expect(fromDatetimeLocal('2026-11-20')).toBeNull();
  });
});
