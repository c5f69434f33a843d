// DORA performance bands for the four keys: the State of DevOps 2021 ranges, with the gaps between
// its bands closed upward so every value has exactly one band (docs/insights.md, "Bands").
import type { DoraBand } from '../../../shared/domain/insights.ts';
import { DAY, HOUR, MONTH, WEEK } from './stats.ts';

export interface FrequencyFacts {
  deploys: number;
  /** The window's length in days. */
  days: number;
  /** Median over the window's whole weeks (counted back from its end) of days with a deploy. */
  medianWeeklyDeployDays: number;
}

/**
 * Elite ("on demand, several times a day"): deploys on a median of at least 3 days a week (Four Keys'
 * "daily"); high ("daily to weekly"): at least one deploy a week on average; medium ("weekly to
 * monthly"): at least one every 30 days on average; low: fewer, including none at all.
 */
export function frequencyBand(f: FrequencyFacts): DoraBand {
  if (f.deploys === 0) return 'low';
  if (f.medianWeeklyDeployDays >= 3) return 'elite';
  // In whole numbers: deploys / (days / 7) >= 1, deploys / (days / 30) >= 1.
  if (f.deploys * 7 >= f.days) return 'high';
  if (f.deploys * 30 >= f.days) return 'medium';
  return 'low';
}

/** Median lead time: elite under an hour, high under a week, medium under six months (180 days). */
export function leadTimeBand(medianMs: number | null): DoraBand | null {
  if (medianMs === null) return null;
  if (medianMs < HOUR) return 'elite';
  if (medianMs < WEEK) return 'high';
  if (medianMs < 6 * MONTH) return 'medium';
  return 'low';
}

/** Change failure rate: elite up to 15%, high up to 30%, medium up to 45%, low above. */
export function failureRateBand(rate: number | null): DoraBand | null {
  if (rate === null) return null;
  if (rate <= 0.15) return 'elite';
  if (rate <= 0.3) return 'high';
  if (rate <= 0.45) return 'medium';
  return 'low';
}

/** Median time to restore: elite under an hour, high under a day, medium under a week. */
export function restoreBand(medianMs: number | null): DoraBand | null {
  if (medianMs === null) return null;
  if (medianMs < HOUR) return 'elite';
  if (medianMs < DAY) return 'high';
  if (medianMs < WEEK) return 'medium';
  return 'low';
}
