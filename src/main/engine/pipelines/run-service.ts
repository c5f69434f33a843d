// Local pipeline runs: starts runs of any pipeline source (cockpit.yml, GitHub workflows,
// .gitlab-ci.yml) from the plan the source compiles, plays manual jobs, and answers history, plans
// and log queries. run-executor.ts schedules a run's jobs.
import { availableParallelism } from 'node:os';
import type { Database } from 'better-sqlite3';
import type {
  JobState,
  ParamValue,
  PipelineInfo,
  RunDetail,
  RunSummary,
  RunTrigger,
  PlanPreviewInfo,
} from '../../../shared/domain/run.ts';
import { badRequest, CockpitError } from '../../../shared/errors.ts';
import { currentActor } from '../kernel/actor.ts';
import type { Clock } from '../kernel/clock.ts';
import { CONFIG_FILE_NAME, type PipelineConfig } from '../config/index.ts';
import type { EventBus } from '../kernel/events.ts';
import type { Logger } from '../kernel/diagnostics/logger.ts';
import { readGitFacts } from '../kernel/git/git-facts.ts';
import { runGit } from '../kernel/git/run-git.ts';
import { findFirstError, readLogPage } from './run-logs/log-reader.ts';
import { countLogMatches, type MatchCountOptions } from './run-logs/log-match-count.ts';
import { createLogSearch, type SearchOptions } from './run-logs/log-search.ts';
import { describeParams, resolveParams } from './params.ts';
import { planWaves } from '../kernel/job-graph.ts';
import { ownerAlive, provablySame } from '../kernel/process/process-identity.ts';
import { groupAlive, signalGroup } from '../kernel/process/process-group.ts';
import {
  executeRun,
  FAILED,
  type ActiveRun,
  type CommitCheckout,
  type SecretSource,
} from './run-executor.ts';
import { median, type RunFilter, type RunsRepo } from './runs-repo.ts';
import { requireCockpitConfig, type CommitFiles } from './sources/cockpit/cockpit-source.ts';
import { WORKFLOWS_DIR } from './sources/github/github-source.ts';
import { GITLAB_FILE } from './sources/gitlab/gitlab-source.ts';
import { discoverPipelines, findPipeline, hasForeignPipelineFiles, sourceOf } from './sources/index.ts';
import { commitFiles, workingTreeFiles } from './sources/project-files.ts';
import type { DiscoveredPipeline, RunPlan } from './sources/types.ts';
import { createStepsRepo } from './steps-repo.ts';

export type { SecretSource } from './run-executor.ts';

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
  /** How long one log search may run (default 10 s). */
  logSearchBudgetMs?: number;
  /** The log search worker script (the Electron bundle passes its built copy). */
  logSearchWorker?: string;
  /** Told when a run started here has ended (artifact retention runs then). */
  afterRun?: (projectId: number, runId: number) => void;
}

export interface StartRunRequest {
  projectId: number;
  pipeline: string;
  params?: Record<string, ParamValue>;
  jobs?: string[];
  withNeeds?: boolean;
  /** The event a GitHub workflow runs for (default: push); other sources ignore it. */
  event?: string;
  /** GitHub: an action that is not available offline is skipped (saying so) instead of failing. */
  skipUnavailableActions?: boolean;
  trigger?: RunTrigger;
  rerunOf?: number;
  /**
   * Run this commit (a full sha) instead of the project folder as it is: the pipeline is read at
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
  /** The captured release it ships: its files' directory and version (absent: built at deploy time). */
  release?: { dir: string; version: string };
}

/** What `--dry-run` and the Run dialog show: the jobs a run would execute, and why some would not. */
export type PlanPreview = PlanPreviewInfo;

export type RunService = ReturnType<typeof createRunService>;

export function createRunService(deps: RunServiceDeps) {
  const { repo, clock, events, logger } = deps;
  const logSearch = createLogSearch({
    db: deps.db,
    logger,
    budgetMs: deps.logSearchBudgetMs,
    workerPath: deps.logSearchWorker,
  });
  const steps = createStepsRepo(deps.db);
  const active = new Map<number, ActiveRun & { pipeline: string; done: Promise<RunSummary> }>();

  /** The project's pipelines; without any CI file but cockpit.yml, cockpit.yml's errors as ever. */
  async function pipelinesIn(files: CommitFiles): Promise<DiscoveredPipeline[]> {
    if (!hasForeignPipelineFiles(files)) requireCockpitConfig(files);
    return discoverPipelines(files);
  }

  async function filesAt(
    path: string,
    sha: string,
  ): Promise<{ files: CommitFiles; checkout: CommitCheckout }> {
    if (!/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(sha)) {
      throw badRequest(
        `"${sha}" is not a full commit sha.`,
        [{ path: 'commit', message: 'not a full commit sha' }],
        {
          commit: sha,
        },
      );
    }
    const commit = await runGit(path, ['rev-parse', '--verify', '--quiet', `${sha}^{commit}`]);
    if (commit.failed) {
      throw new CockpitError('NOT_FOUND', `There is no commit ${sha} in ${path}.`, { commit: sha });
    }
    const prefix = await runGit(path, ['rev-parse', '--show-prefix']);
    if (prefix.failed) {
      throw new CockpitError('INTERNAL', `Cannot locate ${path} in its repository: ${prefix.stderr}`);
    }
    const files = await commitFiles(path, sha, [CONFIG_FILE_NAME, GITLAB_FILE], [WORKFLOWS_DIR]);
    return { files: { ...files, commit: sha }, checkout: { sha, prefix: String(prefix.stdout).trim() } };
  }

  async function planFor(
    request: Pick<
      StartRunRequest,
      | 'projectId'
      | 'pipeline'
      | 'jobs'
      | 'withNeeds'
      | 'event'
      | 'params'
      | 'commit'
      | 'skipUnavailableActions'
    >,
  ): Promise<{ plan: RunPlan; path: string; checkout: CommitCheckout | null }> {
    const path = deps.projectPath(request.projectId);
    const { files, checkout } = request.commit
      ? await filesAt(path, request.commit)
      : { files: workingTreeFiles(path) as CommitFiles, checkout: null };
    const discovered = findPipeline(await pipelinesIn(files), request.pipeline, path);
    const plan = await sourceOf(discovered.source).compile(files, discovered, {
      event: request.event,
      params: request.params ?? {},
      jobs: request.jobs,
      withNeeds: request.withNeeds ?? false,
      dataDir: deps.dataDir,
      skipUnavailableActions: request.skipUnavailableActions,
    });
    return { plan, path, checkout };
  }

  function launch(
    runId: number,
    projectId: number,
    plan: RunPlan,
    projectDir: string,
    params: Record<string, ParamValue>,
    paramEnv: Record<string, string>,
    checkout: CommitCheckout | null,
    played: string[] = [],
  ) {
    const entry: ActiveRun & { pipeline: string; done: Promise<RunSummary> } = {
      runId,
      projectId,
      pipeline: plan.pipeline,
      plan,
      loadRuntime: () => sourceOf(plan.source.kind).runtime(plan),
      projectDir,
      params,
      paramEnv,
      controller: new AbortController(),
      force: new AbortController(),
      checkout,
      played: new Set(played),
      wake: () => {},
      done: Promise.resolve(null as unknown as RunSummary),
    };
    entry.done = executeRun({ ...deps, steps }, entry).finally(() => {
      active.delete(runId);
      try {
        deps.afterRun?.(projectId, runId);
      } catch (error) {
        logger.warn('after-run work failed', { runId, error });
      }
    });
    active.set(runId, entry);
  }

  /**
   * Everything a run checks before it starts — the plan, its params, the secrets its jobs need — the
   * one function both a run and a dry run (`cockpit run --dry-run`) go through.
   */
  async function prepare(request: StartRunRequest) {
    const { plan, path, checkout } = await planFor(request);
    const params = resolveParams(request.pipeline, plan.params, request.params);
    // Secrets are checked before anything starts, so a missing one fails fast with its name.
    const secretNames = [...new Set(plan.jobs.flatMap((job) => job.secrets))];
    if (secretNames.length > 0) deps.secrets.resolve(request.projectId, secretNames);
    return { plan, path, checkout, params };
  }

  async function start(request: StartRunRequest): Promise<RunSummary> {
    const { plan, path, checkout, params } = await prepare(request);
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
      definition: plan,
      source: plan.source,
      jobs: plan.jobs.map((job) => ({
        name: job.id,
        group: job.group,
        needs: job.needs,
        continueOnError: job.continueOnError,
        manual: job.when === 'manual',
        skip: job.skip,
      })),
    });
    logger.info('run queued', { runId, pipeline: request.pipeline, jobs: plan.jobs.length });
    events.emit('runs.changed', { projectId: request.projectId, runId });
    cancelInterruptible(request.projectId, plan.pipeline, git?.branch ?? null);
    launch(
      runId,
      request.projectId,
      plan,
      path,
      params.values,
      {
        ...params.env,
        ...deploymentEnv(request.deployment),
        COCKPIT_PROJECT_ROOT: path,
      },
      checkout,
    );
    return repo.getRun(runId)!;
  }

  /**
   * GitLab's interruptible jobs: an older run of the same pipeline on the same branch is cancelled
   * when every job it has started so far is interruptible (and at least one job says it is).
   */
  function cancelInterruptible(projectId: number, pipeline: string, branch: string | null) {
    for (const [runId, entry] of active) {
      if (entry.projectId !== projectId || entry.pipeline !== pipeline || entry.controller.signal.aborted)
        continue;
      if (!entry.plan.jobs.some((job) => job.interruptible)) continue;
      if ((repo.getRun(runId)?.git?.branch ?? null) !== branch) continue;
      const interruptible = new Set(entry.plan.jobs.filter((job) => job.interruptible).map((job) => job.id));
      const started = repo
        .jobRows(runId)
        .filter((row) => !['pending', 'skipped', 'cancelled'].includes(row.status));
      if (started.every((row) => interruptible.has(row.name))) {
        logger.info('a newer run interrupts this one (interruptible jobs)', { runId });
        entry.controller.abort('cancel');
      }
    }
  }

  /** The plan a run was started with (runs from before sources stored cockpit.yml's pipeline). */
  function planOf(runId: number): {
    plan: RunPlan | null;
    legacy: (PipelineConfig & { selected?: string[] }) | null;
  } {
    const definition = JSON.parse(repo.getRunRow(runId)!.definition) as { planVersion?: number };
    return definition.planVersion === 1
      ? { plan: definition as RunPlan, legacy: null }
      : { plan: null, legacy: definition as PipelineConfig };
  }

  function play(runId: number, jobName: string): RunSummary {
    const run = repo.getRun(runId);
    if (!run) throw new CockpitError('NOT_FOUND', `There is no run #${runId}.`, { runId });
    const row = repo.jobRows(runId).find((job) => job.name === jobName);
    if (!row) {
      throw new CockpitError('NOT_FOUND', `Run #${runId} has no job "${jobName}".`, { runId, job: jobName });
    }
    if (row.waiting !== 'manual' || row.status !== 'pending') {
      throw new CockpitError(
        'CONFLICT',
        `"${jobName}" of run #${runId} is not a manual job waiting to be played.`,
      );
    }
    const entry = active.get(runId);
    if (entry) {
      entry.played.add(jobName);
      entry.wake();
      // Played while the run was closing: it runs in a continuation once this pass is done.
      void entry.done.then(() => {
        const still = repo.jobRows(runId).find((job) => job.name === jobName);
        if (still?.waiting === 'manual' && !active.has(runId)) resume(runId, jobName);
      });
      logger.info('manual job played', { runId, job: jobName });
      return run;
    }
    if (run.status === 'queued' || run.status === 'running') {
      throw new CockpitError(
        'CONFLICT',
        `Run #${runId} is running in another process (pid ${repo.getRunRow(runId)?.owner_pid ?? '?'}); play it there.`,
      );
    }
    resume(runId, jobName);
    logger.info('manual job played', { runId, job: jobName });
    return repo.getRun(runId)!;
  }

  /** Runs a played manual job of a finished run: the run is open again until it is done. */
  function resume(runId: number, jobName: string) {
    const run = repo.getRun(runId)!;
    const { plan } = planOf(runId);
    if (!plan) throw new CockpitError('CONFLICT', `Run #${runId} has no manual jobs.`);
    const path = deps.projectPath(run.projectId);
    const params = resolveParams(run.pipeline, plan.params, run.params);
    steps.play(runId, repo.jobRows(runId).find((job) => job.name === jobName)!.id);
    steps.reopenRun(runId);
    events.emit('runs.changed', { projectId: run.projectId, runId });
    launch(
      runId,
      run.projectId,
      plan,
      path,
      params.values,
      { ...params.env, COCKPIT_PROJECT_ROOT: path },
      null,
      [jobName],
    );
  }

  function detail(runId: number): RunDetail {
    const run = repo.getRun(runId);
    if (!run) throw new CockpitError('NOT_FOUND', `There is no run #${runId}.`, { runId });
    const { plan } = planOf(runId);
    let jobs = jobsOf(runId, run);
    // A re-run of some jobs shows the whole pipeline: the others as they ended in the run(s) before.
    if (run.rerunOf !== null) {
      const defined = chainDefinitions(runId);
      const reused = reusedJobs(run.rerunOf, defined, new Set(jobs.map((job) => job.name)));
      if (reused.length > 0) {
        const all = new Map([...jobs, ...reused].map((job) => [job.name, job]));
        jobs = [...defined]
          .filter(([name]) => all.has(name))
          .map(([name, needs]) => ({ ...all.get(name)!, needs: needs.filter((need) => all.has(need)) }));
      }
    }
    const graph = Object.fromEntries(jobs.map((job) => [job.name, { needs: job.needs }]));
    return {
      ...run,
      jobs,
      waves: planWaves(graph),
      annotations: steps.annotations(runId),
      event: plan?.event ?? null,
    };
  }

  /** A run's jobs with their state, steps and where they are defined. */
  function jobsOf(runId: number, run: RunSummary) {
    const { plan, legacy } = planOf(runId);
    const planned = new Map(plan?.jobs.map((job) => [job.id, job]));
    return repo.jobStates(
      runId,
      (job) => repo.typicalDuration(run.projectId, run.pipeline, job),
      (job) => 1 + ((plan ? planned.get(job)?.retry?.count : legacy?.jobs[job]?.retry?.count) ?? 0),
      (job): Pick<JobState, 'location' | 'plannedSteps'> => {
        const found = planned.get(job);
        return found
          ? {
              location: found.location,
              plannedSteps: found.steps.map((step) => ({ name: step.name, location: step.location })),
            }
          : { location: null, plannedSteps: [{ name: job, location: null }] };
      },
      (ids) => steps.attemptExtras(ids),
    );
  }

  /** The jobs (and their needs) a run defines: its plan's, or the whole pipeline of an old run. */
  function definedJobs(runId: number): [string, string[]][] {
    const { plan, legacy } = planOf(runId);
    if (plan) return plan.jobs.map((job) => [job.id, job.needs]);
    return Object.entries(legacy?.jobs ?? {}).map(([name, job]) => [name, job.needs ?? []]);
  }

  /** The jobs of a re-run chain, in the order of its first run (a re-run's plan has only its jobs). */
  function chainDefinitions(runId: number): Map<string, string[]> {
    const chain: number[] = [];
    for (
      let id: number | null = runId;
      id !== null && chain.length < 50;
      id = repo.getRun(id)?.rerunOf ?? null
    ) {
      chain.push(id);
    }
    const defined = new Map<string, string[]>();
    for (const id of chain.reverse()) {
      for (const [name, needs] of definedJobs(id)) if (!defined.has(name)) defined.set(name, needs);
    }
    return defined;
  }

  /** The jobs a re-run did not run again, from the nearest earlier run in its chain that ran each. */
  function reusedJobs(originId: number, defined: Map<string, string[]>, ran: Set<string>) {
    const found: RunDetail['jobs'] = [];
    const wanted = new Set([...defined.keys()].filter((name) => !ran.has(name)));
    let origin: number | null = originId;
    for (let depth = 0; origin !== null && wanted.size > 0 && depth < 50; depth++) {
      const run = repo.getRun(origin);
      if (!run) break;
      for (const job of jobsOf(origin, run)) {
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
    async listPipelines(projectId: number): Promise<PipelineInfo[]> {
      const files = workingTreeFiles(deps.projectPath(projectId));
      return (await pipelinesIn(files)).map((pipeline) => {
        const recent = pipeline.problems.length ? [] : repo.recent(projectId, pipeline.name, 10);
        const durations = recent
          .filter((run) => run.status === 'success' && run.startedAt !== null && run.finishedAt !== null)
          .map((run) => run.finishedAt! - run.startedAt!);
        return {
          name: pipeline.name,
          source: { kind: pipeline.source, file: pipeline.file, contentHash: pipeline.contentHash },
          problems: pipeline.problems,
          description: pipeline.description,
          params: describeParams(pipeline.params),
          jobs: pipeline.jobs,
          waves: planWaves(Object.fromEntries(pipeline.jobs.map((job) => [job.name, { needs: job.needs }]))),
          triggers: pipeline.triggers,
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
    async plan(request: Omit<StartRunRequest, 'trigger' | 'rerunOf' | 'deployment'>): Promise<PlanPreview> {
      const { plan, params } = await prepare(request);
      return {
        params: params.values,
        source: plan.source,
        event: plan.event,
        waves: planWaves(Object.fromEntries(plan.jobs.map((job) => [job.id, { needs: job.needs }]))),
        jobs: plan.jobs.map((job) => ({
          id: job.id,
          group: job.group,
          needs: job.needs,
          when: job.when,
          skip: job.skip,
          condition: job.condition,
          steps: job.steps.map((step) => step.name),
          location: job.location,
        })),
      };
    },
    play,
    cancel(runId: number): RunSummary {
      const run = repo.getRun(runId);
      if (!run) throw new CockpitError('NOT_FOUND', `There is no run #${runId}.`, { runId });
      const entry = active.get(runId);
      // A second cancel also stops what a source runs after a cancel (clean-up steps and jobs).
      if (entry?.controller.signal.aborted) entry.force.abort('cancel');
      else if (entry) entry.controller.abort('cancel');
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
        event: previous.event ?? undefined,
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
    /** Runs in a worker with a time budget: the engine answers everything else meanwhile. */
    logSearch(attemptId: number, options: SearchOptions, signal?: AbortSignal) {
      attemptOf(attemptId);
      return logSearch.search(attemptId, options, signal);
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
        if (row.owner_pid !== process.pid && ownerAlive(row.owner_pid, row.owner_start, row.queued_at))
          continue;
        if (active.has(row.id)) continue;
        // Jobs of a cockpit that died run on in their own process groups: end them first, so the
        // run (and any deploy it carried) is only called over once nothing of it is left. Only a
        // group whose leader is provably the shell the cockpit started: a reused pid is left alone.
        const groups = repo.runningGroups(row.id).filter(({ pgid }) => groupAlive(pgid));
        const ours = groups.filter(({ pgid, start }) => provablySame(pgid, start)).map(({ pgid }) => pgid);
        const unproven = groups.filter(({ pgid }) => !ours.includes(pgid)).map(({ pgid }) => pgid);
        if (ours.length > 0) {
          endGroups(ours, deps.killGraceMs ?? 5000);
          logger.warn('ended the jobs an interrupted run left running', { runId: row.id, groups: ours });
        }
        if (unproven.length > 0) {
          logger.warn(
            'left process groups alone: not provably the jobs of this run (their pid was reused, or their leader ended)',
            {
              runId: row.id,
              groups: unproven,
            },
          );
        }
        repo.interruptRun(row.id, clock.now());
        steps.interruptSteps(row.id, clock.now());
        recovered.push(row.id);
        logger.warn('marked an orphaned run as interrupted', { runId: row.id, ownerPid: row.owner_pid });
      }
      if (recovered.length) events.emit('runs.changed', { projectId: null, runId: null });
      return recovered;
    },
    /** Stops one run of this process as interrupted (its deployment is being shut down). */
    interrupt(runId: number): void {
      active.get(runId)?.controller.abort('shutdown');
      active.get(runId)?.force.abort('shutdown');
    },
    /** Stops every run of this process; they end as interrupted. */
    async shutdown(): Promise<void> {
      await logSearch.close();
      const waiting = [...active.values()].map((entry) => {
        entry.controller.abort('shutdown');
        entry.force.abort('shutdown');
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
    ...(deployment.release
      ? { COCKPIT_RELEASE_DIR: deployment.release.dir, COCKPIT_RELEASE_VERSION: deployment.release.version }
      : {}),
  };
}
