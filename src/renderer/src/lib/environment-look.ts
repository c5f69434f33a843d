// How environment states and tiers read on screen: a tone, a word and a sentence for each state,
// and small formatters for latencies, uptimes and "checked 12 s ago" — one table, shared by views.
import type { EnvironmentState, EnvironmentSummary } from '../../../shared/domain/environment.ts';

export type Tier = EnvironmentSummary['tier'];

interface StateLook {
  label: string;
  /** What the state means, for tooltips and screen readers. */
  meaning: string;
}

const stateLooks: Record<EnvironmentState, StateLook> = {
  up: { label: 'Up', meaning: 'Every check passes.' },
  degraded: { label: 'Degraded', meaning: 'It answers, but slowly or with warnings.' },
  down: { label: 'Down', meaning: 'Checks fail.' },
  unknown: { label: 'Unknown', meaning: 'Not checked yet.' },
  paused: { label: 'Paused', meaning: 'Checks are paused until resumed.' },
  stale: { label: 'Stale', meaning: 'No check result for a while: what is shown may be out of date.' },
};

export function stateLook(state: EnvironmentState): StateLook {
  return stateLooks[state];
}

const tierLabels: Record<Tier, string> = {
  production: 'Production',
  staging: 'Staging',
  development: 'Development',
  other: 'Other',
};

export function tierLabel(tier: Tier): string {
  return tierLabels[tier];
}

/** "just now", "12 s ago", "4 min ago", "2 h ago", "3 days ago" — to the second while it is recent. */
export function agoShort(then: number, now: number): string {
  const seconds = Math.floor(Math.max(0, now - then) / 1_000);
  if (seconds < 1) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

/** "20 s", "4 min", "2 h": how long until something, to the nearest second (at least 1 s). */
export function inShort(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1_000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.round(minutes / 60)} h`;
}

export function formatLatency(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  return `${(ms / 1_000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** 0.99871 → "99.87 %"; 1 → "100 %"; null → "—". */
export function formatUptime(share: number | null): string {
  if (share === null) return '—';
  if (share >= 1) return '100 %';
  const percent = Math.floor(share * 10_000) / 100;
  return `${percent.toFixed(2)} %`;
}

/** How long an incident lasted (or has lasted): "45 s", "12 min", "3 h 20 min", "2 d 4 h". */
export function formatSpan(ms: number): string {
  const seconds = Math.floor(Math.max(0, ms) / 1_000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

/** Certificates with fewer days left than this are shown as a warning. */
export const CERT_WARNING_DAYS = 14;
