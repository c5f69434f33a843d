// Plain-text pieces every report format shares: UTC times, durations, DORA values and bands, and the
// words for a deployment's result. Reports are read later and elsewhere, so every time is UTC.
import type { DoraBand, DoraKeys } from '../../../shared/domain/insights.ts';
import type { Deployment } from '../../../shared/domain/release.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "2026-11-25 10:00 UTC". */
export function utcTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "2026-11-25" (UTC). */
export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** "45s", "12m", "3h05m", "2d04h". */
export function humanDuration(ms: number): string {
  const value = Math.max(0, ms);
  if (value < MINUTE) return `${Math.round(value / 1000)}s`;
  if (value < HOUR) return `${Math.round(value / MINUTE)}m`;
  if (value < DAY) {
    const minutes = Math.round(value / MINUTE);
    return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
  }
  const hours = Math.round(value / HOUR);
  return `${Math.floor(hours / 24)}d${String(hours % 24).padStart(2, '0')}h`;
}

/** "succeeded", "failed", "succeeded (fix)", "cancelled". */
export function resultText(deployment: Deployment): string {
  const status = deployment.status.replace('_', ' ');
  return deployment.fix ? `${status} (fix)` : status;
}

/** "verified", "not verified: …", "skipped", or "-" when the deploy never reached verification. */
export function verificationText(deployment: Deployment): string {
  if (deployment.verification === null) return '-';
  const state = deployment.verification.replace('_', ' ');
  return deployment.verification === 'not_verified' && deployment.verificationDetail
    ? `${state}: ${deployment.verificationDetail}`
    : state;
}

export function kindText(deployment: Deployment): string {
  return deployment.kind === 'promote' && deployment.sourceEnvironment
    ? `promote from ${deployment.sourceEnvironment}`
    : deployment.kind;
}

export function bandText(band: DoraBand | null): string {
  return band ?? 'no data';
}

export interface MetricRow {
  key: string;
  value: string;
  previous: string;
  band: DoraBand | null;
}

/** The four keys as rows: what each measured now, and in the period before. */
export function metricRows(keys: DoraKeys, previous: DoraKeys): MetricRow[] {
  const frequency = (k: DoraKeys) =>
    `${plural(k.deploymentFrequency.deploys, 'deploy')} (${round(k.deploymentFrequency.perWeek)}/week, ${plural(k.deploymentFrequency.deployDays, 'deploy day')})`;
  const duration = (stats: DoraKeys['leadTime']) =>
    stats.medianMs === null
      ? 'no data'
      : `median ${humanDuration(stats.medianMs)}, p90 ${humanDuration(stats.p90Ms ?? stats.medianMs)} (${plural(stats.samples, 'sample')})`;
  const failures = (k: DoraKeys) =>
    k.changeFailureRate.rate === null
      ? 'no deploys'
      : `${Math.round(k.changeFailureRate.rate * 100)}% (${k.changeFailureRate.failures} of ${k.changeFailureRate.deploys})`;
  return [
    {
      key: 'Deployment frequency',
      value: frequency(keys),
      previous: frequency(previous),
      band: keys.deploymentFrequency.band,
    },
    {
      key: 'Lead time for changes',
      value: duration(keys.leadTime),
      previous: duration(previous.leadTime),
      band: keys.leadTime.band,
    },
    {
      key: 'Change failure rate',
      value: failures(keys),
      previous: failures(previous),
      band: keys.changeFailureRate.band,
    },
    {
      key: 'Time to restore service',
      value: duration(keys.timeToRestore),
      previous: duration(previous.timeToRestore),
      band: keys.timeToRestore.band,
    },
  ];
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function round(value: number): string {
  return value >= 10 ? value.toFixed(0) : value.toFixed(1);
}
