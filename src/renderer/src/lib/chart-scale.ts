// Axis arithmetic for small SVG charts: a "nice" upper bound and evenly spaced round ticks.

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
