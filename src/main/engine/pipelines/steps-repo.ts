// Prepared statements for what a job records beyond its attempts: steps and their log ranges, log
// groups, annotations, outputs and summary, why it was skipped, and manual jobs waiting to be played.
import type { Database } from 'better-sqlite3';
import type { Annotation, Attempt, JobStatus, StepStatus } from '../../../shared/domain/run.ts';
import { fieldsOf } from '../kernel/store/row-fields.ts';

interface StepRow {
  attempt_id: number;
  position: number;
  name: string;
  status: StepStatus;
  reason: string | null;
  exit_code: number | null;
  started_at: number | null;
  finished_at: number | null;
  first_line: number | null;
  last_line: number | null;
}

interface GroupRow {
  attempt_id: number;
  first_line: number;
  last_line: number;
  depth: number;
  title: string;
}

export interface NewAnnotation {
  level: Annotation['level'];
  title: string | null;
  message: string;
  file: string | null;
  line: number | null;
  col: number | null;
  logLine: number | null;
}

export type StepsRepo = ReturnType<typeof createStepsRepo>;

/** At most this many groups per attempt and annotations per job are kept (the rest are counted). */
export const MAX_GROUPS_PER_ATTEMPT = 2000;
export const MAX_ANNOTATIONS_PER_JOB = 100;

export function createStepsRepo(db: Database) {
  const insertStep = db.prepare(
    `INSERT INTO steps (attempt_id, position, name, status) VALUES (?, ?, ?, 'pending')`,
  );
  const stepStarted = db.prepare(
    `UPDATE steps SET status = 'running', name = ?, started_at = ?, first_line = ? WHERE attempt_id = ? AND position = ?`,
  );
  const stepFinished = db.prepare(
    `UPDATE steps SET status = ?, reason = ?, exit_code = ?, finished_at = ?,
       started_at = coalesce(started_at, ?), last_line = ? WHERE attempt_id = ? AND position = ?`,
  );
  const insertGroup = db.prepare(
    'INSERT OR REPLACE INTO log_groups (attempt_id, first_line, last_line, depth, title) VALUES (?, ?, ?, ?, ?)',
  );
  const insertAnnotation = db.prepare(
    `INSERT INTO annotations (job_id, attempt_id, level, title, message, file, line, col, log_line)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const countAnnotations = db
    .prepare<[number], number>('SELECT count(*) FROM annotations WHERE job_id = ?')
    .pluck();
  const selectAnnotations = db.prepare<[number], Omit<Annotation, 'job'> & { job: string }>(
    `SELECT a.id, j.name AS job, a.attempt_id AS attemptId, a.level, a.title, a.message, a.file, a.line,
            a.col, a.log_line AS logLine
     FROM annotations a JOIN jobs j ON j.id = a.job_id WHERE j.run_id = ? ORDER BY a.id`,
  );
  const setSkipped = db.prepare(
    `UPDATE jobs SET status = ?, skip_reason = ?, waiting = ?, started_at = coalesce(started_at, ?), finished_at = ? WHERE id = ?`,
  );
  const setResult = db.prepare('UPDATE jobs SET outputs = ?, summary = ? WHERE id = ?');
  const selectOutputs = db.prepare<[number], string | null>('SELECT outputs FROM jobs WHERE id = ?').pluck();
  const interruptSteps = db.prepare(
    `UPDATE steps SET status = 'interrupted', finished_at = coalesce(finished_at, ?)
     WHERE status IN ('pending', 'running') AND attempt_id IN
       (SELECT a.id FROM attempts a JOIN jobs j ON j.id = a.job_id WHERE j.run_id = ?)`,
  );

  const planSteps = db.transaction((attemptId: number, names: string[]) => {
    names.forEach((name, position) => insertStep.run(attemptId, position, name));
  });
  const play = db.transaction((runId: number, jobId: number) => {
    db.prepare(`UPDATE jobs SET waiting = NULL, skip_reason = NULL WHERE id = ?`).run(jobId);
    db.prepare(
      `UPDATE jobs SET status = 'pending', waiting = NULL, skip_reason = NULL, started_at = NULL, finished_at = NULL
       WHERE run_id = ? AND waiting = 'manual-need'`,
    ).run(runId);
  });

  return {
    planSteps: (attemptId: number, names: string[]): void => planSteps(attemptId, names),
    stepStarted: (attemptId: number, position: number, name: string, at: number, firstLine: number) =>
      void stepStarted.run(name, at, firstLine, attemptId, position),
    stepFinished: (
      attemptId: number,
      position: number,
      result: {
        status: StepStatus;
        reason: string | null;
        exitCode: number | null;
        at: number;
        lastLine: number | null;
      },
    ) =>
      void stepFinished.run(
        result.status,
        result.reason,
        result.exitCode,
        result.at,
        result.at,
        result.lastLine,
        attemptId,
        position,
      ),
    addGroup: (
      attemptId: number,
      group: { firstLine: number; lastLine: number; depth: number; title: string },
    ) => void insertGroup.run(attemptId, group.firstLine, group.lastLine, group.depth, group.title),
    /** Adds an annotation unless the job has its fill; returns whether it was kept. */
    addAnnotation(jobId: number, attemptId: number | null, annotation: NewAnnotation): boolean {
      if (countAnnotations.get(jobId)! >= MAX_ANNOTATIONS_PER_JOB) return false;
      insertAnnotation.run(
        jobId,
        attemptId,
        annotation.level,
        annotation.title,
        annotation.message,
        annotation.file,
        annotation.line,
        annotation.col,
        annotation.logLine,
      );
      return true;
    },
    annotations: (runId: number): Annotation[] => selectAnnotations.all(runId),
    /** A job that did not run: its status and the reason (and what it waits for, if anything). */
    jobNotRun: (
      jobId: number,
      status: JobStatus,
      reason: string | null,
      at: number,
      waiting: 'manual' | 'manual-need' | null = null,
    ) =>
      void setSkipped.run(
        status === 'manual' ? 'pending' : status,
        reason,
        waiting,
        status === 'manual' ? null : at,
        status === 'manual' ? null : at,
        jobId,
      ),
    jobResult: (jobId: number, outputs: Record<string, string>, summary: string | null) =>
      void setResult.run(Object.keys(outputs).length ? JSON.stringify(outputs) : null, summary, jobId),
    outputsOf(jobId: number): Record<string, string> {
      const json = selectOutputs.get(jobId);
      return json ? (JSON.parse(json) as Record<string, string>) : {};
    },
    interruptSteps: (runId: number, at: number) => void interruptSteps.run(at, runId),
    /** Steps and groups of these attempts, by attempt id. */
    attemptExtras(attemptIds: number[]): Map<number, Pick<Attempt, 'steps' | 'groups'>> {
      const result = new Map<number, Pick<Attempt, 'steps' | 'groups'>>();
      if (attemptIds.length === 0) return result;
      for (const id of attemptIds) result.set(id, { steps: [], groups: [] });
      const marks = attemptIds.map(() => '?').join(',');
      const steps = db
        .prepare<number[], StepRow>(
          `SELECT * FROM steps WHERE attempt_id IN (${marks}) ORDER BY attempt_id, position`,
        )
        .all(...attemptIds);
      const stepColumns =
        'position, name, status, reason, exit_code, started_at, finished_at, first_line, last_line';
      for (const row of steps) result.get(row.attempt_id)!.steps.push(fieldsOf(row, stepColumns));
      const groups = db
        .prepare<number[], GroupRow>(
          `SELECT * FROM log_groups WHERE attempt_id IN (${marks}) ORDER BY attempt_id, first_line`,
        )
        .all(...attemptIds);
      for (const row of groups) {
        result.get(row.attempt_id)!.groups.push(fieldsOf(row, 'first_line, last_line, depth, title'));
      }
      return result;
    },
    /**
     * Plays a manual job of a finished or running run: the job becomes pending, and the jobs that
     * were skipped only because they waited for a manual job are pending again.
     */
    play: (runId: number, jobId: number): void => play(runId, jobId),
    /** Reopens a finished run for played jobs (owned by this process again). */
    reopenRun: (runId: number) =>
      void db
        .prepare(`UPDATE runs SET status = 'running', finished_at = NULL, owner_pid = ? WHERE id = ?`)
        .run(process.pid, runId),
  };
}
