// How the four DORA keys read on screen: a label, the value in words, the band as a tone and a word,
// and the trend against the previous period (up or down, and whether that is better or worse).
import type { DoraBand, DoraKeys, InsightRange } from '../../../shared/domain/insights.ts';
import { formatSpan } from './environment-look.ts';

export type DoraKeyName = keyof DoraKeys;

export const doraKeyNames: readonly DoraKeyName[] = [
  'deploymentFrequency',
  'leadTime',
  'changeFailureRate',
  'timeToRestore',
];

interface KeyInfo {
  label: string;
  /** What the number is, in a sentence (tooltips, screen readers). */
  meaning: string;
  /** Frequency: more is better; the other three: less is better. */
  higherIsBetter: boolean;
}

const keyInfo: Record<DoraKeyName, KeyInfo> = {
  deploymentFrequency: {
    label: 'Deployment frequency',
    meaning: 'Successful deploys in the window, per week.',
    higherIsBetter: true,
  },
  leadTime: {
    label: 'Lead time for changes',
    meaning: 'Median time from a commit to its first successful deploy.',
    higherIsBetter: false,
  },
  changeFailureRate: {
    label: 'Change failure rate',
    meaning: 'Share of deploys followed by an incident, a rollback or a fix.',
    higherIsBetter: false,
  },
  timeToRestore: {
    label: 'Time to restore',
    meaning: 'Median time from an incident opening to its recovery.',
    higherIsBetter: false,
  },
};

export function doraKeyInfo(key: DoraKeyName): KeyInfo {
  return keyInfo[key];
}

/** The number a key is compared on: deploys per week, median milliseconds, or the failure share. */
export function keyValue(keys: DoraKeys, key: DoraKeyName): number | null {
  switch (key) {
    case 'deploymentFrequency':
      return keys.deploymentFrequency.perWeek;
    case 'leadTime':
      return keys.leadTime.medianMs;
    case 'changeFailureRate':
      return keys.changeFailureRate.rate;
    case 'timeToRestore':
      return keys.timeToRestore.medianMs;
  }
}

/** 0.2333 → "0.2"; 3 → "3"; 12.46 → "12". */
function shortNumber(value: number): string {
  if (value === 0) return '0';
  if (value >= 10) return String(Math.round(value));
  return String(Math.round(value * 10) / 10 || Math.round(value * 100) / 100);
}

/** 0.25 → "25 %"; 0.0333 → "3.3 %"; null → "—". */
export function formatRate(rate: number | null): string {
  if (rate === null) return '—';
  const percent = rate * 100;
  return `${percent === 0 || percent >= 10 ? Math.round(percent) : Math.round(percent * 10) / 10} %`;
}

/** A key's value as shown on its tile: "1.5 / week", "2.3 / day", "3 d 2 h", "25 %", "—". */
export function formatKeyValue(key: DoraKeyName, value: number | null): string {
  if (value === null) return '—';
  switch (key) {
    case 'deploymentFrequency':
      return value >= 7 ? `${shortNumber(value / 7)} / day` : `${shortNumber(value)} / week`;
    case 'changeFailureRate':
      return formatRate(value);
    case 'leadTime':
    case 'timeToRestore':
      return formatSpan(value);
  }
}

export type BandTone = 'ok' | 'info' | 'warning' | 'danger';

const bandLooks: Record<DoraBand, { label: string; tone: BandTone; meaning: string }> = {
  elite: { label: 'Elite', tone: 'ok', meaning: 'among the best performers' },
  high: { label: 'High', tone: 'info', meaning: 'a strong performer' },
  medium: { label: 'Medium', tone: 'warning', meaning: 'room to improve' },
  low: { label: 'Low', tone: 'danger', meaning: 'well behind' },
};

export function bandLook(band: DoraBand | null): {
  label: string;
  tone: BandTone | 'neutral';
  meaning: string;
} {
  if (band === null) return { label: 'No data', tone: 'neutral', meaning: 'not enough data for a band' };
  return bandLooks[band];
}

export type TrendDirection = 'up' | 'down' | 'flat' | 'none';
export type TrendVerdict = 'better' | 'worse' | 'same' | 'unknown';

export interface Trend {
  direction: TrendDirection;
  verdict: TrendVerdict;
}

/** Changes smaller than this share of the larger value read as "about the same". */
const FLAT_SHARE = 0.02;

/**
 * The trend of a key against the previous period: which way it moved and whether that is good —
 * more deploys is better; longer lead times, more failures and slower restores are worse.
 */
export function trendOf(key: DoraKeyName, current: number | null, previous: number | null): Trend {
  if (current === null || previous === null) return { direction: 'none', verdict: 'unknown' };
  const scale = Math.max(Math.abs(current), Math.abs(previous));
  if (scale === 0 || Math.abs(current - previous) <= FLAT_SHARE * scale) {
    return { direction: 'flat', verdict: 'same' };
  }
  const direction = current > previous ? 'up' : 'down';
  const better = keyInfo[key].higherIsBetter === (direction === 'up');
  return { direction, verdict: better ? 'better' : 'worse' };
}

/** "Better than the previous 30 days (was 2 / week)", for the trend's accessible text. */
export function trendText(trend: Trend, previousText: string, range: InsightRange): string {
  const period = `the previous ${rangeDaysOf(range)} days`;
  switch (trend.verdict) {
    case 'unknown':
      return `No data to compare with ${period}`;
    case 'same':
      return `About the same as ${period} (${previousText})`;
    case 'better':
      return `${trend.direction === 'up' ? 'Up' : 'Down'}, better than ${period} (was ${previousText})`;
    case 'worse':
      return `${trend.direction === 'up' ? 'Up' : 'Down'}, worse than ${period} (was ${previousText})`;
  }
}

export function rangeDaysOf(range: InsightRange): number {
  return range === '7d' ? 7 : range === '30d' ? 30 : 90;
}

/** "production" (the tier, by default) or the chosen environment's name, for sentences. */
export function scopeName(environment: string | null): string {
  return environment ?? 'production';
}
