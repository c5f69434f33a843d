// GitHub workflows as pipeline sources: `.github/workflows/<stem>.yml|yaml` is the pipeline
// `github/<stem>`. Parsed with GitHub's own parser; a matrix job becomes one plan job per
// combination (`test (20, linux)`), sharing its group for `needs` and `max-parallel`
// (workflow-job-plan.ts plans the jobs, plan-job.ts each one).
import { join } from 'node:path';
import { badRequest, CockpitError } from '../../../../../shared/errors.ts';
import { contentHash } from '../project-files.ts';
import { chooseJobs } from '../select-jobs.ts';
import type { DiscoveredPipeline, PipelineSource, PlanJob, ProjectFiles, RunPlan } from '../types.ts';
import type { GithubJobData, GithubPlanData } from './github-plan-data.ts';
import { readWorkflow } from './github-workflow.ts';
import type { WorkflowModel } from './workflow-model.ts';
import { readGithubEvent } from './github-event.ts';
import { secretsReadBy } from './plan-job.ts';
import { filterVerdict } from './trigger-filters.ts';
import { planWorkflowJobs } from './workflow-job-plan.ts';

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

function defaultEvent(model: WorkflowModel): string {
  if (model.events.includes('push')) return 'push';
  if (model.events.includes('workflow_dispatch')) return 'workflow_dispatch';
  return model.events[0] ?? 'push';
}

/** The inputs as the workflow sees them: what was given, else the input's default. */
function inputValues(model: WorkflowModel, given: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, input] of Object.entries(model.inputs)) {
    values[name] = given[name] ?? input.default ?? (input.type === 'boolean' ? false : '');
  }
  return values;
}
