// Runs one job of a run: its attempts (retries are new attempts with their own logs), each the
// job's steps (process trees whose output is masked, stored and streamed); then its artifacts,
// outputs and summary.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { AttemptStatus, JobStatus } from '../../../shared/domain/run.ts';
import type { Clock } from '../kernel/clock.ts';
import type { EventBus } from '../kernel/events.ts';
import type { Logger } from '../kernel/diagnostics/logger.ts';
import { collectArtifacts } from './artifacts.ts';
import { createLogWriter } from './run-logs/log-writer.ts';
import type { Masker } from '../kernel/masking/masker.ts';
import type { RunsRepo } from './runs-repo.ts';
import type { JobContext, PipelineRuntime, PlanJob } from './sources/types.ts';
import { runSteps, type StepsRunResult } from './steps/run-steps.ts';
import type { StepsRepo } from './steps-repo.ts';

/** What running pipelines works with: the database and its runs, time, events, the log, the data directory. */
export interface RunInfrastructure {
  db: Database;
  repo: RunsRepo;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  dataDir: string;
}

export interface JobRunContext extends RunInfrastructure {
  runId: number;
  projectId: number;
  jobId: number;
  name: string;
  job: PlanJob;
  runtime: PipelineRuntime;
  /** The needs' results and the run's params, for the source's session. */
  context: JobContext;
  steps: StepsRepo;
  cwd: string;
  masker: Masker;
  logCapBytes: number;
  killGraceMs: number;
  signal: AbortSignal;
  /** Aborted by a second cancel (or shutdown): stops steps a source runs after a cancel. */
  forceSignal: AbortSignal;
  /** The attempt's environment (depends on the attempt number). */
  env(attempt: number): Record<string, string>;
  /** Why the run was aborted, when it was: a user's cancel, or the cockpit shutting down. */
  abortReason(): 'cancel' | 'shutdown';
  /** Told the last attempt's exit code when the job ends (for allow_failure: exit_codes). */
  onExitCode?: (exitCode: number | null) => void;
}

export async function runJob(ctx: JobRunContext): Promise<JobStatus> {
  const { repo, clock, job } = ctx;
  const maxAttempts = 1 + (job.retry?.count ?? 0);
  repo.jobStarted(ctx.jobId, clock.now());
  ctx.events.emit('runs.changed', { projectId: ctx.projectId, runId: ctx.runId });

  let status: AttemptStatus = 'failed';
  let last: StepsRunResult | undefined;
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
    const workDir = join(ctx.dataDir, 'run-work', String(ctx.runId), `${ctx.jobId}-${number}`);
    try {
      // Off the event loop (as its removal): other jobs' processes start meanwhile.
      await mkdir(workDir, { recursive: true, mode: 0o700 });
      const session = ctx.runtime.openJob(job, {
        ...ctx.context,
        workDir,
        attempt: number,
        dataDir: ctx.dataDir,
      });
      last = await runSteps({
        attemptId,
        jobId: ctx.jobId,
        job,
        session,
        writer,
        parser: ctx.runtime.outputParser,
        steps: ctx.steps,
        masker: ctx.masker,
        now: () => clock.now(),
        cwd: ctx.cwd,
        workDir,
        baseEnv: ctx.env(number),
        signal: ctx.signal,
        forceSignal: ctx.forceSignal,
        abortReason: () => ctx.abortReason(),
        killGraceMs: ctx.killGraceMs,
        onStarted: (pgid) => repo.setAttemptGroup(attemptId, pgid),
        changed: () => ctx.events.emit('runs.changed', { projectId: ctx.projectId, runId: ctx.runId }),
      });
      status = last.status;
      // Every attempt records its outputs and summary; the last attempt's are the job's.
      const outputs = maskValues(session.endJob(status, last.steps), ctx.masker);
      ctx.steps.jobResult(ctx.jobId, outputs, last.summary || null);
    } catch (error) {
      ctx.logger.error('the job failed unexpectedly', { runId: ctx.runId, job: ctx.name, error });
      writer.system(`[cockpit] The job could not run: ${(error as Error)?.message ?? String(error)}`);
      status = 'failed';
      last = { status, exitCode: null, signal: null, steps: {}, summary: '' };
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
    let log = { lines: 0, bytes: 0, truncated: false };
    try {
      log = writer.close();
    } catch (error) {
      // The job's own result still counts; only its log could not be kept in full.
      ctx.logger.error('could not store the end of a job log', { runId: ctx.runId, job: ctx.name, error });
    }
    repo.finishAttempt(
      attemptId,
      { status, exitCode: last.exitCode, signal: last.signal, at: clock.now() },
      log,
    );

    const retryable =
      status === 'failed' &&
      number < maxAttempts &&
      (!job.retry?.onExitCodes || (last.exitCode !== null && job.retry.onExitCodes.includes(last.exitCode)));
    if (!retryable) break;
  }

  const artifactsWhen = job.artifactsWhen ?? 'on_success';
  const keepArtifacts =
    artifactsWhen === 'always' || (artifactsWhen === 'on_success') === (status === 'success');
  if (keepArtifacts && job.artifacts.length) {
    try {
      for (const artifact of collectArtifacts({
        cwd: ctx.cwd,
        patterns: job.artifacts,
        exclude: job.artifactsExclude,
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
  ctx.onExitCode?.(last?.exitCode ?? null);
  repo.jobFinished(ctx.jobId, status, clock.now());
  ctx.events.emit('runs.changed', { projectId: ctx.projectId, runId: ctx.runId });
  return status;
}

/** Outputs that carry a secret are kept masked, and so reach dependent jobs masked. */
function maskValues(values: Record<string, string>, masker: Masker): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, masker.mask(value)]));
}
