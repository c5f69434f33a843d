// The four DORA keys from the deployment and incident history: a few range queries load the facts
// (deploys with their failure flag, first-deployed commits, restored incidents) for the window and
// the one before it, then plain functions count them — per project too, without querying again.
import type { Database, Statement } from 'better-sqlite3';
import type { DoraKeys, DoraSummary, InsightRange } from '../../../shared/domain/insights.ts';
import { failureRateBand, frequencyBand, leadTimeBand, restoreBand } from './bands.ts';
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

export interface DoraParams {
  projectId?: number;
  environment?: string;
  range: InsightRange;
}

/**
 * A deployment in scope and whether a failure signal was attributed to it. `succeeded` ones are the
 * deploys; a deployment whose pipeline failed counts as a change only once a signal (a rollback, a
 * fix, an incident) shows it broke the environment.
 */
export interface DeployFact {
  projectId: number;
  finishedAt: number;
  succeeded: boolean;
  failed: boolean;
}

/** A commit at its first successful deployment in scope. */
export interface CommitFact {
  projectId: number;
  deployedAt: number;
  leadMs: number;
}

/** An incident in scope, closed; or a change failure without one, from its deploy to healthy again. */
export interface RestoreFact {
  projectId: number;
  closedAt: number;
  restoreMs: number;
}

export interface DoraFacts {
  deploys: DeployFact[];
  commits: CommitFact[];
  restores: RestoreFact[];
}

interface Bind {
  from: number;
  to: number;
  projectId: number | null;
  environment: string | null;
}

// Production scope: the tier recorded with the deployment, else the environment's tier, else the
// name 'production'. With an environment name, that environment (whatever its tier).
const deployScope = (d: string, e: string) =>
  `(CASE WHEN @environment IS NULL
     THEN coalesce(${d}.tier, ${e}.tier, CASE WHEN ${d}.environment = 'production' THEN 'production' END) = 'production'
     ELSE ${d}.environment = @environment END)`;
const incidentScope = `(CASE WHEN @environment IS NULL
     THEN coalesce(e.tier, CASE WHEN e.name = 'production' THEN 'production' END) = 'production'
     ELSE e.name = @environment END)`;
const environmentJoin = (d: string, e: string) =>
  `LEFT JOIN environments ${e} ON ${e}.project_id = ${d}.project_id AND ${e}.name = ${d}.environment`;

type DeployRow = [
  id: number,
  projectId: number,
  environment: string,
  startedAt: number,
  finishedAt: number,
  succeeded: number,
];

type CommitRow = [
  deploymentId: number,
  sha: string,
  committedAt: number,
  /** 1 when a deployment in scope finished before the loaded period had shipped it. */
  shippedBefore: number,
];

/** A failure signal; `deploymentId` is the rollback or fix deployment that raised it, null for an incident. */
interface Signal {
  projectId: number;
  environment: string;
  at: number;
  deploymentId: number | null;
  /** For a rollback or fix: when it finished successfully (null: it did not, or not yet). */
  restoredAt: number | null;
}

interface Statements {
  deploys: Statement<[Bind], DeployRow>;
  commits: Statement<[Bind], CommitRow>;
  signals: Statement<[Bind], Signal>;
  restores: Statement<[Bind], { projectId: number; openedAt: number; closedAt: number }>;
  firstHealthy: Statement<[{ projectId: number; environment: string; since: number }], number | null>;
  watched: Statement<[{ projectId: number; environment: string; since: number }], number>;
}

const inPeriodAndScope = `d.status = 'succeeded' AND d.finished_at > @from AND d.finished_at <= @to
  AND (@projectId IS NULL OR d.project_id = @projectId) AND ${deployScope('d', 'e')}`;
/** Deployments that changed the environment: succeeded, or failed part-way (its pipeline failed). */
const changesInPeriodAndScope = inPeriodAndScope.replace(
  "d.status = 'succeeded'",
  "d.status IN ('succeeded', 'failed')",
);
/**
 * A deployment that brings back a commit an environment ran before something else replaced it is a
 * rollback, whatever it was requested as (a deploy of the old version with --override, say).
 */
const redeploysOlder = `EXISTS (
  SELECT 1 FROM deployments older
  WHERE older.project_id = d.project_id AND older.environment = d.environment AND older.status = 'succeeded'
    AND older.commit_sha = d.commit_sha AND older.finished_at < d.requested_at
    AND EXISTS (
      SELECT 1 FROM deployments since
      WHERE since.project_id = d.project_id AND since.environment = d.environment
        AND since.status IN ('succeeded', 'failed') AND since.commit_sha != d.commit_sha
        AND coalesce(since.started_at, since.requested_at) > older.finished_at
        AND coalesce(since.started_at, since.requested_at) < d.requested_at))`;

function prepare(db: Database): Statements {
  return {
    deploys: db
      .prepare<[Bind], DeployRow>(
        `SELECT d.id, d.project_id, d.environment, coalesce(d.started_at, d.requested_at), d.finished_at,
                d.status = 'succeeded'
         FROM deployments d ${environmentJoin('d', 'e')} WHERE ${changesInPeriodAndScope}`,
      )
      .raw(true),
    // The commits of those deployments. Only a commit older than the period can have shipped before
    // it; later repeats (another production environment, a redeploy after a rollback) are dropped in
    // code, keeping each commit's first deployment.
    commits: db
      .prepare<[Bind], CommitRow>(
        `SELECT d.id, c.sha, c.committed_at,
                CASE WHEN c.committed_at > @from THEN 0 ELSE EXISTS (
                  SELECT 1 FROM deployment_commits c2
                  JOIN deployments d2 ON d2.id = c2.deployment_id ${environmentJoin('d2', 'e2')}
                  WHERE c2.sha = c.sha AND d2.project_id = d.project_id AND d2.status = 'succeeded'
                    AND d2.finished_at <= @from AND ${deployScope('d2', 'e2')}) END
         FROM deployments d ${environmentJoin('d', 'e')}
         JOIN deployment_commits c ON c.deployment_id = d.id
         WHERE ${inPeriodAndScope}`,
      )
      .raw(true),
    // What marks a deployment as failed: an incident opened, a rollback or a fix requested.
    signals: db.prepare(
      `SELECT e.project_id AS projectId, e.name AS environment, i.opened_at AS at, NULL AS deploymentId,
              NULL AS restoredAt
       FROM incidents i JOIN environments e ON e.id = i.environment_id
       WHERE i.opened_at > @from AND i.opened_at <= @to
         AND (@projectId IS NULL OR e.project_id = @projectId)
         AND (@environment IS NULL OR e.name = @environment)
       UNION ALL
       SELECT d.project_id, d.environment, d.requested_at, d.id,
              CASE WHEN d.status = 'succeeded' THEN d.finished_at END
       FROM deployments d
       WHERE (d.kind = 'rollback' OR d.is_fix = 1 OR ${redeploysOlder})
         AND d.requested_at > @from AND d.requested_at <= @to
         AND (@projectId IS NULL OR d.project_id = @projectId)
         AND (@environment IS NULL OR d.environment = @environment)`,
    ),
    restores: db.prepare(
      `SELECT e.project_id AS projectId, i.opened_at AS openedAt, i.closed_at AS closedAt
       FROM incidents i JOIN environments e ON e.id = i.environment_id
       WHERE i.closed_at > @from AND i.closed_at <= @to
         AND (@projectId IS NULL OR e.project_id = @projectId) AND ${incidentScope}`,
    ),
    // The first passing check at or after a time: raw results, else the end of a minute or hour rollup.
    firstHealthy: db
      .prepare<[{ projectId: number; environment: string; since: number }], number | null>(
        `SELECT min(at) FROM (
           SELECT min(c.at) AS at FROM environments e JOIN check_results c ON c.environment_id = e.id
           WHERE e.project_id = @projectId AND e.name = @environment AND c.at >= @since AND c.state != 'down'
           UNION ALL
           SELECT min(r.bucket_start + CASE r.resolution WHEN 'minute' THEN 60000 ELSE 3600000 END)
           FROM environments e JOIN rollups r ON r.environment_id = e.id
           WHERE e.project_id = @projectId AND e.name = @environment AND r.bucket_start >= @since
             AND r.up + r.degraded > 0)`,
      )
      .pluck(),
    watched: db
      .prepare<[{ projectId: number; environment: string; since: number }], number>(
        `SELECT EXISTS (SELECT 1 FROM environments e JOIN check_results c ON c.environment_id = e.id
                        WHERE e.project_id = @projectId AND e.name = @environment AND c.at >= @since)
             OR EXISTS (SELECT 1 FROM environments e JOIN rollups r ON r.environment_id = e.id
                        WHERE e.project_id = @projectId AND e.name = @environment AND r.bucket_start >= @since)`,
      )
      .pluck(),
  };
}

interface Owner {
  id: number;
  startedAt: number;
  finishedAt: number;
  fact: DeployFact;
  /** An incident was blamed on it: its restore time is the incident's. */
  incident: boolean;
  /** The rollback or fix that marked it failed: when that one finished (null: not successfully). */
  restoredBy: { at: number; restoredAt: number | null } | null;
  projectId: number;
  environment: string;
}

/**
 * Loads the facts: deployments finished, commits first deployed and incidents closed in (from, to].
 * A failure signal in an environment belongs to the latest successful deployment there that had
 * started by then — at or before an incident opened; strictly before a rollback or fix was
 * requested, and never the rollback or fix itself — and marks it failed when it came no later than
 * `failureWindowMs` after that deployment finished.
 */
function loadFacts(s: Statements, bind: Bind, failureWindowMs: number): DoraFacts {
  const key = (projectId: number, environment: string) => `${projectId}\u0000${environment}`;
  const byEnvironment = new Map<string, Owner[]>();
  const byId = new Map<number, DeployFact>();
  const deploys: DeployFact[] = [];
  for (const [id, projectId, environment, startedAt, finishedAt, succeeded] of s.deploys.all(bind)) {
    const fact = { projectId, finishedAt, succeeded: succeeded === 1, failed: false };
    deploys.push(fact);
    byId.set(id, fact);
    const k = key(projectId, environment);
    const list = byEnvironment.get(k);
    const owner: Owner = {
      id,
      startedAt,
      finishedAt,
      fact,
      incident: false,
      restoredBy: null,
      projectId,
      environment,
    };
    if (list) list.push(owner);
    else byEnvironment.set(k, [owner]);
  }

  const firstDeploys = new Map<number, Map<string, CommitFact>>(); // per project, per commit
  for (const [deploymentId, sha, committedAt, before] of s.commits.all(bind)) {
    if (before === 1) continue;
    const deploy = byId.get(deploymentId)!; // both reads share one snapshot
    if (!deploy.succeeded) continue; // a failed deployment shipped nothing
    let ofProject = firstDeploys.get(deploy.projectId);
    if (!ofProject) firstDeploys.set(deploy.projectId, (ofProject = new Map<string, CommitFact>()));
    const known = ofProject.get(sha);
    if (known && known.deployedAt <= deploy.finishedAt) continue;
    ofProject.set(sha, {
      projectId: deploy.projectId,
      deployedAt: deploy.finishedAt,
      leadMs: Math.max(0, deploy.finishedAt - committedAt),
    });
  }
  const commits = [...firstDeploys.values()].flatMap((ofProject) => [...ofProject.values()]);

  for (const list of byEnvironment.values()) list.sort((a, b) => a.startedAt - b.startedAt || a.id - b.id);
  for (const signal of s.signals.all({ ...bind, to: bind.to + failureWindowMs })) {
    const list = byEnvironment.get(key(signal.projectId, signal.environment));
    if (!list) continue;
    // A rollback or fix replaces what was running when it was requested: deploys started strictly
    // before. An incident also belongs to a deploy started the same millisecond.
    const strict = signal.deploymentId !== null;
    let lo = 0; // binary search: the first deployment not eligible
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const startedAt = list[mid]!.startedAt;
      if (strict ? startedAt < signal.at : startedAt <= signal.at) lo = mid + 1;
      else hi = mid;
    }
    let owner = list[lo - 1];
    if (owner && owner.id === signal.deploymentId) owner = list[lo - 2]; // a start recorded before the request
    if (!owner || signal.at - owner.finishedAt > failureWindowMs) continue;
    owner.fact.failed = true;
    if (signal.deploymentId === null) owner.incident = true;
    else owner.restoredBy ??= { at: signal.at, restoredAt: signal.restoredAt };
  }

  const restores: RestoreFact[] = s.restores.all(bind).map((row) => ({
    projectId: row.projectId,
    closedAt: row.closedAt,
    restoreMs: row.closedAt - row.openedAt,
  }));
  // A change failure no incident covers (rolled back or fixed before checks called it down): it is
  // restored when the environment is healthy again after the rollback or fix finished — or, never
  // watched, when that finished. Until then it is left out, like an incident still open.
  for (const list of byEnvironment.values()) {
    for (const owner of list) {
      if (!owner.restoredBy || owner.incident || owner.restoredBy.restoredAt === null) continue;
      const where = {
        projectId: owner.projectId,
        environment: owner.environment,
        since: Math.max(owner.restoredBy.restoredAt, owner.finishedAt),
      };
      const healthy = s.firstHealthy.get(where);
      if (healthy === null && s.watched.get(where) === 1) continue; // watched, not healthy yet
      const restoredAt = healthy ?? owner.restoredBy.restoredAt;
      if (restoredAt <= bind.from || restoredAt > bind.to) continue;
      restores.push({
        projectId: owner.projectId,
        closedAt: restoredAt,
        restoreMs: restoredAt - owner.finishedAt,
      });
    }
  }
  return { deploys, commits, restores };
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

function groupByProject(facts: DoraFacts): Map<number, DoraFacts> {
  const groups = new Map<number, DoraFacts>();
  const group = (projectId: number) => {
    let g = groups.get(projectId);
    if (!g) groups.set(projectId, (g = { deploys: [], commits: [], restores: [] }));
    return g;
  };
  for (const d of facts.deploys) group(d.projectId).deploys.push(d);
  for (const c of facts.commits) group(c.projectId).commits.push(c);
  for (const r of facts.restores) group(r.projectId).restores.push(r);
  return groups;
}

const noFacts: DoraFacts = { deploys: [], commits: [], restores: [] };

export function createDora(db: Database) {
  const s = prepare(db);
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
