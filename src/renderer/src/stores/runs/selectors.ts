// Derived run values components select: pure functions of the store's state, tested in selectors.test.ts.
import type { Attempt, JobState } from '../../../../shared/domain/run.ts';
import type { ProjectsSlice } from '../projects/projects-slice.ts';
import type { PipelinesSlice } from './pipelines-slice.ts';
import { jobsInOrder, type RunSlice } from './run-slice.ts';
import type { SecretsSlice } from './secrets-slice.ts';

/** The project the Pipelines view shows: the remembered choice if it still exists, else the first. */
export function pipelinesProjectFor(
  state: Pick<ProjectsSlice, 'projects'> & Pick<PipelinesSlice, 'pipelinesProjectChoice'>,
): number | null {
  const { projects, pipelinesProjectChoice: choice } = state;
  if (choice !== null && projects.some((project) => project.id === choice)) return choice;
  return projects[0]?.id ?? null;
}

/** The project whose secrets are shown: the remembered choice if it still exists, else the Pipelines one. */
export function secretsProjectFor(
  state: Pick<ProjectsSlice, 'projects'> &
    Pick<SecretsSlice, 'secretsProjectChoice'> &
    Pick<PipelinesSlice, 'pipelinesProjectChoice'>,
): number | null {
  const { projects, secretsProjectChoice: choice } = state;
  if (choice !== null && projects.some((project) => project.id === choice)) return choice;
  return pipelinesProjectFor(state);
}

/** The job whose log shows: the one picked, else the automatic choice. */
export function selectShownJob(state: Pick<RunSlice, 'run' | 'pickedJob' | 'autoJob'>): JobState | null {
  const { run } = state;
  if (!run) return null;
  const name = state.pickedJob ?? state.autoJob;
  return run.jobs.find((job) => job.name === name) ?? jobsInOrder(run)[0] ?? null;
}

/** The attempt whose log shows: the picked one, else the latest. */
export function selectShownAttempt(
  state: Pick<RunSlice, 'run' | 'pickedJob' | 'autoJob' | 'pickedAttempt'>,
): Attempt | null {
  const job = selectShownJob(state);
  if (!job) return null;
  const picked = job.attempts.find((attempt) => attempt.number === state.pickedAttempt);
  return picked ?? job.attempts[job.attempts.length - 1] ?? null;
}
