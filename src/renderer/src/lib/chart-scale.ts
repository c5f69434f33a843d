// Axis arithmetic for small SVG charts: a "nice" upper bound, evenly spaced round ticks (plain,
// counts, durations in whole units, percentages), bar slots, and how many axis labels fit.

/** The smallest of 1, 2, 2.5, 5 × 10^n that is at least `value` (at least 1). */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * magnitude >= value) return step * magnitude;
  }
  return 10 * magnitude;
}

/** Round ticks from 0 up to just above `max`: steps of 1, 2 or 5 × 10^n, about `count` of them. */
export function valueTicks(max: number, count = 4): number[] {
  const top = max > 0 ? max : 1;
  const rough = top / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 5, 10].find((factor) => factor * magnitude >= rough) ?? 10) * magnitude;
  const steps = Math.max(1, Math.ceil(top / step - 1e-9));
  return Array.from({ length: steps + 1 }, (_, index) => Number((index * step).toPrecision(12)));
}

/** Maps a value in [domainStart, domainEnd] to [rangeStart, rangeEnd]. */
export function linear(domainStart: number, domainEnd: number, rangeStart: number, rangeEnd: number) {
  const span = domainEnd - domainStart || 1;
  return (value: number) => rangeStart + ((value - domainStart) / span) * (rangeEnd - rangeStart);
}

/** Evenly spaced bars across [start, end]: each slot's left edge and the bar's width (a gap between, and
 *  never wider than `maxWidth`). */
export function bandScale(count: number, start: number, end: number, gapShare = 0.25, maxWidth = 48) {
  const slot = count > 0 ? (end - start) / count : 0;
  const width = Math.max(1, Math.min(maxWidth, slot * (1 - gapShare)));
  return {
    slot,
    width,
    /** The bar's left edge. */
    x: (index: number) => start + index * slot + (slot - width) / 2,
    /** The slot's centre, for labels. */
    center: (index: number) => start + index * slot + slot / 2,
  };
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const durationUnits = [
  { ms: SECOND, suffix: 's' },
  { ms: MINUTE, suffix: 'min' },
  { ms: HOUR, suffix: 'h' },
  { ms: DAY, suffix: 'd' },
] as const;

/** The unit a duration axis reads in: the largest one the top value reaches (ms below a second). */
function durationUnit(maxMs: number) {
  let unit: { ms: number; suffix: string } = { ms: 1, suffix: 'ms' };
  for (const candidate of durationUnits) if (maxMs >= candidate.ms) unit = candidate;
  return unit;
}

/** Round ticks for a duration axis, in whole units (ms, s, min, h, d), with their labels. */
export function durationTicks(maxMs: number, count = 4): { value: number; label: string }[] {
  // Nothing to show still gets a sensible axis: up to 40 minutes.
  const top = maxMs > 0 ? maxMs : 40 * MINUTE;
  const unit = durationUnit(top);
  return valueTicks(top / unit.ms, count).map((tick) => ({
    value: tick * unit.ms,
    label: tick === 0 ? '0' : `${tick} ${unit.suffix}`,
  }));
}

/** Ticks for a share (0..1): up to the top value rounded up, at least 10 %, never above 100 %. */
export function percentTicks(maxShare: number, count = 4): { value: number; label: string }[] {
  const top = Math.min(100, niceCeiling(Math.max(maxShare * 100, 10)));
  return valueTicks(top, count)
    .filter((tick) => tick <= 100)
    .map((tick) => ({ value: tick / 100, label: `${tick} %` }));
}

/** Show every n-th label along an axis so labels of `labelPx` never overlap in `axisPx`. */
export function labelStride(count: number, axisPx: number, labelPx: number): number {
  if (count <= 1 || axisPx <= 0) return 1;
  return Math.max(1, Math.ceil((count * labelPx) / axisPx));
}

/** Ticks for counts (deploys, commits): whole numbers only, at least 0 and 1. */
export function countTicks(max: number, count = 4): { value: number; label: string }[] {
  const top = Math.max(1, Math.ceil(max));
  const values =
    top <= count
      ? Array.from({ length: top + 1 }, (_, index) => index)
      : valueTicks(top, count).filter((tick) => Number.isInteger(tick));
  return values.map((value) => ({ value, label: String(value) }));
}
