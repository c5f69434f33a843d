// Hand-built histories for the insights tests: a real migrated SQLite file in a temp dir, and small
// helpers that insert rows with plain SQL, so each test states exactly the history it asserts on.
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../engine/kernel/store/database.ts';
import { tempDir } from './fixtures.ts';
import { manualClock } from '../engine/kernel/clock.ts';
import { createInsightsService } from '../engine/insights/insights-service.ts';
import { HOUR } from '../engine/insights/stats.ts';

const open: Database[] = [];

/** Closes what historyDb opened; call from afterEach before cleanupFixtures. */
export function closeHistories(): void {
  while (open.length > 0) open.pop()!.close();
}

export interface DeploySpec {
  environment: string;
  finishedAt: number;
  status?: string;
  kind?: 'deploy' | 'promote' | 'rollback';
  version?: string;
  tier?: string | null;
  isFix?: boolean;
  verification?: string;
  /** Default: 10 minutes before finishedAt. */
  requestedAt?: number;
  /** Default: requestedAt, as for a real deployment that waited for no approval. */
  startedAt?: number;
  commits?: { sha: string; committedAt: number }[];
  /** The commit deployed; default 'abc'. */
  commit?: string;
}

export interface JobSpec {
  name: string;
  status: string;
  ms?: number;
  /** Attempt statuses in order; default: one attempt with the job's status. */
  attempts?: string[];
}

export function historyDb(now: number, failureWindowMs = 24 * HOUR) {
  const db = openDatabase(join(tempDir('cockpit-insights-'), 'cockpit.db'));
  open.push(db);
  const projects: { id: number; name: string; path: string }[] = [];
  const clock = manualClock(now);
  const insights = createInsightsService({
    db,
    clock,
    listProjects: () => projects,
    changeFailureWindowMs: () => failureWindowMs,
  });

  const h = {
    clock,
    insights,
    project(name: string): number {
      const path = `/srv/${name}-${projects.length}`;
      const id = Number(
        db
          .prepare(
            "INSERT INTO projects (name, path, added_at, config_status, checked_at) VALUES (?, ?, 0, 'ok', 0)",
          )
          .run(name, path).lastInsertRowid,
      );
      projects.push({ id, name, path });
      return id;
    },
    environment(projectId: number, name: string, tier: string | null): number {
      return Number(
        db
          .prepare('INSERT INTO environments (project_id, name, tier) VALUES (?, ?, ?)')
          .run(projectId, name, tier).lastInsertRowid,
      );
    },
    deploy(projectId: number, spec: DeploySpec): number {
      const requestedAt = spec.requestedAt ?? spec.finishedAt - 10 * 60_000;
      const id = Number(
        db
          .prepare(
            `INSERT INTO deployments (project_id, environment, kind, version, commit_sha, pipeline, actor, status,
               verification, is_fix, requested_at, started_at, finished_at, tier)
             VALUES (?, ?, ?, ?, ?, 'deploy', 'tester', ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            projectId,
            spec.environment,
            spec.kind ?? 'deploy',
            spec.version ?? '1.0.0',
            spec.commit ?? 'abc',
            spec.status ?? 'succeeded',
            spec.verification ?? 'verified',
            spec.isFix ? 1 : 0,
            requestedAt,
            spec.startedAt ?? requestedAt,
            spec.finishedAt,
            spec.tier === undefined ? 'production' : spec.tier,
          ).lastInsertRowid,
      );
      const commit = db.prepare(
        'INSERT INTO deployment_commits (deployment_id, sha, committed_at) VALUES (?, ?, ?)',
      );
      for (const c of spec.commits ?? []) commit.run(id, c.sha, c.committedAt);
      return id;
    },
    incident(environmentId: number, openedAt: number, closedAt: number | null): number {
      return Number(
        db
          .prepare(
            "INSERT INTO incidents (environment_id, opened_at, closed_at, first_error) VALUES (?, ?, ?, 'boom')",
          )
          .run(environmentId, openedAt, closedAt).lastInsertRowid,
      );
    },
    check(
      environmentId: number,
      at: number,
      state: 'up' | 'degraded' | 'down',
      version: string | null = null,
    ): void {
      db.prepare('INSERT INTO check_results (environment_id, at, state, version) VALUES (?, ?, ?, ?)').run(
        environmentId,
        at,
        state,
        version,
      );
    },
    hourRollup(
      environmentId: number,
      hourStart: number,
      counts: { up?: number; degraded?: number; down?: number },
    ) {
      const up = counts.up ?? 0;
      const degraded = counts.degraded ?? 0;
      const down = counts.down ?? 0;
      db.prepare(
        `INSERT INTO rollups (environment_id, resolution, bucket_start, checks, up, degraded, down, maintenance, latency_sum, latency_max, latency_buckets)
         VALUES (?, 'hour', ?, ?, ?, ?, ?, 0, 0, 0, '[]')`,
      ).run(environmentId, hourStart, up + degraded + down, up, degraded, down);
    },
    observed(environmentId: number, version: string, seenAt: number): void {
      db.prepare('INSERT INTO observed_deployments (environment_id, version, seen_at) VALUES (?, ?, ?)').run(
        environmentId,
        version,
        seenAt,
      );
    },
    session(startedAt: number, beatAt: number): void {
      db.prepare('INSERT INTO monitor_sessions (started_at, beat_at, pid) VALUES (?, ?, 1)').run(
        startedAt,
        beatAt,
      );
    },
    /** A run finished at `finishedAt` that took `ms`, with its jobs (each taking its own ms). */
    run(
      projectId: number,
      spec: {
        pipeline: string;
        status: string;
        finishedAt: number;
        ms: number;
        sha?: string | null;
        dirty?: boolean;
        params?: Record<string, string | boolean>;
        rerunOf?: number;
        jobs?: JobSpec[];
      },
    ): number {
      const startedAt = spec.finishedAt - spec.ms;
      const runId = Number(
        db
          .prepare(
            `INSERT INTO runs (project_id, pipeline, status, trigger, params, rerun_of, git_sha, git_dirty, actor, queued_at, started_at, finished_at, definition)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'tester', ?, ?, ?, '{}')`,
          )
          .run(
            projectId,
            spec.pipeline,
            spec.status,
            spec.rerunOf === undefined ? 'manual' : 'rerun',
            JSON.stringify(spec.params ?? {}),
            spec.rerunOf ?? null,
            spec.sha ?? null,
            spec.sha === undefined || spec.sha === null ? null : spec.dirty ? 1 : 0,
            startedAt,
            startedAt,
            spec.finishedAt,
          ).lastInsertRowid,
      );
      const insertJob = db.prepare(
        `INSERT INTO jobs (run_id, name, position, status, started_at, finished_at) VALUES (?, ?, ?, ?, ?, ?)`,
      );
      const insertAttempt = db.prepare(
        'INSERT INTO attempts (job_id, number, status, started_at, finished_at) VALUES (?, ?, ?, ?, ?)',
      );
      (spec.jobs ?? []).forEach((job, position) => {
        const ms = job.ms ?? 1000;
        const jobId = Number(
          insertJob.run(runId, job.name, position, job.status, startedAt, startedAt + ms).lastInsertRowid,
        );
        const attempts =
          job.attempts ?? (job.status === 'skipped' || job.status === 'pending' ? [] : [job.status]);
        attempts.forEach((status, i) => insertAttempt.run(jobId, i + 1, status, startedAt, startedAt + ms));
      });
      return runId;
    },
  };
  return h;
}
