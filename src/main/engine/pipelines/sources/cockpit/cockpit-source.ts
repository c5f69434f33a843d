// cockpit.yml as a pipeline source: its pipelines as discovered, each compiled into the run plan
// (one step per job, the job's `run` as the script), and its `if: success|failure|always` rule.
import {
  type CockpitConfig,
  CONFIG_FILE_NAME,
  type ConfigResult,
  loadConfig,
  parseConfig,
  type PipelineConfig,
  requireConfig,
  type TriggerConfig,
} from '../../../config/index.ts';
import { CockpitError } from '../../../../../shared/errors.ts';
import { contentHash } from '../project-files.ts';
import { chooseJobs } from '../select-jobs.ts';
import type { DiscoveredPipeline, PipelineSource, PlanJob, ProjectFiles, RunPlan } from '../types.ts';
import { cockpitRuntime } from './cockpit-runtime.ts';

/** Files read from a commit say so: problems then name `<sha>:cockpit.yml` as before. */
export interface CommitFiles extends ProjectFiles {
  commit?: string;
}

export function readCockpitConfig(files: CommitFiles): { result: ConfigResult; text: string | null } {
  const text = files.read(CONFIG_FILE_NAME);
  if (files.commit === undefined) return { result: loadConfig(files.root), text };
  if (text === null) return { result: { status: 'missing', problems: [] }, text };
  return { result: parseConfig(text, `${files.commit.slice(0, 12)}:${CONFIG_FILE_NAME}`), text };
}

/** The config, or CONFIG_MISSING / CONFIG_INVALID as clients have always seen them. */
export function requireCockpitConfig(files: CommitFiles): CockpitConfig {
  const { result } = readCockpitConfig(files);
  if (files.commit !== undefined && result.status === 'missing') {
    throw new CockpitError(
      'CONFIG_MISSING',
      `${files.root} has no cockpit.yml at commit ${files.commit.slice(0, 12)}.`,
      { path: files.root, commit: files.commit },
    );
  }
  return requireConfig(result, files.root);
}

export const cockpitSource: PipelineSource = {
  kind: 'cockpit',
  discover(files) {
    return Promise.resolve(discoverIn(files));
  },
  compile(files, discovered, request) {
    const config = requireCockpitConfig(files);
    const pipeline = config.pipelines?.[discovered.name];
    if (!pipeline || !Object.hasOwn(config.pipelines!, discovered.name)) {
      throw new CockpitError('NOT_FOUND', `There is no pipeline "${discovered.name}" in cockpit.yml.`);
    }
    return Promise.resolve(compilePipeline(discovered.name, pipeline, discovered.contentHash, request));
  },
  runtime: () => Promise.resolve(cockpitRuntime),
};

function discoverIn(files: ProjectFiles): DiscoveredPipeline[] {
  const { result, text } = readCockpitConfig(files);
  if (result.status === 'missing') return [];
  const hash = contentHash(text ?? '');
  if (result.status === 'invalid') {
    // The file's pipelines cannot be known; one entry carries its problems.
    return [
      {
        ...emptyPipeline(CONFIG_FILE_NAME, hash),
        problems: result.problems,
      },
    ];
  }
  return Object.entries(result.config.pipelines ?? {}).map(([name, pipeline]) =>
    describe(name, pipeline, hash),
  );
}

function emptyPipeline(name: string, hash: string): DiscoveredPipeline {
  return {
    name,
    source: 'cockpit',
    file: CONFIG_FILE_NAME,
    contentHash: hash,
    description: null,
    params: {},
    jobs: [],
    triggers: [],
    concurrency: null,
    problems: [],
  };
}

function describe(name: string, pipeline: PipelineConfig, hash: string): DiscoveredPipeline {
  return {
    ...emptyPipeline(name, hash),
    description: pipeline.description ?? null,
    params: pipeline.params ?? {},
    jobs: Object.entries(pipeline.jobs).map(([job, def]) => ({
      name: job,
      needs: def.needs ?? [],
      description: def.description ?? null,
    })),
    triggers: (pipeline.triggers ?? ['manual']).map(describeTrigger),
    concurrency: pipeline.concurrency ?? null,
  };
}

/** A cockpit.yml pipeline as a plan: each job one step, named after the job. */
export function compilePipeline(
  name: string,
  pipeline: PipelineConfig,
  hash: string,
  request: { jobs?: string[]; withNeeds: boolean },
): RunPlan {
  const all: PlanJob[] = Object.entries(pipeline.jobs).map(([id, job]) => ({
    id,
    group: id,
    needs: job.needs ?? [],
    description: job.description ?? null,
    location: null,
    when: 'auto',
    skip: null,
    condition: job.if && job.if !== 'success' ? `if: ${job.if}` : null,
    continueOnError: job.continue_on_error ?? false,
    timeoutMs: null,
    retry: job.retry ? { count: job.retry.count, onExitCodes: job.retry.on_exit_codes ?? null } : null,
    workingDirectory: job.working_directory ?? null,
    env: job.env ?? {},
    secrets: job.secrets ?? [],
    artifacts: job.artifacts ?? [],
    steps: [
      {
        key: 'run',
        name: id,
        script: typeof job.run === 'string' ? job.run : job.run.join('\n'),
        shell: job.shell ?? 'bash',
        echo: true,
        env: {},
        workingDirectory: null,
        continueOnError: false,
        timeoutMs: job.timeout ?? null,
        location: null,
      },
    ],
    notes: [],
    data: { if: job.if ?? 'success' },
  }));
  const jobs = chooseJobs(name, all, request.jobs, request.withNeeds);
  return {
    planVersion: 1,
    pipeline: name,
    source: { kind: 'cockpit', file: CONFIG_FILE_NAME, contentHash: hash },
    description: pipeline.description ?? null,
    concurrency: pipeline.concurrency ?? null,
    maxParallel: {},
    env: pipeline.env ?? {},
    params: pipeline.params ?? {},
    event: null,
    jobs,
  };
}

export function describeTrigger(trigger: TriggerConfig): string {
  if (trigger === 'manual') return 'manual';
  if ('commit' in trigger) return `commit to ${trigger.commit.branch}`;
  return `cron ${trigger.cron}`;
}
