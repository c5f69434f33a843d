// "just now", "5 min ago", "3 h ago": how long ago something happened, in words.

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

export function relativeTime(then: number, now: number): string {
  const elapsed = Math.max(0, now - then);
  if (elapsed < 45_000) return 'just now';
  if (elapsed < hour) return `${Math.round(elapsed / minute)} min ago`;
  if (elapsed < day) return `${Math.round(elapsed / hour)} h ago`;
  if (elapsed < 7 * day) {
    const days = Math.round(elapsed / day);
    return days === 1 ? 'yesterday' : `${days} days ago`;
  }
  return new Date(then).toLocaleDateString();
}

export function absoluteTime(then: number): string {
  return new Date(then).toLocaleString();
}
