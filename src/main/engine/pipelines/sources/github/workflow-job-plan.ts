// A workflow's jobs as plan jobs, with unique ids across the run; a job that calls a local reusable
// workflow (`uses: ./.github/workflows/x.yml`) becomes the called workflow's jobs (`caller / job`).
import { CockpitError } from '../../../../../shared/errors.ts';
import type { PlanJob, ProjectFiles } from '../types.ts';
import type { CallerData, GithubJobData } from './github-plan-data.ts';
import type { readWorkflow } from './github-workflow.ts';
import { jobDisplayName, matrixCombinations, planJob, secretsReadBy } from './plan-job.ts';
import { planSteps } from './step-plan.ts';
import type { WorkflowJob, WorkflowModel } from './workflow-model.ts';

export interface WorkflowScope {
  /** Display prefix of the jobs of a called workflow ("deploy / "). */
  prefix: string;
  /** Group prefix, so groups stay unique across called workflows ("deploy/"). */
  groupPrefix: string;
  /** The reusable-workflow calls the jobs are inside, outermost first. */
  chain: CallerData[];
  /** Plan ids every job of this scope waits for (the caller's needs). */
  extraNeeds: string[];
  planContexts: Record<string, unknown>;
  taken: Set<string>;
  maxParallel: Record<string, number>;
  lookup: { files: ProjectFiles; dataDir: string | null };
  read: (file: string, text: string) => ReturnType<typeof readWorkflow>;
  resolveJsonTemplate: (value: unknown, contexts: Record<string, unknown>) => unknown;
  evaluateTemplate: (text: string, contexts: Record<string, unknown>) => string;
}

const MAX_CALL_DEPTH = 4;

/** A workflow's jobs as plan jobs; a job that calls a local reusable workflow becomes its jobs. */
export async function planWorkflowJobs(
  model: WorkflowModel,
  file: string,
  scope: WorkflowScope,
): Promise<PlanJob[]> {
  const { planContexts, taken } = scope;
  // Each job's plan ids (matrix combinations, or a called workflow's jobs), unique in the run.
  const expanded = new Map<string, string[]>();
  const combinationsOf = new Map<string, { id: string; matrix: Record<string, unknown> }[]>();
  for (const job of model.jobs) {
    if (job.call) continue;
    const combinations = matrixCombinations(job, file, (value) =>
      scope.resolveJsonTemplate(value, planContexts),
    );
    const named = combinations.map((matrix, index) => {
      let id =
        scope.prefix +
        jobDisplayName(job, matrix, (template) =>
          scope.evaluateTemplate(template, {
            ...planContexts,
            matrix,
            strategy: { 'job-index': index, 'job-total': combinations.length },
          }),
        );
      if (taken.has(id)) id = `${id} [${scope.groupPrefix}${job.id}]`;
      taken.add(id);
      return { id, matrix };
    });
    combinationsOf.set(job.id, named);
    expanded.set(
      job.id,
      named.map((entry) => entry.id),
    );
  }
  const needIds = (job: WorkflowJob) => job.needs.flatMap((need) => expanded.get(need) ?? []);
  // Calls in an order where a call's needs among other calls are planned first.
  const calls = model.jobs.filter((job) => job.call);
  const called = new Map<string, PlanJob[]>();
  while (called.size < calls.length) {
    const ready = calls.find((job) => !called.has(job.id) && job.needs.every((need) => expanded.has(need)));
    if (!ready) {
      const waiting = calls.filter((job) => !called.has(job.id)).map((job) => job.id);
      throw new CockpitError(
        'CONFIG_INVALID',
        `${file}: the reusable workflow calls ${waiting.join(', ')} wait for each other or for a job that does not exist`,
      );
    }
    const inner = await planCall(ready, file, scope, [...scope.extraNeeds, ...needIds(ready)]);
    called.set(ready.id, inner);
    expanded.set(
      ready.id,
      inner.map((planned) => planned.id),
    );
  }
  const result: PlanJob[] = [];
  for (const job of model.jobs) {
    if (job.call) {
      result.push(...(called.get(job.id) ?? []));
      continue;
    }
    const steps = await planSteps(job.steps, job.defaults, scope.lookup);
    const combinations = combinationsOf.get(job.id)!;
    const failFast =
      typeof job.failFast === 'string'
        ? scope.evaluateTemplate(job.failFast, planContexts) !== 'false'
        : job.failFast;
    const group = scope.groupPrefix + job.id;
    if (job.maxParallel !== null) scope.maxParallel[group] = job.maxParallel;
    for (const [index, { id, matrix }] of combinations.entries()) {
      const planned = planJob(
        job,
        id,
        matrix,
        [...scope.extraNeeds, ...needIds(job)],
        { index, total: combinations.length, failFast: failFast && job.matrix !== null },
        steps,
      );
      planned.group = group;
      if (scope.chain.length > 0) {
        (planned.data as GithubJobData).callers = scope.chain;
        planned.secretsRead = [
          ...new Set([
            ...(planned.secretsRead ?? []),
            ...scope.chain.flatMap((caller) => [
              ...secretsReadBy(caller.with),
              ...(caller.secrets === 'inherit' ? [] : secretsReadBy(caller.secrets)),
            ]),
          ]),
        ];
      }
      result.push(planned);
    }
  }
  return result;
}

/** The jobs of the local reusable workflow a job calls (`uses: ./.github/workflows/x.yml`). */
async function planCall(
  job: WorkflowJob,
  file: string,
  scope: WorkflowScope,
  needs: string[],
): Promise<PlanJob[]> {
  const where = `${file}:${job.location.line}:${job.location.col}`;
  const uses = job.call!.uses;
  if (!uses.startsWith('./')) {
    throw new CockpitError(
      'CONFIG_INVALID',
      `${where}: job "${job.id}": the reusable workflow ${uses} is not available offline (only local ./.github/workflows/… files are)`,
    );
  }
  if (scope.chain.length >= MAX_CALL_DEPTH)
    throw new CockpitError(
      'CONFIG_INVALID',
      `${where}: reusable workflows nest deeper than ${MAX_CALL_DEPTH} levels`,
    );
  const path = uses.slice(2).replace(/@.*$/, '');
  const text = scope.lookup.files.read(path);
  if (text === null)
    throw new CockpitError('CONFIG_INVALID', `${where}: job "${job.id}": ${path} does not exist`);
  const { model, problems } = await scope.read(path, text);
  if (!model) {
    throw new CockpitError(
      'CONFIG_INVALID',
      `${path} (called by ${where}) has problems:\n${problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.message}`).join('\n')}`,
    );
  }
  if (!model.call)
    throw new CockpitError('CONFIG_INVALID', `${where}: job "${job.id}": ${path} has no "on: workflow_call"`);
  const caller: CallerData = {
    key: scope.groupPrefix + job.id,
    jobId: job.id,
    if: job.if,
    ifWritten: job.ifWritten,
    needs,
    with: job.call!.with,
    inputs: model.call.inputs,
    secrets: job.call!.secrets,
    outputs: model.call.outputs,
    env: model.env,
    workflow: model.name ?? path,
  };
  return planWorkflowJobs(model, path, {
    ...scope,
    prefix: `${scope.prefix}${job.name && !job.name.includes('${{') ? job.name : job.id} / `,
    groupPrefix: `${scope.groupPrefix}${job.id}/`,
    chain: [...scope.chain, caller],
    extraNeeds: needs,
  });
}
