// Which jobs of a plan a run executes: all, or those asked for (by id, or by the job as written —
// a matrix job's name selects all its expansions), with everything they need when asked.
import { CockpitError } from '../../../../shared/errors.ts';
import type { PlanJob } from './types.ts';

export function chooseJobs(
  pipeline: string,
  jobs: PlanJob[],
  selection: string[] | undefined,
  withNeeds: boolean,
): PlanJob[] {
  if (!selection || selection.length === 0) return jobs;
  const byId = new Map(jobs.map((job) => [job.id, job]));
  const unknown = selection.filter((name) => !byId.has(name) && !jobs.some((job) => job.group === name));
  if (unknown.length > 0) {
    const names = [...new Set(jobs.map((job) => job.group))];
    throw new CockpitError(
      'NOT_FOUND',
      `Pipeline "${pipeline}" has no job ${unknown.map((j) => `"${j}"`).join(', ')} (jobs: ${names.join(', ')}).`,
    );
  }
  const chosen = new Set<string>();
  const add = (id: string) => {
    if (chosen.has(id)) return;
    chosen.add(id);
    if (withNeeds) for (const need of byId.get(id)?.needs ?? []) add(need);
  };
  for (const name of selection) {
    if (byId.has(name)) add(name);
    else for (const job of jobs) if (job.group === name) add(job.id);
  }
  return jobs
    .filter((job) => chosen.has(job.id))
    .map((job) => ({ ...job, needs: job.needs.filter((need) => chosen.has(need)) }));
}
