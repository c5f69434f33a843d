// A history with known answers, written straight into the data directory's SQLite file (WAL: the
// running cockpit reads it at once): runs where exactly two jobs are flaky and two failures are not,
// and production deployments where exactly three of seven changes failed.
import { join } from 'node:path';
import Database from 'better-sqlite3';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** What the seeded history must show, worked out by hand from the rows below. */
export const seededAnswers = {
  /** unit: failed and passed on commit c2 with the same params; upload: passed on retry. */
  flaky: [
    { job: 'unit', flakes: 1, runs: 6, why: 'failed and passed on 1 commit' },
    { job: 'upload', flakes: 1, runs: 1, why: 'passed on retry in 1 run' },
  ],
  /** Changes: 6 deploys + the failed deploy that was rolled back; failed: v1.1.0, v1.2.0, v1.3.0. */
  changeFailures: { failures: 3, changes: 7, rate: '43 %' },
  /** Healthy again 2 h 10 min, 20 min and 1 h 5 min after the failed deploys: median 1 h 5 min. */
  restore: { samples: 3, median: '1 h 5 min', p90: '2 h 10 min' },
};

export function seedHistory(dataDir: string, projectId: number, now = Date.now()): void {
  const db = new Database(join(dataDir, 'cockpit.db'));
  db.pragma('busy_timeout = 5000');
  try {
    db.transaction(() => seed(db, projectId, now))();
  } finally {
    db.close();
  }
}

function seed(db: Database.Database, projectId: number, now: number) {
  const definition = JSON.stringify({ jobs: { unit: { run: 'npm test' }, upload: { run: 'upload' } } });
  const insertRun = db.prepare(
    `INSERT INTO runs (project_id, pipeline, status, trigger, params, git_sha, git_branch, git_dirty, actor,
       queued_at, started_at, finished_at, rerun_of, definition)
     VALUES (?, 'ci', ?, ?, ?, ?, 'main', 0, 'seed', ?, ?, ?, ?, ?)`,
  );
  const insertJob = db.prepare(
    `INSERT INTO jobs (run_id, name, position, status, started_at, finished_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertAttempt = db.prepare(
    `INSERT INTO attempts (job_id, number, status, exit_code, started_at, finished_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  type Job = { name: string; attempts: ('success' | 'failed')[] };
  const run = (
    sha: string,
    params: Record<string, boolean>,
    finishedAt: number,
    jobs: Job[],
    rerunOf: number | null = null,
  ): number => {
    const startedAt = finishedAt - 3 * MINUTE;
    const status = jobs.every((job) => job.attempts.at(-1) === 'success') ? 'success' : 'failed';
    const id = Number(
      insertRun.run(
        projectId,
        status,
        rerunOf === null ? 'manual' : 'rerun',
        JSON.stringify(params),
        sha.padEnd(40, '0'),
        startedAt,
        startedAt,
        finishedAt,
        rerunOf,
        definition,
      ).lastInsertRowid,
    );
    jobs.forEach((job, position) => {
      const jobId = Number(
        insertJob.run(id, job.name, position, job.attempts.at(-1)!, startedAt, finishedAt).lastInsertRowid,
      );
      job.attempts.forEach((attempt, index) =>
        insertAttempt.run(jobId, index + 1, attempt, attempt === 'success' ? 0 : 1, startedAt, finishedAt),
      );
    });
    return id;
  };
  const unit = (outcome: 'success' | 'failed'): Job => ({ name: 'unit', attempts: [outcome] });
  // c1: failed when told to fail, passed when not — the params changed, not luck: no flake.
  run('c1', { fail_tests: true }, now - 6 * DAY, [unit('failed')]);
  run('c1', { fail_tests: false }, now - 6 * DAY + HOUR, [unit('success')]);
  // c2: failed, and its re-run with the same params passed: a flake.
  const failed = run('c2', { fail_tests: false }, now - 4 * DAY, [unit('failed')]);
  run('c2', { fail_tests: false }, now - 4 * DAY + 30 * MINUTE, [unit('success')], failed);
  // c3: upload failed its first attempt and passed its retry: a flake.
  run('c3', { fail_tests: false }, now - 2 * DAY, [
    unit('success'),
    { name: 'upload', attempts: ['failed', 'success'] },
  ]);
  // c4: failed once, never run again: no flake.
  run('c4', { fail_tests: false }, now - DAY, [unit('failed')]);

  // Production, watched: an environment row, deployments, and the checks that saw it healthy again.
  db.prepare(
    "INSERT OR IGNORE INTO environments (project_id, name, tier) VALUES (?, 'production', 'production')",
  ).run(projectId);
  const environmentId = db
    .prepare<[number], number>("SELECT id FROM environments WHERE project_id = ? AND name = 'production'")
    .pluck()
    .get(projectId)!;
  const insertDeployment = db.prepare(
    `INSERT INTO deployments (project_id, environment, kind, version, commit_sha, pipeline, actor, status,
       verification, override_by, override_reason, requested_at, started_at, finished_at, tier)
     VALUES (?, 'production', ?, ?, ?, 'deploy', 'seed', ?, ?, ?, ?, ?, ?, ?, 'production')`,
  );
  const deploy = (
    kind: 'deploy' | 'rollback',
    version: string,
    commit: string,
    finishedAt: number,
    options: { status?: 'succeeded' | 'failed'; requestedAt?: number; override?: string } = {},
  ) => {
    const requestedAt = options.requestedAt ?? finishedAt - 10 * MINUTE;
    const status = options.status ?? 'succeeded';
    insertDeployment.run(
      projectId,
      kind,
      version,
      commit.padEnd(40, '0'),
      status,
      status === 'succeeded' ? 'verified' : null,
      options.override ? 'seed' : null,
      options.override ?? null,
      requestedAt,
      requestedAt,
      finishedAt,
    );
  };
  const healthy = db.prepare("INSERT INTO check_results (environment_id, at, state) VALUES (?, ?, 'up')");
  // All within 14 days, so the raw checks are kept.
  deploy('deploy', 'v1.0.0', 'c1', now - 13 * DAY);
  const v11 = now - 12 * DAY; // bad: rolled back 2 h later
  deploy('deploy', 'v1.1.0', 'c2', v11);
  deploy('rollback', 'v1.0.0', 'c1', v11 + 2 * HOUR + 5 * MINUTE, { requestedAt: v11 + 2 * HOUR });
  healthy.run(environmentId, v11 + 2 * HOUR + 10 * MINUTE);
  const v12 = now - 8 * DAY; // its pipeline failed half-way; rolled back
  deploy('deploy', 'v1.2.0', 'c3', v12, { status: 'failed' });
  deploy('rollback', 'v1.0.0', 'c1', v12 + 15 * MINUTE, { requestedAt: v12 + 10 * MINUTE });
  healthy.run(environmentId, v12 + 20 * MINUTE);
  const v13 = now - 3 * DAY; // bad: v1.0.0 deployed again by hand, gates overridden
  deploy('deploy', 'v1.3.0', 'c4', v13);
  deploy('deploy', 'v1.0.0', 'c1', v13 + HOUR, {
    requestedAt: v13 + 50 * MINUTE,
    override: 'rolling back by hand',
  });
  healthy.run(environmentId, v13 + HOUR + 5 * MINUTE);
}
