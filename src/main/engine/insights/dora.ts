// The four DORA keys from the deployment and incident history: a few range queries load the facts
// (dora-facts.ts, for the window and the one before it), then plain functions count them — per
// project too, without querying again.
import type { Database } from 'better-sqlite3';
import type { DoraKeys, DoraSummary, InsightRange } from '../../../shared/domain/insights.ts';
import { failureRateBand, frequencyBand, leadTimeBand, restoreBand } from './bands.ts';
import { groupByProject, loadFacts, type DoraFacts } from './dora-facts.ts';
import { prepareDoraStatements } from './dora-queries.ts';
import {
  DAY,
  HOUR,
  MONTH,
  WEEK,
  bucketIndex,
  bucketsOf,
  inPeriod,
  medianAndP90,
  percentileOfSorted,
  rangeDays,
  utcDay,
  windowsOf,
  type Period,
} from './stats.ts';

export type { CommitFact, DeployFact, DoraFacts, RestoreFact } from './dora-facts.ts';

export interface DoraParams {
  projectId?: number;
  environment?: string;
  range: InsightRange;
}

/** The four keys over one window of `days` days. */
export function keysOf(facts: DoraFacts, window: Period, days: number): DoraKeys {
  const changes = facts.deploys.filter((d) => inPeriod(d.finishedAt, window) && (d.succeeded || d.failed));
  const deploys = changes.filter((d) => d.succeeded);
  const deployDays = new Set(deploys.map((d) => utcDay(d.finishedAt))).size;
  // Deploy days in each whole week counted back from the window's end (the oldest days of a 30- or
  // 90-day window that make no whole week are left out of this median only).
  const weeks = Math.floor(days / 7);
  const weekDays = Array.from({ length: weeks }, () => new Set<number>());
  for (const d of deploys) weekDays[Math.floor((window.to - d.finishedAt) / WEEK)]?.add(utcDay(d.finishedAt));
  const weeklyDays = weekDays.map((set) => set.size).sort((a, b) => a - b);
  const frequency = {
    deploys: deploys.length,
    perDay: deploys.length / days,
    perWeek: deploys.length / (days / 7),
    deployDays,
  };
  const lead = medianAndP90(facts.commits.filter((c) => inPeriod(c.deployedAt, window)).map((c) => c.leadMs));
  const restore = medianAndP90(
    facts.restores.filter((r) => inPeriod(r.closedAt, window)).map((r) => r.restoreMs),
  );
  const failures = changes.filter((d) => d.failed).length;
  const rate = changes.length === 0 ? null : failures / changes.length;
  return {
    deploymentFrequency: {
      ...frequency,
      band: frequencyBand({
        deploys: deploys.length,
        days,
        medianWeeklyDeployDays: percentileOfSorted(weeklyDays, 0.5) ?? 0,
      }),
    },
    leadTime: { ...lead, band: leadTimeBand(lead.medianMs) },
    changeFailureRate: { deploys: changes.length, failures, rate, band: failureRateBand(rate) },
    timeToRestore: { ...restore, band: restoreBand(restore.medianMs) },
  };
}

function seriesOf(facts: DoraFacts, range: InsightRange, window: Period): DoraSummary['series'] {
  const { step, buckets } = bucketsOf(range, window);
  const points = buckets.map(() => ({
    deploys: 0,
    failures: 0,
    leads: [] as number[],
    restores: [] as number[],
  }));
  const at = (t: number) =>
    inPeriod(t, window) ? points[bucketIndex(buckets.length, step, window, t)] : undefined;
  for (const d of facts.deploys) {
    const point = at(d.finishedAt);
    if (!point || (!d.succeeded && !d.failed)) continue;
    point.deploys++;
    if (d.failed) point.failures++;
  }
  for (const c of facts.commits) at(c.deployedAt)?.leads.push(c.leadMs);
  for (const r of facts.restores) at(r.closedAt)?.restores.push(r.restoreMs);
  return points.map((point, i) => ({
    start: buckets[i]!.from,
    deploys: point.deploys,
    failures: point.failures,
    failureRate: point.deploys === 0 ? 0 : point.failures / point.deploys,
    leadTimeMedianMs: medianAndP90(point.leads).medianMs,
    restoreMedianMs: medianAndP90(point.restores).medianMs,
  }));
}

const leadBuckets = [
  { label: '< 1 hour', upToMs: HOUR },
  { label: '< 1 day', upToMs: DAY },
  { label: '< 1 week', upToMs: WEEK },
  { label: '< 1 month', upToMs: MONTH },
  { label: '≥ 1 month', upToMs: null },
] as const;

function distributionOf(facts: DoraFacts, window: Period): DoraSummary['leadTimeDistribution'] {
  const counts = leadBuckets.map(() => 0);
  for (const c of facts.commits) {
    if (!inPeriod(c.deployedAt, window)) continue;
    const index = leadBuckets.findIndex((b) => b.upToMs === null || c.leadMs < b.upToMs);
    counts[index]!++;
  }
  return leadBuckets.map((b, i) => ({ label: b.label, upToMs: b.upToMs, commits: counts[i]! }));
}

const noFacts: DoraFacts = { deploys: [], commits: [], restores: [] };

export function createDora(db: Database) {
  const s = prepareDoraStatements(db);
  return function summary(
    params: DoraParams,
    context: { now: number; failureWindowMs: number; projects: { id: number; name: string }[] },
  ): DoraSummary {
    const days = rangeDays[params.range];
    const { current, previous } = windowsOf(params.range, context.now);
    const facts = db.transaction(() =>
      loadFacts(
        s,
        {
          from: previous.from,
          to: current.to,
          projectId: params.projectId ?? null,
          environment: params.environment ?? null,
        },
        context.failureWindowMs,
      ),
    )();
    let byProject: DoraSummary['byProject'] = [];
    if (params.projectId === undefined) {
      const groups = groupByProject(facts);
      byProject = [...context.projects]
        .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id)
        .map((p) => ({
          projectId: p.id,
          name: p.name,
          keys: keysOf(groups.get(p.id) ?? noFacts, current, days),
        }));
    }
    return {
      range: params.range,
      projectId: params.projectId ?? null,
      environment: params.environment ?? null,
      current,
      previous,
      keys: keysOf(facts, current, days),
      previousKeys: keysOf(facts, previous, days),
      series: seriesOf(facts, params.range, current),
      leadTimeDistribution: distributionOf(facts, current),
      byProject,
    };
  };
}

export type DoraQuery = ReturnType<typeof createDora>;
