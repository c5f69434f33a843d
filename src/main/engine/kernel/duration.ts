// Durations in cockpit.yml: "500ms", "90s", "10m", "1h30m", or a plain number of seconds.
import { z } from 'zod';

const pattern = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?(?:(\d+)ms)?$/;

export function parseDuration(text: string): number | null {
  const match = pattern.exec(text.trim());
  if (!match || text.trim() === '') return null;
  const [, h = '0', m = '0', s = '0', ms = '0'] = match;
  return ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000 + Number(ms);
}

/** A positive duration, as milliseconds. */
export const durationSchema = z.union([z.number().positive(), z.string()]).transform((value, ctx) => {
  const ms = typeof value === 'number' ? value * 1000 : parseDuration(value);
  if (ms === null || ms <= 0) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a duration such as "500ms", "90s", "10m" or "1h30m", got "${value}"`,
    });
    return z.NEVER;
  }
  return ms;
});

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}
