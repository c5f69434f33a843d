// .gitlab-ci.yml as a pipeline source, named `gitlab`: jobs in stage order (a job without `needs`
// waits for every job of the earlier stages), each job two steps — before_script + script in one
// shell, then after_script — and `when: manual` jobs waiting to be played.
import { join } from 'node:path';
import { findCycle } from '../../planner.ts';
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
import { parseGitlab, type GitlabJob, type GitlabModel } from './gitlab-model.ts';
import { gitlabRuntime, type GitlabJobData } from './gitlab-runtime.ts';

export const GITLAB_FILE = '.gitlab-ci.yml';
export const GITLAB_PIPELINE = 'gitlab';

/** Parsed files by text (the pipelines view lists often; parsing is what costs). */
const parsed = new Map<string, ReturnType<typeof parseGitlab>>();

function load(files: ProjectFiles): { text: string; result: ReturnType<typeof parseGitlab> } | null {
  const text = files.read(GITLAB_FILE);
  if (text === null) return null;
  const key = `${files.root}\0${text}`;
  let result = parsed.get(key);
  if (!result) {
    result = parseGitlab(text, join(files.root, GITLAB_FILE), GITLAB_FILE);
    if (result.model) {
      const graph = Object.fromEntries(
        dependencies(result.model).map((job) => [job.id, { needs: job.needs }]),
      );
      const cycle = findCycle(graph);
      if (cycle) {
        const first = result.model.jobs.find((job) => job.name === cycle[0])!;
        result = {
          model: null,
          problems: [
            {
              file: join(files.root, GITLAB_FILE),
              line: first.location.line,
              col: first.location.col,
              message: `needs form a cycle: ${cycle.join(' → ')}`,
            },
          ],
        };
      }
    }
    if (parsed.size > 200) parsed.clear();
    parsed.set(key, result);
  }
  return { text, result };
}

export const gitlabSource: PipelineSource = {
  kind: 'gitlab',
  discover(files) {
    const loaded = load(files);
    if (!loaded) return Promise.resolve([]);
    const { model, problems } = loaded.result;
    return Promise.resolve([
      {
        name: GITLAB_PIPELINE,
        source: 'gitlab',
        file: GITLAB_FILE,
        contentHash: contentHash(loaded.text),
        description: null,
        params: {},
        jobs: model
          ? dependencies(model).map((job) => ({
              name: job.id,
              needs: job.needs,
              description: `stage ${job.stage}`,
            }))
          : [],
        triggers: ['manual'],
        concurrency: null,
        problems,
      } satisfies DiscoveredPipeline,
    ]);
  },
  compile(files, discovered, request): Promise<RunPlan> {
    const model = load(files)?.result.model;
    if (!model) throw new Error(`${GITLAB_FILE} changed while the run was being planned; try again.`);
    const byName = new Map(model.jobs.map((job) => [job.name, job]));
    const jobs = dependencies(model).map((entry) => planJob(byName.get(entry.id)!, entry.needs));
    return Promise.resolve({
      planVersion: 1,
      pipeline: discovered.name,
      source: { kind: 'gitlab', file: GITLAB_FILE, contentHash: discovered.contentHash },
      description: null,
      concurrency: null,
      maxParallel: {},
      env: model.variables,
      params: {},
      event: null,
      jobs: chooseJobs(discovered.name, jobs, request.jobs, request.withNeeds),
    });
  },
  runtime: () => Promise.resolve(gitlabRuntime()),
};

/** Each job with what it waits for: its `needs`, or else every job of the earlier stages. */
function dependencies(model: GitlabModel): { id: string; stage: string; needs: string[] }[] {
  const order = (job: GitlabJob) => model.stages.indexOf(job.stage);
  const sorted = [...model.jobs].sort((a, b) => order(a) - order(b));
  return sorted.map((job) => ({
    id: job.name,
    stage: job.stage,
    needs: job.needs ?? model.jobs.filter((other) => order(other) < order(job)).map((other) => other.name),
  }));
}

function planJob(job: GitlabJob, needs: string[]): PlanJob {
  const step = (key: string, name: string, lines: string[], continueOnError: boolean): PlanStep => ({
    key,
    name,
    script: lines.join('\n'),
    shell: 'bash',
    echo: true,
    env: {},
    workingDirectory: null,
    continueOnError,
    timeoutMs: null,
    location: job.location,
  });
  const steps = [step('script', 'script', [...job.beforeScript, ...job.script], false)];
  // after_script runs in a shell of its own, also after a failure; its failure does not fail the job.
  if (job.afterScript.length > 0) steps.push(step('after_script', 'after_script', job.afterScript, true));
  const data: GitlabJobData = { when: job.when, stage: job.stage };
  return {
    id: job.name,
    group: job.name,
    needs,
    description: `stage ${job.stage}`,
    location: job.location,
    when: job.when === 'manual' ? 'manual' : 'auto',
    skip: job.when === 'never' ? 'when: never' : null,
    condition: job.when === 'on_failure' || job.when === 'always' ? `when: ${job.when}` : null,
    continueOnError: job.allowFailure,
    timeoutMs: null,
    retry: null,
    workingDirectory: null,
    env: job.variables,
    secrets: [],
    artifacts: [],
    steps,
    notes: job.ignored.map((key) => `"${key}" is ignored: the job runs on this machine.`),
    data,
  };
}
