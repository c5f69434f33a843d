// Reading .gitlab-ci.yml into the pipeline it defines, and planning a run of it. gitlab-source.ts
// loads this module the first time a project has the file.
import { join } from 'node:path';
import { findCycle } from '../../../kernel/job-graph.ts';
import { contentHash } from '../project-files.ts';
import { chooseJobs } from '../select-jobs.ts';
import type { DiscoveredPipeline, CompileRequest, ProjectFiles, RunPlan } from '../types.ts';
import { readGitlabGit } from './gitlab-git.ts';
import type { GitlabJob, GitlabModel } from './gitlab-model-types.ts';
import { parseGitlab } from './gitlab-model.ts';
import { planGitlab } from './gitlab-plan.ts';
import { GITLAB_FILE, GITLAB_PIPELINE } from './gitlab-source.ts';

/** Parsed files by text (the pipelines view lists often; parsing is what costs). */
const parsed = new Map<string, ReturnType<typeof parseGitlab>>();

function load(
  files: ProjectFiles,
  text = files.read(GITLAB_FILE),
): { text: string; result: ReturnType<typeof parseGitlab> } | null {
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

/** The pipeline .gitlab-ci.yml defines; `text` is that file, already read. */
export function discoverGitlab(files: ProjectFiles, text: string): DiscoveredPipeline[] {
  const loaded = load(files, text);
  if (!loaded) return [];
  const { model, problems } = loaded.result;
  return [
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
  ];
}

export async function compileGitlab(
  files: ProjectFiles,
  discovered: DiscoveredPipeline,
  request: CompileRequest,
): Promise<RunPlan> {
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
}

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
