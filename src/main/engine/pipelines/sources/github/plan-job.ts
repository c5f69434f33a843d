// A workflow job as plan jobs: its matrix combinations (one plan job each), the name each shows,
// the GitHub data the runtime reads, and the secrets its expressions name.
import { CockpitError } from '../../../../../shared/errors.ts';
import type { PlanJob, PlanStep } from '../types.ts';
import type { GithubJobData } from './github-plan-data.ts';
import { expandMatrix, type MatrixValue } from './matrix.ts';
import type { ActionFrame } from './step-plan.ts';
import type { WorkflowJob } from './workflow-model.ts';

/** The matrix combinations of a job ([{}] without a matrix), in the order GitHub lists them. */
export function matrixCombinations(
  job: WorkflowJob,
  file: string,
  resolve: (value: MatrixValue) => unknown,
): Record<string, unknown>[] {
  if (!job.matrix) return [{}];
  const where = `${file}:${job.location.line}:${job.location.col}`;
  let matrix: MatrixValue;
  try {
    matrix = resolve(job.matrix) as MatrixValue;
  } catch (error) {
    const message = (error as Error)?.message ?? String(error);
    const dynamic = /needs|steps|env/.test(message) || JSON.stringify(job.matrix).includes('needs.');
    throw new CockpitError(
      'CONFIG_INVALID',
      dynamic
        ? `${where}: job "${job.id}": a matrix computed from other jobs' outputs is not supported yet (the plan is fixed when the run starts): ${message}`
        : `${where}: job "${job.id}": strategy.matrix: ${message}`,
    );
  }
  const { combinations, problems } = expandMatrix(matrix);
  if (problems.length > 0) {
    throw new CockpitError(
      'CONFIG_INVALID',
      problems.map((problem) => `${where}: job "${job.id}": ${problem.message}`).join('\n'),
    );
  }
  return combinations;
}

export function jobDisplayName(
  job: WorkflowJob,
  matrix: Record<string, unknown>,
  evaluate: (template: string) => string,
): string {
  const values = Object.values(matrix);
  // A name with expressions is the job's name as evaluated, with no values appended (as on GitHub).
  if (job.name && job.name.includes('${{')) {
    try {
      const name = evaluate(job.name).trim();
      if (name) return name;
    } catch {
      // Reads something only known at run time: fall back to the id and the values.
    }
  }
  const base = job.name && !job.name.includes('${{') ? job.name : job.id;
  if (values.length === 0) return base;
  return `${base} (${values.map((value) => (typeof value === 'object' ? JSON.stringify(value) : String(value as string | number | boolean))).join(', ')})`;
}

export function planJob(
  job: WorkflowJob,
  id: string,
  matrix: Record<string, unknown>,
  needs: string[],
  strategy: { index: number; total: number; failFast: boolean },
  planned: { steps: PlanStep[]; frames: Record<string, ActionFrame> },
): PlanJob {
  const steps = planned.steps;
  const data: GithubJobData = {
    jobId: job.id,
    if: job.if,
    env: job.env,
    outputs: job.outputs,
    matrix,
    strategy: { 'job-index': strategy.index, 'job-total': strategy.total, 'fail-fast': strategy.failFast },
    name: job.name,
    frames: planned.frames,
  };
  return {
    id,
    group: job.id,
    needs,
    description: null,
    location: job.location,
    when: 'auto',
    skip: null,
    condition: job.ifWritten ? `if: ${job.ifWritten}` : null,
    continueOnError: job.continueOnError,
    failFast: strategy.failFast && strategy.total > 1,
    timeoutMs: job.timeoutMinutes === null ? null : job.timeoutMinutes * 60_000,
    retry: null,
    workingDirectory: null,
    env: {},
    secrets: [],
    artifacts: [],
    secretsRead: secretsReadBy(job),
    steps,
    notes: job.notes,
    data,
  };
}

/** The secrets a job's expressions name (`secrets.NAME`, `secrets['NAME']`). */
export function secretsReadBy(value: unknown): string[] {
  const text = JSON.stringify(value);
  const names = new Set<string>();
  for (const match of text.matchAll(/secrets\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(match[1]!);
  for (const match of text.matchAll(/secrets\s*\[\s*'([A-Za-z_][A-Za-z0-9_]*)'\s*\]/g)) names.add(match[1]!);
  return [...names].sort();
}
