// GitHub workflows as pipeline sources: `.github/workflows/<stem>.yml|yaml` is the pipeline
// `github/<stem>`. Parsed with GitHub's own parser; a matrix job becomes one plan job per
// combination (`test (20, linux)`), sharing its group for `needs` and `max-parallel`.
import { join } from 'node:path';
import { CockpitError } from '../../../../../shared/errors.ts';
import { contentHash } from '../project-files.ts';
import { chooseJobs } from '../select-jobs.ts';
import type {
  DiscoveredPipeline,
  PipelineSource,
  PlanJob,
  PlanStep,
  ProjectFiles,
  RunPlan,
} from '../types.ts';
import type { GithubJobData, GithubPlanData } from './github-runtime.ts';
import { readWorkflow, type WorkflowJob, type WorkflowModel } from './github-workflow.ts';
import { readGithubEvent } from './github-event.ts';
import { expandMatrix, type MatrixValue } from './matrix.ts';
import { planSteps, type ActionFrame } from './step-plan.ts';
import { filterVerdict } from './trigger-filters.ts';

export const WORKFLOWS_DIR = '.github/workflows';
export const GITHUB_PREFIX = 'github/';

const parsed = new Map<string, Promise<Awaited<ReturnType<typeof readWorkflow>>>>();

function workflowFiles(files: ProjectFiles): { file: string; stem: string }[] {
  return files
    .list(WORKFLOWS_DIR)
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => ({ file: `${WORKFLOWS_DIR}/${name}`, stem: name.replace(/\.ya?ml$/, '') }));
}

function read(files: ProjectFiles, file: string, text: string) {
  const key = `${files.root}\0${file}\0${text}`;
  let result = parsed.get(key);
  if (!result) {
    if (parsed.size > 200) parsed.clear();
    result = readWorkflow(text, join(files.root, file), file);
    parsed.set(key, result);
  }
  return result;
}

export const githubSource: PipelineSource = {
  kind: 'github',
  async discover(files) {
    const found: DiscoveredPipeline[] = [];
    for (const { file, stem } of workflowFiles(files)) {
      const text = files.read(file);
      if (text === null) continue;
      const { model, problems } = await read(files, file, text);
      found.push({
        name: `${GITHUB_PREFIX}${stem}`,
        source: 'github',
        file,
        contentHash: contentHash(text),
        description: model?.name ?? null,
        params: model?.inputs ?? {},
        jobs: (model?.jobs ?? []).map((job) => ({ name: job.id, needs: job.needs, description: job.name })),
        triggers: model?.events ?? [],
        concurrency: null,
        problems,
      });
    }
    return found;
  },
  async compile(files, discovered, request): Promise<RunPlan> {
    const text = files.read(discovered.file);
    const model = text === null ? null : (await read(files, discovered.file, text)).model;
    if (!model)
      throw new CockpitError(
        'CONFIG_INVALID',
        `${discovered.file} changed while the run was being planned; try again.`,
      );
    const event = request.event ?? defaultEvent(model);
    if (!model.events.includes(event)) {
      throw new CockpitError(
        'BAD_REQUEST',
        `${discovered.name} does not run on "${event}" (on: ${model.events.join(', ')}).`,
        { event, events: model.events },
      );
    }
    const { resolveJsonTemplate, evaluateTemplate } = await import('./expressions.ts');
    const inputs =
      event === 'workflow_dispatch' || event === 'workflow_call' ? inputValues(model, request.params) : {};
    const trigger = await readGithubEvent({
      root: files.root,
      event,
      commit: (files as { commit?: string }).commit ?? null,
      inputs,
      filters: model.filters[event],
      crons: model.crons,
    });
    // A run the event's filters would not start is recorded with every job skipped, saying why.
    const filtered = filterVerdict(event, model.filters[event], trigger.facts);
    const planContexts = {
      github: {
        event_name: event,
        event: trigger.payload,
        ref: trigger.ref,
        ref_name: trigger.refName,
        sha: trigger.sha,
        head_ref: trigger.headRef,
        base_ref: trigger.baseRef,
      },
      inputs,
      vars: {},
    };
    // Each job's combinations with their names, unique in the run (a name used twice gets its id).
    const taken = new Set<string>();
    const expanded = new Map(
      model.jobs.map((job) => {
        const combinations = expand(job, discovered.file, (value) =>
          resolveJsonTemplate(value, planContexts),
        );
        return [
          job.id,
          combinations.map((matrix, index) => {
            let id = displayName(job, matrix, (template) =>
              evaluateTemplate(template, {
                ...planContexts,
                matrix,
                strategy: { 'job-index': index, 'job-total': combinations.length },
              }),
            );
            if (taken.has(id)) id = `${id} [${job.id}]`;
            taken.add(id);
            return { id, matrix };
          }),
        ] as const;
      }),
    );
    const lookup = { files, dataDir: request.dataDir ?? null };
    const stepPlans = new Map<string, Awaited<ReturnType<typeof planSteps>>>();
    for (const job of model.jobs) stepPlans.set(job.id, await planSteps(job.steps, job.defaults, lookup));
    const jobs: PlanJob[] = model.jobs.flatMap((job) => {
      const combinations = expanded.get(job.id)!;
      const failFast =
        typeof job.failFast === 'string'
          ? evaluateTemplate(job.failFast, planContexts) !== 'false'
          : job.failFast;
      return combinations.map(({ id, matrix }, index) =>
        planJob(
          job,
          id,
          matrix,
          job.needs.flatMap((need) => expanded.get(need)?.map((e) => e.id) ?? []),
          { index, total: combinations.length, failFast: failFast && job.matrix !== null },
          stepPlans.get(job.id)!,
        ),
      );
    });
    if (filtered) for (const planned of jobs) planned.skip = filtered;
    const workflowSecrets = secretsReadBy(model.env);
    for (const planned of jobs)
      planned.secretsRead = [...new Set([...(planned.secretsRead ?? []), ...workflowSecrets])];
    const data: GithubPlanData = {
      env: model.env,
      workflow: model.name ?? discovered.name,
      event,
      trigger: {
        ref: trigger.ref,
        refName: trigger.refName,
        refType: trigger.refType,
        headRef: trigger.headRef,
        baseRef: trigger.baseRef,
        payload: trigger.payload,
        repository: trigger.repository,
        owner: trigger.owner,
      },
      skipUnavailableActions: request.skipUnavailableActions === true,
    };
    return {
      planVersion: 1,
      pipeline: discovered.name,
      source: { kind: 'github', file: discovered.file, contentHash: discovered.contentHash },
      description: model.name,
      concurrency: null,
      maxParallel: Object.fromEntries(
        model.jobs.filter((job) => job.maxParallel !== null).map((job) => [job.id, job.maxParallel!]),
      ),
      env: {},
      // Inputs are workflow_dispatch's (and workflow_call's): other events have none.
      params: event === 'workflow_dispatch' || event === 'workflow_call' ? model.inputs : {},
      event,
      jobs: chooseJobs(discovered.name, jobs, request.jobs, request.withNeeds),
      data,
    };
  },
  // GitHub's evaluator is loaded only when a workflow runs, not with every cockpit command.
  runtime: async (plan) => (await import('./github-runtime.ts')).githubRuntime(plan),
};

function defaultEvent(model: WorkflowModel): string {
  if (model.events.includes('push')) return 'push';
  if (model.events.includes('workflow_dispatch')) return 'workflow_dispatch';
  return model.events[0] ?? 'push';
}

/** The matrix combinations of a job ([{}] without a matrix), in the order GitHub lists them. */
function expand(
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

/** The inputs as the workflow sees them: what was given, else the input's default. */
function inputValues(model: WorkflowModel, given: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, input] of Object.entries(model.inputs)) {
    values[name] = given[name] ?? input.default ?? (input.type === 'boolean' ? false : '');
  }
  return values;
}

function displayName(
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

function planJob(
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
