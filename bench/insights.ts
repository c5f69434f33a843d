// Insights at scale: a year of history for 50 projects × 6 environments (deployments with their
// commits, pipeline runs with jobs and attempts, incidents, hour rollups, observed versions, raw
// checks for the last 14 days) in a real database, then the DORA, pipeline and time-travel queries.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { createInsightsService } from '../src/main/engine/insights/insights-service.ts';
import { DAY, HOUR, MINUTE, WEEK } from '../src/main/engine/insights/stats.ts';
import { openDatabase } from '../src/main/engine/kernel/store/database.ts';
import { median, type BenchRow } from './stats.ts';

const PROJECTS = 50;
const NOW = Date.UTC(2026, 5, 15, 12, 0, 0);
const YEAR_START = NOW - 365 * DAY;
const RAW_FROM = NOW - 14 * DAY;
/** The target for any one insights query. */
const LIMIT_MS = 100;

/** Environments of every project: tier, deploys a week, and how long commits wait before them. */
const ENVIRONMENTS = [
  { name: 'dev', tier: 'development', perWeek: 2, lagMs: 10 * MINUTE },
  { name: 'preview', tier: 'other', perWeek: 1, lagMs: HOUR },
  { name: 'qa', tier: 'staging', perWeek: 2, lagMs: 4 * HOUR },
  { name: 'staging', tier: 'staging', perWeek: 4, lagMs: 2 * HOUR },
  { name: 'canary', tier: 'production', perWeek: 2, lagMs: DAY },
  { name: 'production', tier: 'production', perWeek: 3, lagMs: DAY },
] as const;
/** Each commit gets a CI run (4 jobs); each deployment is a run of the deploy pipeline (2 jobs). */
const COMMITS_PER_DAY = 2;
/** Deployments older than this were recorded before tiers were (NULL tier: the fallbacks apply). */
const TIERS_SINCE = NOW - 200 * DAY;

/** A deterministic pseudo-random stream, so every run seeds the same data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seed(db: Database): void {
  const next = random(7);
  const exponential = (mean: number) => -Math.log(1 - next()) * mean;
  const q = {
    project: db.prepare(
      "INSERT INTO projects (name, path, added_at, config_status, checked_at) VALUES (?, ?, 0, 'ok', 0)",
    ),
    environment: db.prepare('INSERT INTO environments (project_id, name, tier) VALUES (?, ?, ?)'),
    deployment: db.prepare(
      `INSERT INTO deployments (project_id, environment, kind, version, commit_sha, pipeline, actor, status,
         verification, is_fix, run_id, requested_at, started_at, finished_at, tier, commit_at)
       VALUES (?, ?, ?, ?, ?, 'deploy', 'bench', ?, 'verified', ?, ?, ?, ?, ?, ?, ?)`,
    ),
    commit: db.prepare('INSERT INTO deployment_commits (deployment_id, sha, committed_at) VALUES (?, ?, ?)'),
    run: db.prepare(
      `INSERT INTO runs (project_id, pipeline, status, trigger, git_sha, git_dirty, actor, queued_at, started_at, finished_at, definition)
       VALUES (?, ?, ?, 'commit', ?, 0, 'bench', ?, ?, ?, '{}')`,
    ),
    job: db.prepare(
      'INSERT INTO jobs (run_id, name, position, status, started_at, finished_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    attempt: db.prepare(
      'INSERT INTO attempts (job_id, number, status, started_at, finished_at) VALUES (?, ?, ?, ?, ?)',
    ),
    incident: db.prepare(
      "INSERT INTO incidents (environment_id, opened_at, closed_at, first_error) VALUES (?, ?, ?, 'status 503')",
    ),
    observed: db.prepare(
      'INSERT INTO observed_deployments (environment_id, version, previous_version, seen_at) VALUES (?, ?, ?, ?)',
    ),
    rollup: db.prepare(
      `INSERT INTO rollups (environment_id, resolution, bucket_start, checks, up, degraded, down, maintenance, latency_sum, latency_max, latency_buckets)
       VALUES (?, 'hour', ?, 12, ?, ?, ?, 0, 1200, 300, '[0,0,0,0,0,2,8,2,0,0,0,0,0,0]')`,
    ),
    check: db.prepare(
      'INSERT INTO check_results (environment_id, at, state, status_code, latency_ms, version) VALUES (?, ?, ?, 200, 80, ?)',
    ),
    session: db.prepare('INSERT INTO monitor_sessions (started_at, beat_at, pid) VALUES (?, ?, 1)'),
  };

  /** A run with its jobs (one attempt each, a failed first attempt on `retry`). */
  const run = (
    projectId: number,
    pipeline: string,
    sha: string,
    startedAt: number,
    jobs: readonly { name: string; meanMs: number }[],
    failAt: number | null,
    retry: string | null,
  ): { id: number; finishedAt: number } => {
    let t = startedAt;
    const planned = jobs.map((job, position) => {
      const ms = Math.round(job.meanMs * (0.7 + 0.6 * next()));
      const status =
        failAt === null || position < failAt ? 'success' : position === failAt ? 'failed' : 'skipped';
      const entry = { job, position, status, from: t, to: status === 'skipped' ? t : t + ms };
      t = entry.to;
      return entry;
    });
    const id = Number(
      q.run.run(projectId, pipeline, failAt === null ? 'success' : 'failed', sha, startedAt, startedAt, t)
        .lastInsertRowid,
    );
    for (const job of planned) {
      const skipped = job.status === 'skipped';
      const jobId = Number(
        q.job.run(
          id,
          job.job.name,
          job.position,
          job.status,
          skipped ? null : job.from,
          skipped ? null : job.to,
        ).lastInsertRowid,
      );
      if (skipped) continue;
      if (retry === job.job.name && job.status === 'success') {
        q.attempt.run(jobId, 1, 'failed', job.from, Math.round((job.from + job.to) / 2));
        q.attempt.run(jobId, 2, 'success', Math.round((job.from + job.to) / 2), job.to);
      } else {
        q.attempt.run(jobId, 1, job.status, job.from, job.to);
      }
    }
    return { id, finishedAt: t };
  };
  const ciJobs = [
    { name: 'lint', meanMs: 40_000 },
    { name: 'build', meanMs: 3 * MINUTE },
    { name: 'test', meanMs: 6 * MINUTE },
    { name: 'e2e', meanMs: 9 * MINUTE },
  ];
  const deployJobs = [
    { name: 'package', meanMs: 2 * MINUTE },
    { name: 'ship', meanMs: 4 * MINUTE },
  ];

  // Everything is generated first and inserted in time order, as a year of real use would have
  // written it (row ids, and so pages, follow time).
  const events: { at: number; insert: () => void }[] = [];
  const environments: { id: number; versions: { at: number; version: string }[] }[] = [];
  db.transaction(() => {
    for (let p = 0; p < PROJECTS; p++) {
      const projectId = Number(q.project.run(`project-${p}`, `/srv/project-${p}`).lastInsertRowid);
      // The commit stream, each with its CI run.
      const commits: { sha: string; at: number }[] = [];
      for (
        let t = YEAR_START + exponential(DAY / COMMITS_PER_DAY);
        t < NOW;
        t += exponential(DAY / COMMITS_PER_DAY)
      ) {
        const at = Math.round(t);
        const sha = `${p.toString(16)}${commits.length.toString(16).padStart(6, '0')}${'0'.repeat(33)}`;
        commits.push({ sha, at });
        const roll = next();
        const failAt = roll < 0.05 ? 2 : null;
        const retry = roll > 0.97 ? 'test' : null;
        events.push({ at, insert: () => void run(projectId, 'ci', sha, at + MINUTE, ciJobs, failAt, retry) });
      }
      for (const env of ENVIRONMENTS) {
        const environmentId = Number(q.environment.run(projectId, env.name, env.tier).lastInsertRowid);
        const versions: { at: number; version: string }[] = [];
        environments.push({ id: environmentId, versions });
        // Deployments, each bringing the commits the environment did not have yet.
        let shipped = 0;
        let version = 0;
        for (
          let t = YEAR_START + exponential(WEEK / env.perWeek);
          t < NOW - HOUR;
          t += exponential(WEEK / env.perWeek)
        ) {
          const requestedAt = Math.round(t);
          let upTo = shipped;
          while (upTo < commits.length && commits[upTo]!.at <= requestedAt - env.lagMs) upTo++;
          if (upTo === 0) continue;
          const roll = next();
          const status = roll < 0.02 ? 'failed' : roll < 0.03 ? 'cancelled' : 'succeeded';
          const kind = roll > 0.97 && shipped > 0 ? 'rollback' : 'deploy';
          if (kind === 'rollback') upTo = shipped; // a rollback brings no new commits
          const from = shipped;
          const name = `1.${++version}.0`;
          const previous = versions.at(-1)?.version ?? null;
          const head = commits[upTo - 1]!;
          // Deploy runs take about 6 minutes (+1 minute before and after): close enough for the
          // observed version, which is only recorded after the insert below knows the real finish.
          if (status === 'succeeded') versions.push({ at: requestedAt + 8 * MINUTE, version: name });
          events.push({
            at: requestedAt,
            insert: () => {
              const deployRun = run(
                projectId,
                'deploy',
                head.sha,
                requestedAt + MINUTE,
                deployJobs,
                status === 'failed' ? 1 : null,
                null,
              );
              const finishedAt = deployRun.finishedAt + MINUTE;
              const id = Number(
                q.deployment.run(
                  projectId,
                  env.name,
                  kind,
                  name,
                  head.sha,
                  status,
                  roll > 0.94 && roll <= 0.97 ? 1 : 0,
                  deployRun.id,
                  requestedAt,
                  requestedAt + MINUTE,
                  finishedAt,
                  requestedAt >= TIERS_SINCE ? env.tier : null,
                  head.at,
                ).lastInsertRowid,
              );
              for (let i = from; i < upTo; i++) q.commit.run(id, commits[i]!.sha, commits[i]!.at);
              if (status === 'succeeded') q.observed.run(environmentId, name, previous, finishedAt + MINUTE);
            },
          });
          if (status === 'succeeded') shipped = upTo;
        }
        // Incidents: about one every 15 days, restored in about an hour.
        for (let t = YEAR_START + exponential(15 * DAY); t < NOW; t += exponential(15 * DAY)) {
          const opened = Math.round(t);
          const closed = Math.round(t + exponential(HOUR));
          events.push({
            at: opened,
            insert: () => void q.incident.run(environmentId, opened, closed < NOW ? closed : null),
          });
        }
      }
    }
    events.sort((a, b) => a.at - b.at);
    for (const event of events) event.insert();
    // A year of hour rollups (12 checks an hour), then raw checks every 5 minutes for 14 days.
    for (let hour = YEAR_START - (YEAR_START % HOUR); hour < NOW; hour += HOUR) {
      for (const env of environments) {
        const roll = next();
        q.rollup.run(
          env.id,
          hour,
          roll < 0.01 ? 9 : 12,
          roll < 0.03 && roll >= 0.01 ? 1 : 0,
          roll < 0.01 ? 3 : 0,
        );
      }
    }
    const seen = environments.map(() => 0);
    for (let at = RAW_FROM; at <= NOW; at += 5 * MINUTE) {
      environments.forEach((env, i) => {
        while (seen[i]! < env.versions.length && env.versions[seen[i]!]!.at <= at) seen[i]!++;
        q.check.run(env.id, at, next() < 0.01 ? 'down' : 'up', env.versions[seen[i]! - 1]?.version ?? null);
      });
    }
    // The cockpit ran most of the time: weekly sessions with a 6-hour gap between them.
    for (let t = YEAR_START; t < NOW; t += WEEK) q.session.run(t, Math.min(NOW, t + WEEK - 6 * HOUR));
  }).immediate();
  db.pragma('optimize');
}

function time(runs: number, work: () => void): number {
  work(); // warm the statement caches
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

export function insights(runs: number): BenchRow[] {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-bench-insights-'));
  const db = openDatabase(join(dir, 'cockpit.db'));
  try {
    const seedStarted = performance.now();
    seed(db);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const counts = db
      .prepare<[], { deployments: number; commits: number; runs: number; jobs: number }>(
        `SELECT (SELECT count(*) FROM deployments) AS deployments, (SELECT count(*) FROM deployment_commits) AS commits,
                (SELECT count(*) FROM runs) AS runs, (SELECT count(*) FROM jobs) AS jobs`,
      )
      .get()!;
    const projects = db
      .prepare<[], { id: number; name: string; path: string }>('SELECT id, name, path FROM projects')
      .all();
    const service = createInsightsService({
      db,
      clock: { now: () => NOW },
      listProjects: () => projects,
      changeFailureWindowMs: () => 24 * HOUR,
    });
    const one = projects[0]!.id;
    const row = (name: string, work: () => void): BenchRow => ({
      name,
      value: time(runs, work),
      unit: 'ms',
      limit: LIMIT_MS,
      runs,
    });
    return [
      {
        name: `seed a year: ${PROJECTS} projects × 6 environments, ${counts.deployments.toLocaleString('en')} deployments, ${counts.commits.toLocaleString('en')} deployed commits, ${counts.runs.toLocaleString('en')} runs, ${counts.jobs.toLocaleString('en')} jobs (once)`,
        value: seedSeconds,
        unit: 's',
        limit: null,
        runs: 1,
      },
      row('DORA 7d, all projects (production, by project)', () => service.dora({ range: '7d' })),
      row('DORA 30d, all projects (production, by project)', () => service.dora({ range: '30d' })),
      row('DORA 90d, all projects (production, by project)', () => service.dora({ range: '90d' })),
      row('DORA 90d, one project', () => service.dora({ range: '90d', projectId: one })),
      row('DORA 90d, environment "staging" of all projects', () =>
        service.dora({ range: '90d', environment: 'staging' }),
      ),
      row('DORA 30d, one project, environment "dev"', () =>
        service.dora({ range: '30d', projectId: one, environment: 'dev' }),
      ),
      row('pipelines 30d, all projects', () => service.pipelines({ range: '30d' })),
      row('pipelines 90d, all projects', () => service.pipelines({ range: '90d' })),
      row('pipelines 90d, one project', () => service.pipelines({ range: '90d', projectId: one })),
      row('liveAt now (300 environments)', () => service.liveAt(NOW)),
      row('liveAt 3 days ago (raw checks)', () => service.liveAt(NOW - 3 * DAY - 7 * MINUTE)),
      row('liveAt 100 days ago (rollups, observed versions)', () => service.liveAt(NOW - 100 * DAY)),
      row('liveAt 300 days ago', () => service.liveAt(NOW - 300 * DAY + 17 * MINUTE)),
    ];
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
