// Prepared statements for runs, jobs, attempts and artifacts; rows in, domain objects out.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Database } from 'better-sqlite3';
import { identityOf, selfIdentity } from '../kernel/process/process-identity.ts';
import { fieldsOf } from '../kernel/store/row-fields.ts';
import type {
  Artifact,
  Attempt,
  AttemptStatus,
  JobState,
  JobStatus,
  ParamValue,
  RunStatus,
  RunSummary,
  RunTrigger,
} from '../../../shared/domain/run.ts';

interface RunRow {
  id: number;
  project_id: number;
  pipeline: string;
  status: RunStatus;
  trigger: RunTrigger;
  params: string;
  git_sha: string | null;
  git_branch: string | null;
  git_dirty: 0 | 1 | null;
  actor: string;
  queued_at: number;
  started_at: number | null;
  finished_at: number | null;
  rerun_of: number | null;
  owner_pid: number | null;
  /** "<boot id>/<start time>" of the owner (null in rows written before it was kept). */
  owner_start: string | null;
  definition: string;
  source_kind: 'cockpit' | 'github' | 'gitlab';
  source_file: string | null;
  source_hash: string | null;
}

interface JobRow {
  id: number;
  run_id: number;
  name: string;
  needs: string;
  position: number;
  status: JobStatus;
  continue_on_error: 0 | 1;
  started_at: number | null;
  finished_at: number | null;
  job_group: string | null;
  skip_reason: string | null;
  waiting: 'manual' | 'manual-need' | null;
  outputs: string | null;
  summary: string | null;
}

interface AttemptRow {
  id: number;
  job_id: number;
  number: number;
  status: AttemptStatus;
  exit_code: number | null;
  signal: string | null;
  started_at: number;
  finished_at: number | null;
  log_lines: number;
  log_bytes: number;
  log_truncated: 0 | 1;
}

export interface ArtifactRow {
  id: number;
  job_id: number;
  path: string;
  size: number;
  sha256: string;
  stored_path: string;
  pruned_at: number | null;
  pruned_reason: string | null;
}

export interface NewRun {
  projectId: number;
  pipeline: string;
  trigger: RunTrigger;
  params: Record<string, ParamValue>;
  git: { sha: string | null; branch: string | null; dirty: boolean } | null;
  actor: string;
  queuedAt: number;
  rerunOf: number | null;
  definition: unknown;
  source: { kind: 'cockpit' | 'github' | 'gitlab'; file: string; contentHash: string };
  jobs: {
    name: string;
    group: string;
    needs: string[];
    continueOnError: boolean;
    manual: boolean;
    /** Skipped at planning time, for this reason. */
    skip: string | null;
  }[];
}

export interface RunFilter {
  projectId?: number;
  pipeline?: string;
  status?: RunStatus;
  limit?: number;
  beforeId?: number;
}

export type RunsRepo = ReturnType<typeof createRunsRepo>;

export function createRunsRepo(db: Database, dataDir?: string) {
  /** Whether an artifact's stored copy (relative to the data directory) is there; unknown without one. */
  const storedCopyExists = (storedPath: string) =>
    dataDir === undefined || existsSync(resolve(dataDir, storedPath));
  const insertRun = db.prepare(
    `INSERT INTO runs (project_id, pipeline, status, trigger, params, git_sha, git_branch, git_dirty, actor, queued_at, rerun_of, owner_pid, owner_start, definition, source_kind, source_file, source_hash)
     VALUES (@projectId, @pipeline, 'queued', @trigger, @params, @gitSha, @gitBranch, @gitDirty, @actor, @queuedAt, @rerunOf, @ownerPid, @ownerStart, @definition, @sourceKind, @sourceFile, @sourceHash)`,
  );
  const insertJob = db.prepare(
    `INSERT INTO jobs (run_id, name, needs, position, status, continue_on_error, job_group, waiting, skip_reason)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectRun = db.prepare<[number], RunRow>('SELECT * FROM runs WHERE id = ?');
  const selectJobs = db.prepare<[number], JobRow>('SELECT * FROM jobs WHERE run_id = ? ORDER BY position');
  const selectAttempts = db.prepare<[number], AttemptRow>(
    'SELECT a.* FROM attempts a JOIN jobs j ON j.id = a.job_id WHERE j.run_id = ? ORDER BY a.job_id, a.number',
  );
  const selectArtifacts = db.prepare<[number], ArtifactRow>(
    'SELECT a.* FROM artifacts a JOIN jobs j ON j.id = a.job_id WHERE j.run_id = ? ORDER BY a.job_id, a.path',
  );
  const selectAttempt = db.prepare<[number], AttemptRow & { run_id: number; job_name: string }>(
    'SELECT a.*, j.run_id, j.name AS job_name FROM attempts a JOIN jobs j ON j.id = a.job_id WHERE a.id = ?',
  );
  const runStarted = db.prepare(`UPDATE runs SET status = 'running', started_at = ? WHERE id = ?`);
  const runFinished = db.prepare(
    `UPDATE runs SET status = ?, finished_at = ?, owner_pid = NULL, owner_start = NULL WHERE id = ?`,
  );
  const jobStarted = db.prepare(`UPDATE jobs SET status = 'running', started_at = ? WHERE id = ?`);
  const jobFinished = db.prepare(
    `UPDATE jobs SET status = ?, started_at = coalesce(started_at, ?), finished_at = ? WHERE id = ?`,
  );
  const insertAttempt = db.prepare(
    `INSERT INTO attempts (job_id, number, status, started_at) VALUES (?, ?, 'running', ?)`,
  );
  const attemptFinished = db.prepare(
    `UPDATE attempts SET status = ?, exit_code = ?, signal = ?, finished_at = ?, log_lines = ?, log_bytes = ?, log_truncated = ? WHERE id = ?`,
  );
  const insertArtifact = db.prepare(
    'INSERT OR REPLACE INTO artifacts (job_id, path, size, sha256, stored_path) VALUES (?, ?, ?, ?, ?)',
  );
  const activeRuns = db.prepare<[], RunRow>(`SELECT * FROM runs WHERE status IN ('queued', 'running')`);
  const setAttemptGroup = db.prepare('UPDATE attempts SET pgid = ?, pgid_start = ? WHERE id = ?');
  const interruptJobs = db.prepare(
    `UPDATE jobs SET status = 'interrupted', finished_at = coalesce(finished_at, ?) WHERE run_id = ? AND status IN ('pending', 'running')`,
  );
  const interruptAttempts = db.prepare(
    `UPDATE attempts SET status = 'interrupted', finished_at = coalesce(finished_at, ?)
     WHERE status = 'running' AND job_id IN (SELECT id FROM jobs WHERE run_id = ?)`,
  );
  const recentForPipeline = db.prepare<[number, string, number], RunRow>(
    'SELECT * FROM runs WHERE project_id = ? AND pipeline = ? ORDER BY id DESC LIMIT ?',
  );
  const typicalDurations = db.prepare<[number, string, string], { ms: number }>(
    `SELECT j.finished_at - j.started_at AS ms FROM jobs j JOIN runs r ON r.id = j.run_id
     WHERE r.project_id = ? AND r.pipeline = ? AND j.name = ? AND j.status = 'success' AND j.started_at IS NOT NULL
     ORDER BY j.id DESC LIMIT 10`,
  );

  const interruptRun = db.transaction((runId: number, at: number) => {
    interruptAttempts.run(at, runId);
    interruptJobs.run(at, runId);
    runFinished.run('interrupted', at, runId);
  });

  const createRun = db.transaction((run: NewRun): number => {
    const { lastInsertRowid } = insertRun.run({
      projectId: run.projectId,
      pipeline: run.pipeline,
      trigger: run.trigger,
      params: JSON.stringify(run.params),
      gitSha: run.git?.sha ?? null,
      gitBranch: run.git?.branch ?? null,
      gitDirty: run.git ? (run.git.dirty ? 1 : 0) : null,
      actor: run.actor,
      queuedAt: run.queuedAt,
      rerunOf: run.rerunOf,
      ownerPid: process.pid,
      ownerStart: selfIdentity(),
      definition: JSON.stringify(run.definition),
      sourceKind: run.source.kind,
      sourceFile: run.source.file,
      sourceHash: run.source.contentHash,
    });
    const runId = Number(lastInsertRowid);
    run.jobs.forEach((job, position) =>
      insertJob.run(
        runId,
        job.name,
        JSON.stringify(job.needs),
        position,
        job.skip !== null ? 'skipped' : 'pending',
        job.continueOnError ? 1 : 0,
        job.group,
        job.manual && job.skip === null ? 'manual' : null,
        job.skip,
      ),
    );
    return runId;
  });

  return {
    createRun: (run: NewRun): number => createRun(run),
    getRunRow: (runId: number) => selectRun.get(runId),
    getRun: (runId: number): RunSummary | undefined => mapOptional(selectRun.get(runId)),
    jobRows: (runId: number) => selectJobs.all(runId),
    jobStates(
      runId: number,
      typical: (job: string) => number | null,
      maxAttempts: (job: string) => number,
      planned: (job: string) => Pick<JobState, 'location' | 'plannedSteps'>,
      attemptExtras: (attemptIds: number[]) => Map<number, Pick<Attempt, 'steps' | 'groups'>>,
    ): JobState[] {
      const attemptRows = selectAttempts.all(runId);
      const extras = attemptExtras(attemptRows.map((row) => row.id));
      const attempts = groupBy(attemptRows, (row) => row.job_id);
      const artifacts = groupBy(selectArtifacts.all(runId), (row) => row.job_id);
      return selectJobs.all(runId).map((job) => ({
        id: job.id,
        name: job.name,
        group: job.job_group ?? job.name,
        needs: JSON.parse(job.needs) as string[],
        status: job.status === 'pending' && job.waiting === 'manual' ? 'manual' : job.status,
        reason:
          job.skip_reason ??
          (job.waiting === 'manual' && job.status === 'pending'
            ? 'manual: it runs when someone plays it'
            : null),
        ...planned(job.name),
        outputs: job.outputs ? (JSON.parse(job.outputs) as Record<string, string>) : {},
        summary: job.summary,
        continueOnError: job.continue_on_error === 1,
        maxAttempts: maxAttempts(job.name),
        startedAt: job.started_at,
        finishedAt: job.finished_at,
        typicalDurationMs: typical(job.name),
        attempts: (attempts.get(job.id) ?? []).map((row) => ({
          ...toAttempt(row),
          ...(extras.get(row.id) ?? { steps: [], groups: [] }),
        })),
        artifacts: (artifacts.get(job.id) ?? []).map((row): Artifact => ({
          id: row.id,
          path: row.path,
          size: row.size,
          sha256: row.sha256,
          removed: row.pruned_at === null ? null : { at: row.pruned_at, reason: row.pruned_reason ?? '' },
          available: row.pruned_at === null && storedCopyExists(row.stored_path),
        })),
        reusedFrom: null,
      }));
    },
    attempt: (attemptId: number) => selectAttempt.get(attemptId),
    list(filter: RunFilter): RunSummary[] {
      const where: string[] = [];
      const args: (string | number)[] = [];
      if (filter.projectId !== undefined) {
        where.push('project_id = ?');
        args.push(filter.projectId);
      }
      if (filter.pipeline !== undefined) {
        where.push('pipeline = ?');
        args.push(filter.pipeline);
      }
      if (filter.status !== undefined) {
        where.push('status = ?');
        args.push(filter.status);
      }
      if (filter.beforeId !== undefined) {
        where.push('id < ?');
        args.push(filter.beforeId);
      }
      const sql = `SELECT * FROM runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
      return db
        .prepare<(string | number)[], RunRow>(sql)
        .all(...args, filter.limit ?? 50)
        .map(toSummary);
    },
    recent: (projectId: number, pipeline: string, limit: number) =>
      recentForPipeline.all(projectId, pipeline, limit).map(toSummary),
    typicalDuration(projectId: number, pipeline: string, job: string): number | null {
      const values = typicalDurations.all(projectId, pipeline, job).map((row) => row.ms);
      return values.length ? median(values) : null;
    },
    runStarted: (runId: number, at: number) => runStarted.run(at, runId),
    runFinished: (runId: number, status: RunStatus, at: number) => runFinished.run(status, at, runId),
    jobStarted: (jobId: number, at: number) => jobStarted.run(at, jobId),
    jobFinished: (jobId: number, status: JobStatus, at: number) => jobFinished.run(status, at, at, jobId),
    startAttempt: (jobId: number, number: number, at: number) =>
      Number(insertAttempt.run(jobId, number, at).lastInsertRowid),
    finishAttempt(
      attemptId: number,
      result: { status: AttemptStatus; exitCode: number | null; signal: string | null; at: number },
      log: { lines: number; bytes: number; truncated: boolean },
    ) {
      attemptFinished.run(
        result.status,
        result.exitCode,
        result.signal,
        result.at,
        log.lines,
        log.bytes,
        log.truncated ? 1 : 0,
        attemptId,
      );
    },
    addArtifact: (
      jobId: number,
      artifact: Omit<ArtifactRow, 'id' | 'job_id' | 'pruned_at' | 'pruned_reason'>,
    ) => insertArtifact.run(jobId, artifact.path, artifact.size, artifact.sha256, artifact.stored_path),
    activeRuns: () => activeRuns.all(),
    interruptRun: (runId: number, at: number) => interruptRun(runId, at),
    /** The job's process group, with its leader's identity (so recovery can tell it from a reused pid). */
    setAttemptGroup: (attemptId: number, pgid: number) =>
      void setAttemptGroup.run(pgid, identityOf(pgid), attemptId),
    /** Process groups of a run's attempts still marked running (its owner may have died). */
    runningGroups: (runId: number): { pgid: number; start: string | null }[] =>
      db
        .prepare<[number], { pgid: number; start: string | null }>(
          `SELECT a.pgid, a.pgid_start AS start FROM attempts a JOIN jobs j ON j.id = a.job_id
           WHERE j.run_id = ? AND a.status = 'running' AND a.pgid IS NOT NULL`,
        )
        .all(runId),
  };
}

function toSummary(row: RunRow): RunSummary {
  return {
    ...fieldsOf(row, 'id, project_id, pipeline, status, trigger'),
    params: JSON.parse(row.params) as Record<string, ParamValue>,
    git:
      row.git_dirty === null && row.git_sha === null
        ? null
        : { sha: row.git_sha, branch: row.git_branch, dirty: row.git_dirty === 1 },
    ...fieldsOf(row, 'actor, queued_at, started_at, finished_at, rerun_of'),
    source: { kind: row.source_kind, file: row.source_file, contentHash: row.source_hash },
  };
}

function mapOptional(row: RunRow | undefined) {
  return row ? toSummary(row) : undefined;
}

function toAttempt(row: AttemptRow): Omit<Attempt, 'steps' | 'groups'> {
  return {
    ...fieldsOf(row, 'id, number, status, exit_code, signal, started_at, finished_at, log_lines, log_bytes'),
    logTruncated: row.log_truncated === 1,
  };
}

function groupBy<T>(rows: T[], key: (row: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
