// Executes a run's plan: schedules its jobs over their needs within the concurrency limit and each
// group's max-parallel, lets the source decide each job (its condition, given the needs' results),
// holds manual jobs until they are played, and records why every job that did not run did not.
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { JobStatus, ParamValue, RunStatus, RunSummary } from '../../../shared/domain/run.ts';
import type { Clock } from '../kernel/clock.ts';
import type { EventBus } from '../kernel/events.ts';
import type { Logger } from '../kernel/diagnostics/logger.ts';
import { createWorktree, type Worktree } from '../kernel/git/git-worktree.ts';
import { jobEnvironment } from './job-env.ts';
import { runJob } from './job-runner.ts';
import { createMasker } from '../kernel/masking/masker.ts';
import type { RunsRepo } from './runs-repo.ts';
import type { NeedResult, PipelineRuntime, PlanJob, RunPlan } from './sources/types.ts';
import type { StepsRepo } from './steps-repo.ts';

export interface SecretSource {
  /** Every secret value of the project this host can read, for masking. */
  values(projectId: number): string[];
  /** The named secrets' values; throws NOT_FOUND naming any that are missing. */
  resolve(projectId: number, names: string[]): Record<string, string>;
}

export interface ExecutorDeps {
  db: Database;
  repo: RunsRepo;
  steps: StepsRepo;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  dataDir: string;
  secrets: SecretSource;
  maxParallel?: number;
  logCapBytes?: number;
  killGraceMs?: number;
  env?: NodeJS.ProcessEnv;
}

/** A run of a commit: the sha, and where the project sits inside the repository ('' or 'sub/'). */
export interface CommitCheckout {
  sha: string;
  prefix: string;
}

/** A run being executed in this process. */
export interface ActiveRun {
  runId: number;
  projectId: number;
  plan: RunPlan;
  /** The source's run-time half (loaded as the run starts). */
  loadRuntime: () => Promise<PipelineRuntime>;
  projectDir: string;
  paramEnv: Record<string, string>;
  params: Record<string, ParamValue>;
  controller: AbortController;
  /** Aborted by a second cancel or a shutdown: stops what a source still runs after a cancel. */
  force: AbortController;
  checkout: CommitCheckout | null;
  /** Manual jobs played while the run goes. */
  played: Set<string>;
  /** Wakes the scheduler (a job was played). */
  wake: () => void;
}

const FAILED: ReadonlySet<JobStatus> = new Set(['failed', 'timed_out', 'cancelled', 'interrupted']);
const DEFAULT_LOG_CAP = 100 * 1024 * 1024;

export async function executeRun(deps: ExecutorDeps, run: ActiveRun): Promise<RunSummary> {
  const { repo, clock, events, logger } = deps;
  const { runId, projectId, plan, controller } = run;
  const summary = repo.getRun(runId)!;
  const running = new Map<string, Promise<void>>();
  let worktree: Worktree | null = null;
  let projectDir = run.projectDir;
  const changed = () => events.emit('runs.changed', { projectId, runId });
  try {
    repo.runStarted(runId, summary.startedAt ?? clock.now());
    changed();
    if (run.checkout) {
      // The jobs see the commit's files in a worktree of their own; the project folder stays as is.
      worktree = await createWorktree(projectDir, run.checkout.sha, join(deps.dataDir, 'worktrees'));
      projectDir = join(worktree.path, run.checkout.prefix);
      logger.info('run checked out its commit', { runId, sha: run.checkout.sha, worktree: worktree.path });
    }
    const runtime = await run.loadRuntime();
    const planJobs = new Map(plan.jobs.map((job) => [job.id, job]));
    const rows = repo
      .jobRows(runId)
      .filter((row) => planJobs.has(row.name))
      .map((row) => ({ ...row, needList: JSON.parse(row.needs) as string[] }));
    // Secrets are read once per run: every job sees the same values, and the masker knows every
    // value a job can print, even if a secret is replaced while the run is going.
    const secretNames = [...new Set(plan.jobs.flatMap((job) => job.secrets))];
    const runSecrets = secretNames.length > 0 ? deps.secrets.resolve(projectId, secretNames) : {};
    // The user's environment is copied once per run: reading process.env is a native call per
    // variable, about 1 ms per job with a typical environment.
    const baseEnv = { ...(deps.env ?? process.env) };
    // Secrets a source reads by name: those the store has (a missing one is simply absent).
    const readSecrets: Record<string, string> = {};
    for (const name of new Set(plan.jobs.flatMap((job) => job.secretsRead ?? []))) {
      try {
        Object.assign(readSecrets, deps.secrets.resolve(projectId, [name]));
      } catch {
        continue;
      }
    }
    const masker = createMasker([
      ...deps.secrets.values(projectId),
      ...Object.values(runSecrets),
      ...Object.values(readSecrets),
    ]);
    const status = new Map<string, JobStatus>(
      rows.map((row) => [
        row.name,
        row.waiting === 'manual' && row.status === 'pending' ? 'manual' : row.status,
      ]),
    );
    const outputs = new Map<string, Record<string, string>>(
      rows.map((row) => [row.name, row.outputs ? (JSON.parse(row.outputs) as Record<string, string>) : {}]),
    );
    // Jobs allowed to fail: as planned, and those whose exit code their plan allows (GitLab's exit_codes).
    const allowedToFail = new Map(plan.jobs.map((job) => [job.id, job.continueOnError]));
    const limit = Math.max(1, Math.min(plan.concurrency ?? deps.maxParallel ?? availableParallelism(), 256));
    const runningInGroup = new Map<string, number>();

    const needResults = (job: PlanJob): Record<string, NeedResult> =>
      Object.fromEntries(
        job.needs.map((need) => [
          need,
          {
            status: status.get(need)!,
            outputs: outputs.get(need) ?? {},
            continueOnError: allowedToFail.get(need) ?? false,
          },
        ]),
      );
    const notRun = (row: (typeof rows)[number], jobStatus: JobStatus, reason: string) => {
      status.set(row.name, jobStatus);
      deps.steps.jobNotRun(row.id, jobStatus, reason, clock.now());
      changed();
    };

    // fail-fast: the job group a failure stopped, with the job that failed; and each running job's abort.
    const stoppedGroups = new Map<string, string>();
    const jobAborts = new Map<string, AbortController>();
    const stopGroup = (job: PlanJob) => {
      if (stoppedGroups.has(job.group)) return;
      stoppedGroups.set(job.group, job.id);
      for (const [name, abort] of jobAborts) {
        if (name !== job.id && planJobs.get(name)?.group === job.group) abort.abort('fail-fast');
      }
    };

    const launch = (row: (typeof rows)[number]) => {
      const job = planJobs.get(row.name)!;
      const aborted = controller.signal.aborted;
      if (job.failFast && stoppedGroups.has(job.group)) {
        notRun(row, 'cancelled', `${stoppedGroups.get(job.group)} failed (fail-fast)`);
        return;
      }
      const facts = { runId, projectDir, dataDir: deps.dataDir, git: summary.git, actor: summary.actor };
      const secrets = Object.fromEntries(
        (job.secretsRead ?? [])
          .filter((name) => name in readSecrets)
          .map((name) => [name, readSecrets[name]!]),
      );
      const context = { cancelled: aborted, needs: needResults(job), params: run.params, facts, secrets };
      if (aborted && controller.signal.reason === 'shutdown') {
        notRun(row, 'cancelled', 'the cockpit stopped before the job started');
        return;
      }
      let decision;
      try {
        decision = runtime.decideJob(job, context);
      } catch (error) {
        notRun(
          row,
          'failed',
          `its condition could not be evaluated: ${(error as Error)?.message ?? String(error)}`,
        );
        return;
      }
      if (!decision.run) {
        notRun(row, decision.status, decision.reason);
        return;
      }
      status.set(row.name, 'running');
      runningInGroup.set(job.group, (runningInGroup.get(job.group) ?? 0) + 1);
      const secretEnv = Object.fromEntries(job.secrets.map((secret) => [secret, runSecrets[secret]!]));
      const cwd = job.workingDirectory ? resolve(projectDir, job.workingDirectory) : projectDir;
      // The job's own abort follows the run's, and a fail-fast stop of its group.
      const runSignal = aborted ? run.force.signal : controller.signal;
      const jobAbort = new AbortController();
      const follow = () => jobAbort.abort(runSignal.reason);
      if (runSignal.aborted) follow();
      else runSignal.addEventListener('abort', follow, { once: true });
      jobAborts.set(row.name, jobAbort);
      const promise = runJob({
        db: deps.db,
        repo,
        clock,
        events,
        logger,
        dataDir: deps.dataDir,
        runId,
        projectId,
        jobId: row.id,
        name: row.name,
        job,
        runtime,
        context,
        steps: deps.steps,
        cwd,
        masker,
        logCapBytes: deps.logCapBytes ?? DEFAULT_LOG_CAP,
        killGraceMs: deps.killGraceMs ?? 5000,
        // A job started after a cancel (a source's clean-up job) stops only at a second cancel.
        signal: jobAbort.signal,
        forceSignal: run.force.signal,
        abortReason: () => (controller.signal.reason === 'shutdown' ? 'shutdown' : 'cancel'),
        onExitCode: (exitCode) => {
          if (exitCode !== null && job.allowFailureExitCodes?.includes(exitCode))
            allowedToFail.set(job.id, true);
        },
        env: (attempt) =>
          jobEnvironment({
            base: baseEnv,
            runId,
            pipeline: plan.pipeline,
            job: row.name,
            attempt,
            projectDir,
            git: summary.git,
            pipelineEnv: plan.env,
            jobEnv: job.env,
            paramEnv: run.paramEnv,
            secretEnv,
          }),
      }).then(
        (result) => {
          status.set(row.name, result);
          outputs.set(row.name, deps.steps.outputsOf(row.id));
          // Stopped by a fail-fast of its group: the job says which job failed.
          if (result === 'cancelled' && jobAbort.signal.reason === 'fail-fast')
            deps.steps.jobNotRun(
              row.id,
              'cancelled',
              `${stoppedGroups.get(job.group)} failed (fail-fast)`,
              clock.now(),
            );
          if (job.failFast && !job.continueOnError && (result === 'failed' || result === 'timed_out'))
            stopGroup(job);
        },
        (error: unknown) => {
          logger.error('a job failed to run', { runId, job: row.name, error });
          status.set(row.name, 'failed');
          repo.jobFinished(row.id, 'failed', clock.now());
        },
      );
      running.set(
        row.name,
        promise.finally(() => {
          runSignal.removeEventListener('abort', follow);
          jobAborts.delete(row.name);
          running.delete(row.name);
          runningInGroup.set(job.group, (runningInGroup.get(job.group) ?? 1) - 1);
        }),
      );
    };
    const tryLaunch = (row: (typeof rows)[number]) => {
      try {
        launch(row);
      } catch (error) {
        // One job that cannot start fails alone; the others carry on and stay tracked.
        logger.error('a job could not start', { runId, job: row.name, error });
        status.set(row.name, 'failed');
        repo.jobFinished(row.id, 'failed', clock.now());
      }
    };

    let wakeUp: (() => void) | null = null;
    run.wake = () => wakeUp?.();
    // Jobs still waiting, in definition order; each pass launches those whose needs are done.
    let waiting = rows.filter(
      (row) => status.get(row.name) === 'pending' || status.get(row.name) === 'manual',
    );
    for (;;) {
      const still: typeof rows = [];
      for (const row of waiting) {
        const job = planJobs.get(row.name)!;
        if (status.get(row.name) === 'manual') {
          if (controller.signal.aborted) {
            notRun(row, 'cancelled', 'the run was cancelled before this manual job was played');
            continue;
          }
          if (!run.played.has(row.name)) {
            still.push(row);
            continue;
          }
          status.set(row.name, 'pending');
        }
        const ready = row.needList.every((need) => isTerminal(status.get(need)));
        const groupFull =
          plan.maxParallel[job.group] !== undefined &&
          (runningInGroup.get(job.group) ?? 0) >= plan.maxParallel[job.group]!;
        if (running.size < limit && ready && !groupFull) tryLaunch(row);
        else still.push(row);
      }
      waiting = still;
      if (running.size === 0) break;
      await Promise.race([...running.values(), new Promise<void>((wake) => (wakeUp = wake))]);
      wakeUp = null;
    }
    // What is left waits for a manual job: manual jobs stay playable, their dependants say why.
    for (const row of waiting) {
      if (status.get(row.name) === 'manual') continue;
      const blockers = manualBlockers(row.name, planJobs, status);
      status.set(row.name, 'skipped');
      deps.steps.jobNotRun(
        row.id,
        'skipped',
        `waits for the manual job${blockers.length > 1 ? 's' : ''} ${blockers.join(', ')} to be played`,
        clock.now(),
        'manual-need',
      );
    }
    const final = runStatus(
      rows.map((row) => ({
        status: status.get(row.name)!,
        continueOnError: allowedToFail.get(row.name) ?? false,
      })),
      controller.signal,
    );
    repo.runFinished(runId, final, clock.now());
    logger.info('run finished', { runId, status: final });
  } catch (error) {
    logger.error('the run failed unexpectedly', { runId, error });
    // Stop what is still running and wait for it, so nothing writes to the run after it is closed.
    controller.abort('shutdown');
    run.force.abort('shutdown');
    await Promise.allSettled(running.values());
    repo.interruptRun(runId, clock.now());
    deps.steps.interruptSteps(runId, clock.now());
  }
  if (worktree) {
    try {
      await worktree.remove();
    } catch (error) {
      logger.warn('could not remove the run worktree', { runId, path: worktree.path, error });
    }
  }
  changed();
  return repo.getRun(runId)!;
}

/** The manual jobs (not played) that `job` waits for, directly or through other jobs. */
function manualBlockers(job: string, jobs: Map<string, PlanJob>, status: Map<string, JobStatus>): string[] {
  const found = new Set<string>();
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const need of jobs.get(id)?.needs ?? []) {
      if (status.get(need) === 'manual') found.add(need);
      else visit(need);
    }
  };
  visit(job);
  return [...found];
}

function runStatus(jobs: { status: JobStatus; continueOnError: boolean }[], signal: AbortSignal): RunStatus {
  if (signal.aborted) return signal.reason === 'shutdown' ? 'interrupted' : 'cancelled';
  const counted = jobs.filter((job) => !job.continueOnError);
  if (counted.some((job) => job.status === 'interrupted')) return 'interrupted';
  if (counted.some((job) => job.status === 'timed_out')) return 'timed_out';
  if (counted.some((job) => job.status === 'failed' || job.status === 'cancelled')) return 'failed';
  return 'success';
}

export function isTerminal(status: JobStatus | undefined): boolean {
  return status !== undefined && status !== 'pending' && status !== 'running' && status !== 'manual';
}

export { FAILED };
