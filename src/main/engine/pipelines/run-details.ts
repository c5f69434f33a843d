// A run as the UI and the CLI show it: its jobs with their state, steps and where they are defined,
// and for a re-run of some jobs, the others as they ended in the runs before it.
import type { JobState, RunDetail, RunSummary } from '../../../shared/domain/run.ts';
import { CockpitError } from '../../../shared/errors.ts';
import type { PipelineConfig } from '../config/index.ts';
import { planWaves } from '../kernel/job-graph.ts';
import type { RunsRepo } from './runs-repo.ts';
import type { RunPlan } from './sources/types.ts';
import type { StepsRepo } from './steps-repo.ts';

/** The longest re-run chain followed back (a guard against a cycle in damaged data). */
const MAX_CHAIN = 50;

export function createRunDetails(repo: RunsRepo, steps: StepsRepo) {
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
      id !== null && chain.length < MAX_CHAIN;
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
    for (let depth = 0; origin !== null && wanted.size > 0 && depth < MAX_CHAIN; depth++) {
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

  return { planOf, detail };
}
