// GitLab's durations (timeout, start_in) in milliseconds.

const UNITS: Record<string, number> = {
  s: 1000,
  sec: 1000,
  second: 1000,
  m: 60_000,
  min: 60_000,
  minute: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hour: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  w: 604_800_000,
  week: 604_800_000,
};

/** GitLab's durations: "30", "30 seconds", "1h 30m", "2 hours and 10 minutes", "1 day". */
export function parseDuration(value: unknown): number | null {
  if (typeof value === 'number') return value * 1000;
  if (typeof value !== 'string') return null;
  const text = value.trim().toLowerCase().replaceAll(' and ', ' ');
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  let total = 0;
  let matched = '';
  for (const part of text.matchAll(/(\d+(?:\.\d+)?)\s*([a-z]+?)s?(?=\s|\d|$)/g)) {
    const unit = UNITS[part[2]!];
    if (unit === undefined) return null;
    total += Number(part[1]) * unit;
    matched += part[0];
  }
  return matched.replaceAll(/\s/g, '') === text.replaceAll(/\s/g, '') && total > 0 ? total : null;
}
