// Time-axis ticks at round local times — every 10 min for an hour, every 3 h for a day, daily for a
// week, every 5 or 15 days beyond — so a chart's axis reads "09:00 12:00 15:00", not "09:43 15:43".
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type TickRange = '1h' | '24h' | '7d' | '30d' | '90d';

const steps: Record<TickRange, number> = {
  '1h': 10 * MINUTE,
  '24h': 3 * HOUR,
  '7d': DAY,
  '30d': 5 * DAY,
  '90d': 15 * DAY,
};

/** Round local times in [start, end], at the range's step (local midnight-aligned for days). */
export function timeTicks(start: number, end: number, range: TickRange): number[] {
  const step = steps[range];
  const first = new Date(start);
  if (step >= DAY) first.setHours(0, 0, 0, 0);
  else if (step >= HOUR) first.setMinutes(0, 0, 0);
  else first.setSeconds(0, 0);
  const ticks: number[] = [];
  // Walk in local time (a day may be 23 or 25 hours long), keeping ticks on round values.
  for (let at = first.getTime(); at <= end;) {
    const date = new Date(at);
    const round =
      step >= DAY
        ? Math.round((date.getTime() - new Date(date.getFullYear(), 0, 1).getTime()) / DAY) % (step / DAY) ===
          0
        : step >= HOUR
          ? date.getHours() % (step / HOUR) === 0
          : date.getMinutes() % (step / MINUTE) === 0;
    if (at >= start && round) ticks.push(at);
    if (step >= DAY) date.setDate(date.getDate() + 1);
    else if (step >= HOUR) date.setHours(date.getHours() + 1);
    else date.setMinutes(date.getMinutes() + 1);
    at = date.getTime();
  }
  return ticks;
}

/** How a tick reads: a time of day for an hour or a day, a date beyond. */
export function tickLabel(at: number, range: TickRange): string {
  const date = new Date(at);
  return range === '1h' || range === '24h'
    ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}
