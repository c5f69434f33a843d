// .gitlab-ci.yml as a pipeline source, named `gitlab`: jobs in stage order (a job without `needs`
// waits for every job of the earlier stages), each job two steps — before_script + script in one
// shell, then after_script — and `when: manual` jobs waiting to be played.
import { join } from 'node:path';
import { findCycle } from '../../../kernel/job-graph.ts';
import { contentHash } from '../project-files.ts';
import { chooseJobs } from '../select-jobs.ts';
import type { DiscoveredPipeline, PipelineSource, ProjectFiles, RunPlan } from '../types.ts';
import { readGitlabGit } from './gitlab-git.ts';
import type { GitlabJob, GitlabModel } from './gitlab-model-types.ts';
import { parseGitlab } from './gitlab-model.ts';
import { planGitlab } from './gitlab-plan.ts';
import { gitlabRuntime } from './gitlab-runtime.ts';

export const GITLAB_FILE = '.gitlab-ci.yml';
export const GITLAB_PIPELINE = 'gitlab';

/** Parsed files by text (the pipelines view lists often; parsing is what costs). */
const parsed = new Map<string, ReturnType<typeof parseGitlab>>();

function load(files: ProjectFiles): { text: string; result: ReturnType<typeof parseGitlab> } | null {
  const text = files.read(GITLAB_FILE);
  if (text === null) return null;
  // Included files may change without this one changing: a file with includes is read anew.
  const key = /\binclude\s*:/.test(text) ? null : `${files.root}\0${text}`;
  let result = key === null ? undefined : parsed.get(key);
  if (!result) {
    result = parseGitlab(files, GITLAB_FILE);
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
    if (key !== null) parsed.set(key, result);
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
  async compile(files, discovered, request): Promise<RunPlan> {
    const model = load(files)?.result.model;
    if (!model) throw new Error(`${GITLAB_FILE} changed while the run was being planned; try again.`);
    const commit = (files as ProjectFiles & { commit?: string }).commit ?? null;
    const git = await readGitlabGit(files.root, commit);
    const { env, jobs } = planGitlab(model, files.root, git);
    return {
      planVersion: 1,
      pipeline: discovered.name,
      source: { kind: 'gitlab', file: GITLAB_FILE, contentHash: discovered.contentHash },
      description: null,
      concurrency: null,
      maxParallel: {},
      env,
      params: {},
      event: null,
      jobs: chooseJobs(discovered.name, jobs, request.jobs, request.withNeeds),
    };
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
    needs:
      job.needs?.map((need) => need.job) ??
      model.jobs.filter((other) => order(other) < order(job)).map((other) => other.name),
  }));
}
