// The SQL the DORA keys read: deployments that changed production (or the chosen environment), the
// commits they shipped, the failure signals (incidents, rollbacks, fixes) and restores, for one
// period. Production scope: the tier recorded with the deployment, else the environment's, else the
// name 'production'.
import type { Database, Statement } from 'better-sqlite3';

export interface Bind {
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
export interface Signal {
  projectId: number;
  environment: string;
  at: number;
  deploymentId: number | null;
  /** For a rollback or fix: when it finished successfully (null: it did not, or not yet). */
  restoredAt: number | null;
}

export interface DoraStatements {
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

export function prepareDoraStatements(db: Database): DoraStatements {
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
