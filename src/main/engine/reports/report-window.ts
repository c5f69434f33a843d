// The time a report covers: a date range (default the 30 days before `until`), and the standard DORA
// range (7, 30 or 90 days) nearest to it, since the metrics only come in those.
import { insightRanges, type InsightRange } from '../../../shared/domain/insights.ts';
import { badRequest } from '../../../shared/errors.ts';
import { utcDate } from './report-format.ts';

export const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_REPORT_DAYS = 30;

export interface ReportWindow {
  since: number;
  until: number;
}

/** [since, until): `until` defaults to now, `since` to 30 days before `until`. */
export function resolveWindow(params: { since?: number; until?: number }, now: number): ReportWindow {
  const until = params.until ?? now;
  const since = params.since ?? until - DEFAULT_REPORT_DAYS * DAY_MS;
  if (since >= until) {
    throw badRequest(
      `The report window is empty: since (${new Date(since).toISOString()}) is not before until (${new Date(until).toISOString()}).`,
      [{ path: 'since', message: 'must be before until' }],
      { since, until },
    );
  }
  return { since, until };
}

const rangeDays: Record<InsightRange, number> = { '7d': 7, '30d': 30, '90d': 90 };

/**
 * The standard range closest to the window's length, by ratio (45 days → 30d, 60 days → 90d), and
 * whether it is exactly that long.
 */
export function nearestRange(window: ReportWindow): { range: InsightRange; exact: boolean; days: number } {
  const days = (window.until - window.since) / DAY_MS;
  let best: InsightRange = '30d';
  let bestDistance = Infinity;
  for (const range of insightRanges) {
    const distance = Math.abs(Math.log(days / rangeDays[range]));
    if (distance < bestDistance) {
      best = range;
      bestDistance = distance;
    }
  }
  return { range: best, exact: days === rangeDays[best], days };
}

/**
 * "2026-10-27-to-2026-11-26" (UTC dates; the last day is the one `until` falls in, or the day before
 * when `until` is exactly midnight, since the window ends before it), or "v1.2.0" for a version.
 */
export function fileStem(window: ReportWindow, version: string | null): string {
  if (version !== null) return safeFilePart(version);
  return `${utcDate(window.since)}-to-${utcDate(window.until - 1)}`;
}

/** Letters, digits, dots, dashes and underscores only; never starting with a dot. */
export function safeFilePart(text: string): string {
  const safe = text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
  return safe.slice(0, 80) || 'unnamed';
}
