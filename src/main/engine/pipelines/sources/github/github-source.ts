// GitHub workflows as pipeline sources: `.github/workflows/<stem>.yml|yaml` is the pipeline
// `github/<stem>`. Parsed with GitHub's own parser; a matrix job becomes one plan job per
// combination (`test (20, linux)`), sharing its group for `needs` and `max-parallel`.
import { join } from 'node:path';
import { badRequest, CockpitError } from '../../../../../shared/errors.ts';
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
import type { CallerData, GithubJobData, GithubPlanData } from './github-plan-data.ts';
import { readWorkflow } from './github-workflow.ts';
import type { WorkflowJob, WorkflowModel } from './workflow-model.ts';
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
      throw badRequest(
        `${discovered.name} does not run on "${event}" (on: ${model.events.join(', ')}).`,
        [{ path: 'event', message: `one of ${model.events.join(', ')}` }],
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
    const lookup = { files, dataDir: request.dataDir ?? null };
    const taken = new Set<string>();
    const maxParallel: Record<string, number> = {};
    const jobs = await planWorkflowJobs(model, discovered.file, {
      prefix: '',
      groupPrefix: '',
      chain: [],
      extraNeeds: [],
      planContexts,
      taken,
      maxParallel,
      lookup,
      read: (file, text) => read(files, file, text),
      resolveJsonTemplate,
      evaluateTemplate,
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
      maxParallel,
      env: {},
      // Inputs are workflow_dispatch's (and workflow_call's): other events have none.
      params: event === 'workflow_dispatch' || event === 'workflow_call' ? model.inputs : {},
      event,
      jobs: chooseJobs(discovered.name, jobs, callsAsJobs(jobs, request.jobs), request.withNeeds),
      data,
    };
  },
  // GitHub's evaluator is loaded only when a workflow runs, not with every cockpit command.
  runtime: async (plan) => (await import('./github-runtime.ts')).githubRuntime(plan),
};

/** `--job deploy`, where deploy calls a reusable workflow, selects the jobs of that call. */
function callsAsJobs(jobs: PlanJob[], asked: string[] | undefined): string[] | undefined {
  if (!asked) return asked;
  return asked.flatMap((name) => {
    const inner = jobs.filter((job) => (job.data as GithubJobData).callers?.[0]?.jobId === name);
    return inner.length > 0 && !jobs.some((job) => job.group === name) ? inner.map((job) => job.id) : [name];
  });
}

interface WorkflowScope {
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
async function planWorkflowJobs(
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
    const combinations = expand(job, file, (value) => scope.resolveJsonTemplate(value, planContexts));
    const named = combinations.map((matrix, index) => {
      let id =
        scope.prefix +
        displayName(job, matrix, (template) =>
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
