// Local pipeline runs: starts runs of any pipeline source (cockpit.yml, GitHub workflows,
// .gitlab-ci.yml) from the plan the source compiles, plays manual jobs, cancels and re-runs, and tells
// when a run is done (`wait`, a promise). Planning is run-planning.ts, a run's detail run-details.ts,
// log queries run-log-queries.ts, recovery after a crash orphaned-runs.ts; run-executor.ts schedules
// a run's jobs.
import type { ParamValue, RunSummary } from '../../../shared/domain/run.ts';
import { CockpitError } from '../../../shared/errors.ts';
import { currentActor } from '../kernel/actor.ts';
import { readGitFacts } from '../kernel/git/git-facts.ts';
import { deploymentEnv } from './deployment-env.ts';
import { interruptOlderRuns } from './interruptible-runs.ts';
import { recoverOrphanedRuns } from './orphaned-runs.ts';
import { resolveParams } from './params.ts';
import { listPipelines } from './pipeline-list.ts';
import {
  executeRun,
  FAILED,
  type ActiveRun,
  type CommitCheckout,
  type SecretSource,
} from './run-executor.ts';
import { createRunDetails } from './run-details.ts';
import { createRunLogQueries } from './run-log-queries.ts';
import { createRunPlanning, type PlanPreview } from './run-planning.ts';
import type { StartRunRequest } from './run-request.ts';
import type { RunInfrastructure } from './job-runner.ts';
import type { RunFilter } from './runs-repo.ts';
import { sourceOf } from './sources/index.ts';
import type { RunPlan } from './sources/types.ts';
import { createStepsRepo } from './steps-repo.ts';

export type { SecretSource } from './run-executor.ts';
export type { DeploymentFacts } from './deployment-env.ts';
export type { PlanPreview } from './run-planning.ts';
export type { StartRunRequest } from './run-request.ts';

export interface RunServiceDeps extends RunInfrastructure {
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

export type RunService = ReturnType<typeof createRunService>;

type RunHere = ActiveRun & { pipeline: string; done: Promise<RunSummary> };

export function createRunService(deps: RunServiceDeps) {
  const { repo, clock, events, logger } = deps;
  const steps = createStepsRepo(deps.db);
  const planning = createRunPlanning(deps);
  const details = createRunDetails(repo, steps);
  const logs = createRunLogQueries(deps);
  const active = new Map<number, RunHere>();

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
    const entry: RunHere = {
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

  async function start(request: StartRunRequest): Promise<RunSummary> {
    const { plan, path, checkout, params } = await planning.prepare(request);
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
    interruptOlderRuns({ repo, logger }, active, request.projectId, plan.pipeline, git?.branch ?? null);
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
    const { plan } = details.planOf(runId);
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

  return {
    start,
    listPipelines: (projectId: number) =>
      listPipelines({ ...deps, pipelinesIn: planning.pipelinesIn }, projectId),
    /** A dry run: checked exactly as a run would be (params, jobs, secrets), nothing started. */
    plan: (request: Omit<StartRunRequest, 'trigger' | 'rerunOf' | 'deployment'>): Promise<PlanPreview> =>
      planning.preview(request),
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
      const previous = details.detail(runId);
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
    get: details.detail,
    /** Resolves when the run has finished (immediately for runs not running here). */
    async wait(runId: number): Promise<RunSummary> {
      const entry = active.get(runId);
      if (entry) return entry.done;
      const run = repo.getRun(runId);
      if (!run) throw new CockpitError('NOT_FOUND', `There is no run #${runId}.`, { runId });
      return run;
    },
    logPage: logs.logPage,
    logSearch: logs.logSearch,
    logMatches: logs.logMatches,
    firstError: logs.firstError,
    /** Marks runs whose owning process is gone as interrupted (their logs stay). */
    recoverInterrupted(): number[] {
      const recovered = recoverOrphanedRuns({ ...deps, steps }, (runId) => active.has(runId));
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
      await logs.close();
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
