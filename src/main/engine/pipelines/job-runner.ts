// Runs one job of a run: its attempts (retries are new attempts with their own logs), each a
// process tree whose output is masked, stored and streamed; then its artifacts.
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { AttemptStatus, JobStatus } from '../../../shared/domain/run.ts';
import type { Clock } from '../clock.ts';
import type { JobConfig } from '../config/pipeline-schema.ts';
import { formatDuration } from '../config/duration.ts';
import type { EventBus } from '../events.ts';
import type { Logger } from '../log/logger.ts';
import { collectArtifacts } from './artifacts.ts';
import { createLogWriter } from './logs/log-writer.ts';
import type { Masker } from './logs/masker.ts';
import { runProcess, type ProcessOutcome } from './process/run-process.ts';
import type { RunsRepo } from './runs-repo.ts';

export interface JobRunContext {
  db: Database;
  repo: RunsRepo;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  dataDir: string;
  runId: number;
  projectId: number;
  jobId: number;
  name: string;
  job: JobConfig;
  cwd: string;
  masker: Masker;
  logCapBytes: number;
  killGraceMs: number;
  signal: AbortSignal;
  /** The attempt's environment (depends on the attempt number). */
  env(attempt: number): Record<string, string>;
  /** Why the run was aborted, when it was: a user's cancel, or the cockpit shutting down. */
  abortReason(): 'cancel' | 'shutdown';
}

export async function runJob(ctx: JobRunContext): Promise<JobStatus> {
  const { repo, clock, job } = ctx;
  const script = typeof job.run === 'string' ? job.run : job.run.join('\n');
  const maxAttempts = 1 + (job.retry?.count ?? 0);
  repo.jobStarted(ctx.jobId, clock.now());
  ctx.events.emit('runs.changed', { projectId: ctx.projectId, runId: ctx.runId });

  let status: AttemptStatus = 'failed';
  for (let number = 1; number <= maxAttempts; number++) {
    const attemptId = repo.startAttempt(ctx.jobId, number, clock.now());
    ctx.events.emit('runs.changed', { projectId: ctx.projectId, runId: ctx.runId });
    const writer = createLogWriter({
      db: ctx.db,
      attemptId,
      logDir: join(ctx.dataDir, 'run-logs'),
      masker: ctx.masker,
      capBytes: ctx.logCapBytes,
      now: () => clock.now(),
      onLines: (lines, skipped) =>
        ctx.events.emit('runs.log', {
          runId: ctx.runId,
          attemptId,
          job: ctx.name,
          attempt: number,
          lines,
          skipped,
        }),
    });
    if (number > 1) writer.system(`Retrying: attempt ${number} of ${maxAttempts}`);
    // The commands as written; blank lines (the final newline of a `run: |` block) echo nothing.
    for (const line of script.split('\n')) if (line.trim() !== '') writer.system(`$ ${line}`);

    let outcome: ProcessOutcome;
    try {
      outcome = await runProcess(
        {
          script,
          shell: job.shell ?? 'bash',
          cwd: ctx.cwd,
          env: ctx.env(number),
          timeoutMs: job.timeout,
          killGraceMs: ctx.killGraceMs,
          signal: ctx.signal,
          onStarted: (pgid) => repo.setAttemptGroup(attemptId, pgid),
        },
        (stream, chunk) => writer.write(stream, chunk),
      );
    } catch (error) {
      ctx.logger.error('the job process failed unexpectedly', { runId: ctx.runId, job: ctx.name, error });
      const message = `the cockpit lost track of the job: ${(error as Error)?.message ?? String(error)}`;
      outcome = {
        exitCode: null,
        signal: null,
        timedOut: false,
        cancelled: false,
        spawnError: message,
        durationMs: 0,
      };
    }
    status = attemptStatus(outcome, ctx.abortReason());
    writer.system(describeOutcome(outcome, job.timeout));
    let log = { lines: 0, bytes: 0, truncated: false };
    try {
      log = writer.close();
    } catch (error) {
      // The job's own result still counts; only its log could not be kept in full.
      ctx.logger.error('could not store the end of a job log', { runId: ctx.runId, job: ctx.name, error });
    }
    repo.finishAttempt(
      attemptId,
      { status, exitCode: outcome.exitCode, signal: outcome.signal, at: clock.now() },
      log,
    );

    const retryable =
      status === 'failed' &&
      number < maxAttempts &&
      (!job.retry?.on_exit_codes ||
        (outcome.exitCode !== null && job.retry.on_exit_codes.includes(outcome.exitCode)));
    if (!retryable) break;
  }

  if (status === 'success' && job.artifacts?.length) {
    try {
      for (const artifact of collectArtifacts({
        cwd: ctx.cwd,
        patterns: job.artifacts,
        dataDir: ctx.dataDir,
        runId: ctx.runId,
        job: ctx.name,
        onSkipped: (path, reason) =>
          ctx.logger.warn('an artifact was not kept', { runId: ctx.runId, job: ctx.name, path, reason }),
      })) {
        repo.addArtifact(ctx.jobId, artifact);
      }
    } catch (error) {
      ctx.logger.warn('could not keep the artifacts', { runId: ctx.runId, job: ctx.name, error });
    }
  }
  repo.jobFinished(ctx.jobId, status, clock.now());
  ctx.events.emit('runs.changed', { projectId: ctx.projectId, runId: ctx.runId });
  return status;
}

function attemptStatus(outcome: ProcessOutcome, reason: 'cancel' | 'shutdown'): AttemptStatus {
  if (outcome.cancelled) return reason === 'shutdown' ? 'interrupted' : 'cancelled';
  if (outcome.timedOut) return 'timed_out';
  if (outcome.spawnError !== null) return 'failed';
  return outcome.exitCode === 0 ? 'success' : 'failed';
}

function describeOutcome(outcome: ProcessOutcome, timeoutMs: number | undefined): string {
  const took = formatDuration(outcome.durationMs);
  if (outcome.spawnError !== null) return `[cockpit] Could not start the job: ${outcome.spawnError}`;
  if (outcome.cancelled) return `[cockpit] Cancelled after ${took}; the process tree was stopped.`;
  if (outcome.timedOut) {
    return `[cockpit] Timed out after ${formatDuration(timeoutMs ?? outcome.durationMs)}; the process tree was stopped.`;
  }
  if (outcome.exitCode === 0) return `[cockpit] Succeeded in ${took}.`;
  const how =
    outcome.exitCode !== null ? `exit code ${outcome.exitCode}` : `signal ${outcome.signal ?? 'unknown'}`;
  return `[cockpit] Failed with ${how} after ${took}.`;
}
