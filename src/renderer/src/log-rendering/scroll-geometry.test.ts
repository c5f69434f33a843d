// The log viewer's scroll mapping reaches the first and the last line at any length.
import { describe, expect, it } from 'vitest';
import {
  LINE_HEIGHT,
  MAX_SCROLL_HEIGHT,
  isScaled,
  maxTopLine,
  renderRange,
  scrollForTopLine,
  scrollHeightFor,
  topLineForScroll,
  topLineToReveal,
} from './scroll-geometry.ts';

describe('scroll geometry', () => {
  it('maps one line per LINE_HEIGHT pixels below the cap', () => {
    const g = { totalLines: 1000, viewportHeight: 360 };
    expect(isScaled(g)).toBe(false);
    expect(scrollHeightFor(g)).toBe(1000 * LINE_HEIGHT);
    expect(topLineForScroll(180, g)).toBeCloseTo(10);
    expect(scrollForTopLine(10, g)).toBeCloseTo(180);
  });

  it('caps the height and still reaches the last line of ten million', () => {
    const g = { totalLines: 10_000_000, viewportHeight: 540 };
    expect(isScaled(g)).toBe(true);
    expect(scrollHeightFor(g)).toBe(MAX_SCROLL_HEIGHT);
    const bottom = scrollHeightFor(g) - g.viewportHeight;
    const top = topLineForScroll(bottom, g);
    expect(top).toBeCloseTo(maxTopLine(g));
    const { last } = renderRange(top, g, 0);
    expect(last).toBe(g.totalLines - 1);
    expect(topLineForScroll(0, g)).toBe(0);
    expect(topLineForScroll(scrollForTopLine(5_000_000, g), g)).toBeCloseTo(5_000_000, 3);
  });

  it('a log shorter than the viewport does not scroll', () => {
    const g = { totalLines: 3, viewportHeight: 400 };
    expect(scrollHeightFor(g)).toBe(400);
    expect(maxTopLine(g)).toBe(0);
    expect(topLineForScroll(100, g)).toBe(0);
    expect(renderRange(0, g, 5)).toEqual({ first: 0, last: 2 });
  });

  it('reveals a line by centring it, unless it is visible already', () => {
    const g = { totalLines: 1000, viewportHeight: 180 }; // 10 rows
    expect(topLineToReveal(5, 0, g)).toBe(0);
    expect(topLineToReveal(500, 0, g)).toBeCloseTo(495.5);
    expect(topLineToReveal(999, 0, g)).toBe(maxTopLine(g));
  });
});
