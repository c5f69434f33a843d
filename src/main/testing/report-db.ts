// A migrated SQLite file seeded with a month of release history for the report tests: two projects,
// deployments in every state (gates, approvals, an override, a rejection), runs, incidents and
// checks — with hostile text (`<script>`, pipes, quotes, formulas) where users type things.
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { DoraKeys, DoraSummary, InsightRange } from '../../shared/domain/insights.ts';
import type { DeploymentDetail } from '../../shared/domain/release.ts';
import { CockpitError } from '../../shared/errors.ts';
import { manualClock } from '../engine/kernel/clock.ts';
import { createAuditLog, createDeploymentsRepo } from '../engine/releases/index.ts';
import { openDatabase } from '../engine/kernel/store/database.ts';
import { onCleanup, tempDir } from './fixtures.ts';

export const NOW = Date.UTC(2026, 10, 26, 10); // Thursday 26 November 2026, 10:00 UTC
export const DAY = 24 * 60 * 60 * 1000;
export const HOUR = 60 * 60 * 1000;
export const EVIL = '<script>alert("x")</script>';

export const NOTES_120 = `## v1.2.0 (since v1.1.0)

### Features

- **cart:** pay with a ${EVIL} | pipe (#12)
- faster checkout (a1b2c3d)

### Bug Fixes

- fix: totals rounding (b2c3d4e)

Authors: Ann (2), Bob (1)
`;

interface DeploymentSeed {
  projectId: number;
  environment: string;
  tier: string | null;
  version: string;
  status: string;
  requestedAt: number;
  finishedAt?: number | null;
  kind?: string;
  actor?: string;
  gates?: { gate: string; passed: boolean; detail: string }[];
  approvalsNeeded?: number;
  override?: { by: string; reason: string };
  notes?: string | null;
  runId?: number | null;
  verification?: string | null;
  verificationDetail?: string | null;
}

export function seededHistory() {
  const clock = manualClock(NOW);
  const db = openDatabase(join(tempDir('cockpit-reports-'), 'cockpit.db'));
  onCleanup(() => {
    db.close();
  });
  const audit = createAuditLog(db, clock);
  const repo = createDeploymentsRepo(db);

  const project = (name: string) =>
    Number(
      db
        .prepare(
          "INSERT INTO projects (name, path, added_at, config_status, checked_at) VALUES (?, ?, 0, 'ok', 0)",
        )
        .run(name, `/srv/${name}`).lastInsertRowid,
    );
  const shop = project('shop');
  const blog = project('blog');
  const environment = (projectId: number, name: string, tier: string) =>
    Number(
      db
        .prepare('INSERT INTO environments (project_id, name, tier) VALUES (?, ?, ?)')
        .run(projectId, name, tier).lastInsertRowid,
    );
  const shopStaging = environment(shop, 'staging', 'staging');
  const shopProduction = environment(shop, 'production', 'production');
  const blogProduction = environment(blog, 'live', 'production');

  const run = (projectId: number, pipeline: string, status: string, queuedAt: number, actor = 'ann') =>
    Number(
      db
        .prepare(
          `INSERT INTO runs (project_id, pipeline, status, trigger, git_sha, git_branch, git_dirty, actor, queued_at, started_at, finished_at, definition)
           VALUES (?, ?, ?, 'manual', 'a1b2c3d4e5f6', 'main', 0, ?, ?, ?, ?, '{}')`,
        )
        .run(projectId, pipeline, status, actor, queuedAt, queuedAt + 1000, queuedAt + 61_000)
        .lastInsertRowid,
    );

  const deploy = (seed: DeploymentSeed) => {
    const id = Number(
      db
        .prepare(
          `INSERT INTO deployments (project_id, environment, kind, version, commit_sha, pipeline, actor, status,
             verification, verification_detail, run_id, gates, approvals_needed, override_by, override_reason,
             release_notes, requested_at, started_at, finished_at, tier)
           VALUES (@projectId, @environment, @kind, @version, 'a1b2c3d4e5f6a7b8', 'deploy', @actor, @status,
             @verification, @verificationDetail, @runId, @gates, @approvalsNeeded, @overrideBy, @overrideReason,
             @notes, @requestedAt, @startedAt, @finishedAt, @tier)`,
        )
        .run({
          projectId: seed.projectId,
          environment: seed.environment,
          kind: seed.kind ?? 'deploy',
          version: seed.version,
          actor: seed.actor ?? 'ann',
          status: seed.status,
          verification: seed.verification ?? (seed.status === 'succeeded' ? 'verified' : null),
          verificationDetail: seed.verificationDetail ?? null,
          runId: seed.runId ?? null,
          gates: JSON.stringify(seed.gates ?? []),
          approvalsNeeded: seed.approvalsNeeded ?? 0,
          overrideBy: seed.override?.by ?? null,
          overrideReason: seed.override?.reason ?? null,
          notes: seed.notes ?? null,
          requestedAt: seed.requestedAt,
          startedAt: seed.status === 'rejected' ? null : seed.requestedAt + 1000,
          finishedAt: seed.finishedAt === undefined ? seed.requestedAt + 120_000 : seed.finishedAt,
          tier: seed.tier,
        }).lastInsertRowid,
    );
    clock.set(seed.requestedAt);
    audit.append({
      actor: seed.actor ?? 'ann',
      action: 'deploy.requested',
      projectId: seed.projectId,
      subject: `deployment #${id}`,
      detail: { deploymentId: id, version: seed.version },
    });
    clock.set(NOW);
    return id;
  };

  const approve = (deploymentId: number, approver: string, decision: string, comment: string, at: number) =>
    db
      .prepare(
        'INSERT INTO approvals (deployment_id, approver, decision, comment, at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(deploymentId, approver, decision, comment, at);

  // Outside the default window (more than 30 days ago).
  const old = deploy({
    projectId: shop,
    environment: 'production',
    tier: 'production',
    version: 'v1.0.0',
    status: 'succeeded',
    requestedAt: NOW - 40 * DAY,
    notes: '## v1.0.0 (first release)\n\n- the very first (0000000)\n',
  });
  const stagingRun = run(shop, 'deploy', 'success', NOW - 10 * DAY);
  const staging = deploy({
    projectId: shop,
    environment: 'staging',
    tier: 'staging',
    version: 'v1.2.0',
    status: 'succeeded',
    requestedAt: NOW - 10 * DAY,
    runId: stagingRun,
    notes: NOTES_120,
  });
  const productionRun = run(shop, 'deploy', 'success', NOW - 5 * DAY, 'bob');
  const production = deploy({
    projectId: shop,
    environment: 'production',
    tier: 'production',
    version: '1.2.0', // the same release, named without its "v"
    status: 'succeeded',
    actor: 'bob',
    requestedAt: NOW - 5 * DAY,
    runId: productionRun,
    gates: [
      { gate: 'pipeline_passed', passed: true, detail: 'ci passed on a1b2c3d (run #3)' },
      { gate: 'approvals', passed: true, detail: '1 of 1 approvals' },
      { gate: 'freeze', passed: false, detail: 'frozen until Mon 08:00 | "holiday"' },
    ],
    approvalsNeeded: 1,
    override: { by: 'bob', reason: `hotfix for ${EVIL}, see "INC-7" | pager` },
    notes: NOTES_120,
  });
  approve(production, 'carol', 'approve', `LGTM ${EVIL} | ok`, NOW - 5 * DAY + 60_000);
  const rejected = deploy({
    projectId: shop,
    environment: 'production',
    tier: 'production',
    version: 'v1.3.0',
    status: 'rejected',
    requestedAt: NOW - 2 * DAY,
    finishedAt: NOW - 2 * DAY + 3_600_000,
    approvalsNeeded: 1,
    gates: [{ gate: 'approvals', passed: false, detail: '0 of 1 approvals' }],
  });
  approve(
    rejected,
    'dave',
    'reject',
    '=HYPERLINK("http://evil.example","click"), "quoted"\nsecond line',
    NOW - 2 * DAY + 3_600_000,
  );
  const failedRun = run(blog, 'publish', 'failed', NOW - 1 * DAY, '@mallory');
  const blogFailed = deploy({
    projectId: blog,
    environment: 'live',
    tier: null, // an old row without a recorded tier: the environment's counts
    version: '+2026.11',
    status: 'failed',
    actor: '@mallory',
    requestedAt: NOW - 1 * DAY,
    runId: failedRun,
    verification: 'not_verified',
    verificationDetail: 'the deploy pipeline failed (run #4)',
  });
  run(blog, 'ci', 'success', NOW - 3 * DAY);
  run(shop, 'ci', 'success', NOW - 45 * DAY); // outside the window

  const incident = (environmentId: number, openedAt: number, closedAt: number | null, firstError: string) =>
    db
      .prepare(
        'INSERT INTO incidents (environment_id, opened_at, closed_at, first_error, error_class) VALUES (?, ?, ?, ?, ?)',
      )
      .run(environmentId, openedAt, closedAt, firstError, 'http_status');
  incident(shopProduction, NOW - 5 * DAY + HOUR, NOW - 5 * DAY + 2 * HOUR + 30 * 60_000, `HTTP 502 ${EVIL}`);
  incident(shopStaging, NOW - 50 * DAY, NOW - 49 * DAY, 'long ago');
  incident(blogProduction, NOW - 6 * HOUR, null, '-1 connection refused, "retry"');

  const deployment = (id: number): DeploymentDetail => {
    const found = repo.get(id);
    if (!found) throw new CockpitError('NOT_FOUND', `There is no deployment #${id}.`);
    return {
      ...found,
      releaseNotes: repo.releaseNotes(id),
      audit: audit.forDeployment(id),
      canApprove: { allowed: false, why: null },
    };
  };
  const doraCalls: { projectId?: number; range: InsightRange }[] = [];
  const dora = (params: { projectId?: number; range: InsightRange }) => {
    doraCalls.push(params);
    return doraSummary(params.range, params.projectId ?? null);
  };
  const listProjects = () => [
    { id: shop, name: 'shop', path: '/srv/shop' },
    { id: blog, name: 'blog', path: '/srv/blog' },
  ];

  return {
    // The assertion names the type for declaration emit (TS4058), though the type is the same.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    db: db as Database,
    clock,
    shop,
    blog,
    ids: { old, staging, production, rejected, blogFailed },
    runs: { stagingRun, productionRun, failedRun },
    deployment,
    dora,
    doraCalls,
    listProjects,
  };
}

const keys = (deploys: number): DoraKeys => ({
  deploymentFrequency: {
    deploys,
    perDay: deploys / 30,
    perWeek: (deploys * 7) / 30,
    deployDays: deploys,
    band: 'high',
  },
  leadTime: { samples: 4, medianMs: 26 * HOUR, p90Ms: 3 * DAY, band: 'medium' },
  changeFailureRate: { deploys, failures: 1, rate: deploys ? 1 / deploys : null, band: 'low' },
  timeToRestore: { samples: 0, medianMs: null, p90Ms: null, band: null },
});

export function doraSummary(range: InsightRange, projectId: number | null): DoraSummary {
  const days = { '7d': 7, '30d': 30, '90d': 90 }[range];
  return {
    range,
    projectId,
    environment: null,
    current: { from: NOW - days * DAY, to: NOW },
    previous: { from: NOW - 2 * days * DAY, to: NOW - days * DAY },
    keys: keys(4),
    previousKeys: keys(2),
    series: [],
    leadTimeDistribution: [],
    byProject: [],
  };
}
