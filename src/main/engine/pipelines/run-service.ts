// Local pipeline runs: starts runs from cockpit.yml, schedules their jobs over the dependency graph
// within the concurrency limit, and answers history, plans and log queries.
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import type { Database } from 'better-sqlite3';
import type {
  JobStatus,
  ParamValue,
  PipelineInfo,
  RunDetail,
  RunStatus,
  RunSummary,
  RunTrigger,
} from '../../../shared/domain/run.ts';
import { CockpitError } from '../../../shared/errors.ts';
import { currentActor } from '../actor.ts';
import type { Clock } from '../clock.ts';
import { CONFIG_FILE_NAME, type CockpitConfig } from '../config/cockpit-config.ts';
import { loadConfig, parseConfig } from '../config/load-config.ts';
import { requireConfig } from '../config/require-config.ts';
import type { PipelineConfig, TriggerConfig } from '../config/pipeline-schema.ts';
import type { EventBus } from '../events.ts';
import type { Logger } from '../log/logger.ts';
import { readGitFacts } from '../projects/git-facts.ts';
import { createWorktree, type Worktree } from '../projects/git-worktree.ts';
import { runGit } from '../projects/run-git.ts';
import { jobEnvironment } from './job-env.ts';
import { runJob } from './job-runner.ts';
import { findFirstError, readLogPage, searchLog } from './logs/log-reader.ts';
import { countLogMatches, type MatchCountOptions } from './logs/log-match-count.ts';
import { createMasker } from './logs/masker.ts';
import { describeParams, resolveParams } from './params.ts';
import { planWaves, selectJobs } from './planner.ts';
import { groupAlive, processAlive, signalGroup } from './process/process-group.ts';
import { median, type RunFilter, type RunsRepo } from './runs-repo.ts';

/** Where job secrets come from; implemented by the secret store. */
export interface SecretSource {
  /** Every secret value of the project this host can read, for masking. */
  values(projectId: number): string[];
  /** The named secrets' values; throws NOT_FOUND naming any that are missing. */
  resolve(projectId: number, names: string[]): Record<string, string>;
}

export interface RunServiceDeps {
  db: Database;
  repo: RunsRepo;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  dataDir: string;
  secrets: SecretSource;
  projectPath(projectId: number): string;
  maxParallel?: number;
  logCapBytes?: number;
  killGraceMs?: number;
  env?: NodeJS.ProcessEnv;
}

export interface StartRunRequest {
  projectId: number;
  pipeline: string;
  params?: Record<string, ParamValue>;
  jobs?: string[];
  withNeeds?: boolean;
  trigger?: RunTrigger;
  rerunOf?: number;
  /**
   * Run this commit (a full sha) instead of the project folder as it is: cockpit.yml is read at
   * that commit and the jobs run in a temporary git worktree; the user's checkout is not touched.
   */
  commit?: string;
  /** The branch the commit was seen on, recorded with the run (only with `commit`). */
  branch?: string;
  /** Set by the release service: the run deploys, and its jobs get COCKPIT_DEPLOY_* variables. */
  deployment?: DeploymentFacts;
}

/** What a deploy run's jobs are told about the deployment they carry out. */
export interface DeploymentFacts {
  id: number;
  environment: string;
  version: string;
  commit: string;
  kind: string;
}

/** A run of a commit: the sha, and where the project sits inside the repository ('' or 'sub/'). */
interface CommitCheckout {
  sha: string;
  prefix: string;
}

const FAILED: ReadonlySet<JobStatus> = new Set(['failed', 'timed_out', 'cancelled', 'interrupted']);
const DEFAULT_LOG_CAP = 100 * 1024 * 1024;

export type RunService = ReturnType<typeof createRunService>;

export function createRunService(deps: RunServiceDeps) {
  const { repo, clock, events, logger } = deps;
  const active = new Map<
    number,
    { projectId: number; pipeline: string; controller: AbortController; done: Promise<RunSummary> }
  >();

  function pipelinesOf(projectId: number): { config: CockpitConfig; path: string } {
    const path = deps.projectPath(projectId);
    return { config: requireConfig(loadConfig(path), path), path };
  }

  function pipelineIn(config: CockpitConfig, name: string, where: string): PipelineConfig {
    const pipeline =
      config.pipelines && Object.hasOwn(config.pipelines, name) ? config.pipelines[name] : undefined;
    if (!pipeline) {
      const known = Object.keys(config.pipelines ?? {});
      throw new CockpitError(
        'NOT_FOUND',
        `There is no pipeline "${name}" in ${where}${known.length ? ` (pipelines: ${known.join(', ')})` : ''}.`,
        { pipeline: name, known },
      );
    }
    return pipeline;
  }

  function pipelineOf(projectId: number, name: string): { pipeline: PipelineConfig; path: string } {
    const { config, path } = pipelinesOf(projectId);
    return { pipeline: pipelineIn(config, name, join(path, CONFIG_FILE_NAME)), path };
  }

  /** The pipeline as cockpit.yml defines it at `sha`, read from git (the checkout may differ). */
  async function pipelineAt(
    projectId: number,
    name: string,
    sha: string,
  ): Promise<{ pipeline: PipelineConfig; path: string; checkout: CommitCheckout }> {
    const path = deps.projectPath(projectId);
    if (!/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(sha)) {
      throw new CockpitError('BAD_REQUEST', `"${sha}" is not a full commit sha.`, { commit: sha });
    }
    const commit = await runGit(path, ['rev-parse', '--verify', '--quiet', `${sha}^{commit}`]);
    if (commit.failed) {
      throw new CockpitError('NOT_FOUND', `There is no commit ${sha} in ${path}.`, { commit: sha });
    }
    const prefix = await runGit(path, ['rev-parse', '--show-prefix']);
    if (prefix.failed) {
      throw new CockpitError('INTERNAL', `Cannot locate ${path} in its repository: ${prefix.stderr}`);
    }
    // `<sha>:./file` is relative to the project folder, which may sit below the repository's root.
    const file = `${sha.slice(0, 12)}:${CONFIG_FILE_NAME}`;
    const shown = await runGit(path, ['show', `${sha}:./${CONFIG_FILE_NAME}`]);
    if (shown.failed) {
      throw new CockpitError('CONFIG_MISSING', `${path} has no cockpit.yml at commit ${sha.slice(0, 12)}.`, {
        path,
        commit: sha,
      });
    }
    const config = requireConfig(parseConfig(String(shown.stdout), file), path);
    return {
      pipeline: pipelineIn(config, name, file),
      path,
      checkout: { sha, prefix: String(prefix.stdout).trim() },
    };
  }

  function chooseJobs(
    pipeline: PipelineConfig,
    name: string,
    jobs: string[] | undefined,
    withNeeds: boolean,
  ) {
    const unknown = (jobs ?? []).filter((job) => !Object.hasOwn(pipeline.jobs, job));
    if (unknown.length > 0) {
      throw new CockpitError(
        'NOT_FOUND',
        `Pipeline "${name}" has no job ${unknown.map((j) => `"${j}"`).join(', ')} (jobs: ${Object.keys(pipeline.jobs).join(', ')}).`,
      );
    }
    return selectJobs(pipeline.jobs, jobs, withNeeds);
  }

  /**
   * Everything a run checks before it starts — the pipeline, its params, the jobs chosen, the secrets
   * they need — the one function both a run and a dry run (`cockpit run --dry-run`) go through.
   */
  async function prepare(request: StartRunRequest) {
    const { pipeline, path, checkout } = request.commit
      ? await pipelineAt(request.projectId, request.pipeline, request.commit)
      : { ...pipelineOf(request.projectId, request.pipeline), checkout: null };
    const params = resolveParams(request.pipeline, pipeline.params, request.params);
    const selected = chooseJobs(pipeline, request.pipeline, request.jobs, request.withNeeds ?? false);
    // Secrets are checked before anything starts, so a missing one fails fast with its name.
    const secretNames = [...new Set(selected.flatMap((job) => pipeline.jobs[job]!.secrets ?? []))];
    if (secretNames.length > 0) deps.secrets.resolve(request.projectId, secretNames);
    return { pipeline, path, checkout, params, selected };
  }

  async function start(request: StartRunRequest): Promise<RunSummary> {
    const { pipeline, path, checkout, params, selected } = await prepare(request);
    // A commit run records that commit: its files are exactly the commit's, so never dirty.
    const git = checkout
      ? { headSha: checkout.sha, branch: request.branch ?? null, dirty: false }
      : await readGitFacts(path);
    const runId = repo.createRun({
      projectId: request.projectId,
      pipeline: request.pipeline,
      trigger: request.trigger ?? 'manual',
      params: params.values,
      git: git ? { sha: git.headSha, branch: git.branch, dirty: git.dirty } : null,
      actor: currentActor(),
      queuedAt: clock.now(),
      rerunOf: request.rerunOf ?? null,
      definition: { ...pipeline, selected },
      jobs: selected.map((job) => ({
        name: job,
        needs: (pipeline.jobs[job]!.needs ?? []).filter((need) => selected.includes(need)),
        continueOnError: pipeline.jobs[job]!.continue_on_error ?? false,
      })),
    });
    logger.info('run queued', { runId, pipeline: request.pipeline, jobs: selected.length });
    events.emit('runs.changed', { projectId: request.projectId, runId });
    const controller = new AbortController();
    const done = execute(
      runId,
      request.projectId,
      request.pipeline,
      pipeline,
      path,
      { ...params.env, ...deploymentEnv(request.deployment), COCKPIT_PROJECT_ROOT: path },
      controller,
      checkout,
    ).finally(() => active.delete(runId));
    active.set(runId, { projectId: request.projectId, pipeline: request.pipeline, controller, done });
    return repo.getRun(runId)!;
  }

  async function execute(
    runId: number,
    projectId: number,
    name: string,
    pipeline: PipelineConfig,
    projectDir: string,
    paramEnv: Record<string, string>,
    controller: AbortController,
    checkout: CommitCheckout | null,
  ): Promise<RunSummary> {
    const run = repo.getRun(runId)!;
    const running = new Map<string, Promise<void>>();
    let worktree: Worktree | null = null;
    try {
      repo.runStarted(runId, clock.now());
      events.emit('runs.changed', { projectId, runId });
      if (checkout) {
        // The jobs see the commit's files in a worktree of their own; the project folder stays as is.
        worktree = await createWorktree(projectDir, checkout.sha, join(deps.dataDir, 'worktrees'));
        projectDir = join(worktree.path, checkout.prefix);
        logger.info('run checked out its commit', { runId, sha: checkout.sha, worktree: worktree.path });
      }
      const jobRows = repo
        .jobRows(runId)
        .map((row) => ({ ...row, needList: JSON.parse(row.needs) as string[] }));
      // Secrets are read once per run: every job sees the same values, and the masker knows every
      // value a job can print, even if a secret is replaced while the run is going.
      const secretNames = [...new Set(jobRows.flatMap((row) => pipeline.jobs[row.name]!.secrets ?? []))];
      const runSecrets = secretNames.length > 0 ? deps.secrets.resolve(projectId, secretNames) : {};
      const masker = createMasker([...deps.secrets.values(projectId), ...Object.values(runSecrets)]);
      const status = new Map<string, JobStatus>(jobRows.map((row) => [row.name, 'pending']));
      const limit = Math.max(
        1,
        Math.min(pipeline.concurrency ?? deps.maxParallel ?? availableParallelism(), 256),
      );
      const tolerated = new Set(jobRows.filter((row) => row.continue_on_error === 1).map((row) => row.name));

      const launch = (row: (typeof jobRows)[number]) => {
        try {
          start(row);
        } catch (error) {
          // One job that cannot start fails alone; the others carry on and stay tracked.
          logger.error('a job could not start', { runId, job: row.name, error });
          status.set(row.name, 'failed');
          repo.jobFinished(row.id, 'failed', clock.now());
        }
      };
      const start = (row: (typeof jobRows)[number]) => {
        const job = pipeline.jobs[row.name]!;
        const verdict = shouldRun(
          job.if ?? 'success',
          row.needList,
          status,
          tolerated,
          controller.signal.aborted,
        );
        if (verdict !== 'run') {
          status.set(row.name, verdict);
          repo.jobFinished(row.id, verdict, clock.now());
          events.emit('runs.changed', { projectId, runId });
          return;
        }
        status.set(row.name, 'running');
        const secretEnv = Object.fromEntries(
          (job.secrets ?? []).map((secret) => [secret, runSecrets[secret]!]),
        );
        const cwd = job.working_directory ? resolve(projectDir, job.working_directory) : projectDir;
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
          cwd,
          masker,
          logCapBytes: deps.logCapBytes ?? DEFAULT_LOG_CAP,
          killGraceMs: deps.killGraceMs ?? 5000,
          signal: controller.signal,
          abortReason: () => (controller.signal.reason === 'shutdown' ? 'shutdown' : 'cancel'),
          env: (attempt) =>
            jobEnvironment({
              base: deps.env ?? process.env,
              runId,
              pipeline: name,
              job: row.name,
              attempt,
              projectDir,
              git: run.git,
              pipelineEnv: pipeline.env,
              jobEnv: job.env,
              paramEnv,
              secretEnv,
            }),
        }).then(
          (result) => {
            status.set(row.name, result);
          },
          (error: unknown) => {
            logger.error('a job failed to run', { runId, job: row.name, error });
            status.set(row.name, 'failed');
            repo.jobFinished(row.id, 'failed', clock.now());
          },
        );
        running.set(
          row.name,
          promise.finally(() => running.delete(row.name)),
        );
      };

      // Jobs still waiting, in definition order; each pass launches those whose needs are done.
      let waiting = jobRows;
      for (;;) {
        const still: typeof jobRows = [];
        for (const row of waiting) {
          if (running.size < limit && row.needList.every((need) => isTerminal(status.get(need)))) launch(row);
          else still.push(row);
        }
        waiting = still;
        if (running.size === 0) break;
        await Promise.race(running.values());
      }
      const final = runStatus(
        jobRows.map((row) => ({
          status: status.get(row.name)!,
          continueOnError: row.continue_on_error === 1,
        })),
        controller.signal,
      );
      repo.runFinished(runId, final, clock.now());
      logger.info('run finished', { runId, status: final });
    } catch (error) {
      logger.error('the run failed unexpectedly', { runId, error });
      // Stop what is still running and wait for it, so nothing writes to the run after it is closed.
      controller.abort('shutdown');
      await Promise.allSettled(running.values());
      repo.interruptRun(runId, clock.now());
    }
    if (worktree) {
      try {
        await worktree.remove();
      } catch (error) {
        logger.warn('could not remove the run worktree', { runId, path: worktree.path, error });
      }
    }
    events.emit('runs.changed', { projectId, runId });
    return repo.getRun(runId)!;
  }

  function jobsOf(runId: number, run: RunSummary, definition: PipelineConfig) {
    return repo.jobStates(
      runId,
      (job) => repo.typicalDuration(run.projectId, run.pipeline, job),
      (job) => 1 + (definition.jobs?.[job]?.retry?.count ?? 0),
    );
  }

  function detail(runId: number): RunDetail {
    const run = repo.getRun(runId);
    if (!run) throw new CockpitError('NOT_FOUND', `There is no run #${runId}.`, { runId });
    const definition = JSON.parse(repo.getRunRow(runId)!.definition) as PipelineConfig;
    let jobs = jobsOf(runId, run, definition);
    // A re-run of some jobs shows the whole pipeline: the others as they ended in the run(s) before.
    if (run.rerunOf !== null && definition.jobs) {
      const reused = reusedJobs(run.rerunOf, definition, new Set(jobs.map((job) => job.name)));
      if (reused.length > 0) {
        const all = new Map([...jobs, ...reused].map((job) => [job.name, job]));
        jobs = Object.keys(definition.jobs)
          .filter((name) => all.has(name))
          .map((name) => ({
            ...all.get(name)!,
            needs: (definition.jobs[name]!.needs ?? []).filter((need) => all.has(need)),
          }));
      }
    }
    const graph = Object.fromEntries(jobs.map((job) => [job.name, { needs: job.needs }]));
    return { ...run, jobs, waves: planWaves(graph) };
  }

  /** The jobs a re-run did not run again, from the nearest earlier run in its chain that ran each. */
  function reusedJobs(originId: number, definition: PipelineConfig, ran: Set<string>) {
    const found: RunDetail['jobs'] = [];
    const wanted = new Set(Object.keys(definition.jobs).filter((name) => !ran.has(name)));
    let origin: number | null = originId;
    for (let depth = 0; origin !== null && wanted.size > 0 && depth < 50; depth++) {
      const run = repo.getRun(origin);
      const row = repo.getRunRow(origin);
      if (!run || !row) break;
      for (const job of jobsOf(origin, run, JSON.parse(row.definition) as PipelineConfig)) {
        if (!wanted.has(job.name) || job.status === 'pending') continue;
        wanted.delete(job.name);
        found.push({ ...job, reusedFrom: origin });
      }
      origin = run.rerunOf;
    }
    return found;
  }

  function attemptOf(attemptId: number) {
    const attempt = repo.attempt(attemptId);
    if (!attempt)
      throw new CockpitError('NOT_FOUND', `There is no job attempt #${attemptId}.`, { attemptId });
    return attempt;
  }

  return {
    start,
    listPipelines(projectId: number): PipelineInfo[] {
      const { config } = pipelinesOf(projectId);
      return Object.entries(config.pipelines ?? {}).map(([name, pipeline]) => {
        const recent = repo.recent(projectId, name, 10);
        const durations = recent
          .filter((run) => run.status === 'success' && run.startedAt !== null && run.finishedAt !== null)
          .map((run) => run.finishedAt! - run.startedAt!);
        return {
          name,
          description: pipeline.description ?? null,
          params: describeParams(pipeline.params),
          jobs: Object.entries(pipeline.jobs).map(([job, def]) => ({
            name: job,
            needs: def.needs ?? [],
            description: def.description ?? null,
          })),
          waves: planWaves(pipeline.jobs),
          triggers: (pipeline.triggers ?? ['manual']).map(describeTrigger),
          concurrency: pipeline.concurrency ?? deps.maxParallel ?? availableParallelism(),
          lastRun: recent[0] ?? null,
          recentRuns: recent.map((run) => ({
            id: run.id,
            status: run.status,
            durationMs:
              run.startedAt !== null && run.finishedAt !== null ? run.finishedAt - run.startedAt : null,
          })),
          medianDurationMs: durations.length ? median(durations) : null,
        };
      });
    },
    /** A dry run: checked exactly as a run would be (params, jobs, secrets), nothing started. */
    async plan(request: Omit<StartRunRequest, 'trigger' | 'rerunOf' | 'deployment'>) {
      const { pipeline, params, selected } = await prepare(request);
      return { waves: planWaves(pipeline.jobs, selected), params: params.values };
    },
    cancel(runId: number): RunSummary {
      const run = repo.getRun(runId);
      if (!run) throw new CockpitError('NOT_FOUND', `There is no run #${runId}.`, { runId });
      const entry = active.get(runId);
      if (entry) entry.controller.abort('cancel');
      else if (run.status === 'queued' || run.status === 'running') {
        throw new CockpitError(
          'CONFLICT',
          `Run #${runId} is running in another process (pid ${repo.getRunRow(runId)?.owner_pid ?? '?'}); cancel it there.`,
        );
      }
      logger.info('run cancel requested', { runId });
      return repo.getRun(runId)!;
    },
    async rerun(runId: number, failedOnly = false): Promise<RunSummary> {
      const previous = detail(runId);
      if (active.has(runId)) throw new CockpitError('CONFLICT', `Run #${runId} is still running.`);
      let jobs: string[] | undefined = previous.jobs.map((job) => job.name);
      if (failedOnly) {
        const failed = previous.jobs.filter((job) => FAILED.has(job.status) || job.status === 'skipped');
        if (failed.length === 0)
          throw new CockpitError('CONFLICT', `Run #${runId} has no failed jobs to re-run.`);
        jobs = failed.map((job) => job.name);
      }
      return start({
        projectId: previous.projectId,
        pipeline: previous.pipeline,
        params: previous.params,
        jobs,
        trigger: 'rerun',
        rerunOf: runId,
      });
    },
    list: (filter: RunFilter) => repo.list(filter),
    get: detail,
    /** Resolves when the run has finished (immediately for runs not running here). */
    async wait(runId: number): Promise<RunSummary> {
      const entry = active.get(runId);
      if (entry) return entry.done;
      const run = repo.getRun(runId);
      if (!run) throw new CockpitError('NOT_FOUND', `There is no run #${runId}.`, { runId });
      return run;
    },
    logPage(attemptId: number, fromLine: number, count: number) {
      const attempt = attemptOf(attemptId);
      const page = readLogPage(deps.db, attemptId, fromLine, count);
      return {
        attemptId,
        fromLine,
        lines: page.lines,
        totalLines: page.totalLines,
        truncated: attempt.log_truncated === 1,
        finished: attempt.status !== 'running',
      };
    },
    logSearch(attemptId: number, options: Parameters<typeof searchLog>[2]) {
      attemptOf(attemptId);
      return { line: searchLog(deps.db, attemptId, options) };
    },
    logMatches(attemptId: number, options: MatchCountOptions) {
      attemptOf(attemptId);
      return countLogMatches(deps.db, attemptId, options);
    },
    firstError(attemptId: number) {
      attemptOf(attemptId);
      return { line: findFirstError(deps.db, attemptId) };
    },
    /** Marks runs whose owning process is gone as interrupted (their logs stay). */
    recoverInterrupted(): number[] {
      const recovered: number[] = [];
      for (const row of repo.activeRuns()) {
        if (row.owner_pid !== null && row.owner_pid !== process.pid && processAlive(row.owner_pid)) continue;
        if (active.has(row.id)) continue;
        // Jobs of a cockpit that died run on in their own process groups: end them first, so the
        // run (and any deploy it carried) is only called over once nothing of it is left.
        const survivors = repo.runningGroups(row.id).filter((pgid) => groupAlive(pgid));
        if (survivors.length > 0) {
          endGroups(survivors, deps.killGraceMs ?? 5000);
          logger.warn('ended the jobs an interrupted run left running', { runId: row.id, groups: survivors });
        }
        repo.interruptRun(row.id, clock.now());
        recovered.push(row.id);
        logger.warn('marked an orphaned run as interrupted', { runId: row.id, ownerPid: row.owner_pid });
      }
      if (recovered.length) events.emit('runs.changed', { projectId: null, runId: null });
      return recovered;
    },
    /** Stops one run of this process as interrupted (its deployment is being shut down). */
    interrupt(runId: number): void {
      active.get(runId)?.controller.abort('shutdown');
    },
    /** Stops every run of this process; they end as interrupted. */
    async shutdown(): Promise<void> {
      const waiting = [...active.values()].map((entry) => {
        entry.controller.abort('shutdown');
        return entry.done;
      });
      await Promise.allSettled(waiting);
    },
    activeCount: () => active.size,
    /** Whether any process has a run queued or running (per the shared store). */
    anyActiveInStore: () => repo.activeRuns().length > 0,
    /** Whether this process is running that pipeline of that project right now. */
    isRunning: (projectId: number, pipeline: string) =>
      [...active.values()].some((entry) => entry.projectId === projectId && entry.pipeline === pipeline),
  };
}

function shouldRun(
  condition: 'success' | 'failure' | 'always',
  needs: string[],
  status: Map<string, JobStatus>,
  /** Jobs with continue_on_error: their failure does not fail their dependants. */
  tolerated: ReadonlySet<string>,
  aborted: boolean,
): 'run' | 'skipped' | 'cancelled' {
  if (aborted) return 'cancelled';
  if (condition === 'always') return 'run';
  const failed = needs.filter((need) => FAILED.has(status.get(need)!) && !tolerated.has(need));
  if (condition === 'failure') return failed.length > 0 ? 'run' : 'skipped';
  const ok = needs.every(
    (need) =>
      status.get(need) === 'success' ||
      (tolerated.has(need) && failed.length === 0 && status.get(need) !== 'skipped'),
  );
  return ok ? 'run' : 'skipped';
}

function runStatus(jobs: { status: JobStatus; continueOnError: boolean }[], signal: AbortSignal): RunStatus {
  if (signal.aborted) return signal.reason === 'shutdown' ? 'interrupted' : 'cancelled';
  const counted = jobs.filter((job) => !job.continueOnError);
  if (counted.some((job) => job.status === 'interrupted')) return 'interrupted';
  if (counted.some((job) => job.status === 'timed_out')) return 'timed_out';
  if (counted.some((job) => job.status === 'failed' || job.status === 'cancelled')) return 'failed';
  return 'success';
}

function isTerminal(status: JobStatus | undefined): boolean {
  return status !== undefined && status !== 'pending' && status !== 'running';
}

/**
 * SIGTERM to each group, then SIGKILL to those still alive after the grace. Synchronous (it runs
 * while the engine starts, before anything else): a short blocking wait is the price of never
 * leaving a dead cockpit's jobs running.
 */
function endGroups(groups: number[], graceMs: number): void {
  const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  for (const pgid of groups) signalGroup(pgid, 'SIGTERM');
  const deadline = performance.now() + Math.min(graceMs, 5000);
  while (groups.some(groupAlive) && performance.now() < deadline) pause(50);
  for (const pgid of groups.filter(groupAlive)) signalGroup(pgid, 'SIGKILL');
  const killDeadline = performance.now() + 1000;
  while (groups.some(groupAlive) && performance.now() < killDeadline) pause(20);
}

/** The deployment's facts as job variables (set after params, so params cannot fake them). */
function deploymentEnv(deployment: DeploymentFacts | undefined): Record<string, string> {
  if (!deployment) return {};
  return {
    COCKPIT_DEPLOY_ID: String(deployment.id),
    COCKPIT_DEPLOY_ENVIRONMENT: deployment.environment,
    COCKPIT_DEPLOY_VERSION: deployment.version,
    COCKPIT_DEPLOY_COMMIT: deployment.commit,
    COCKPIT_DEPLOY_KIND: deployment.kind,
  };
}

function describeTrigger(trigger: TriggerConfig): string {
  if (trigger === 'manual') return 'manual';
  if ('commit' in trigger) return `commit to ${trigger.commit.branch}`;
  return `cron ${trigger.cron}`;
}
