// The project's pipelines as the Pipelines page lists them: their source, problems, params, job graph,
// triggers, concurrency and how their recent runs went.
import { availableParallelism } from 'node:os';
import type { PipelineInfo } from '../../../shared/domain/run.ts';
import { planWaves } from '../kernel/job-graph.ts';
import { describeParams } from './params.ts';
import { median, type RunsRepo } from './runs-repo.ts';
import type { CommitFiles } from './sources/cockpit/cockpit-source.ts';
import { workingTreeFiles } from './sources/project-files.ts';
import type { DiscoveredPipeline } from './sources/types.ts';

export interface PipelineListDeps {
  repo: RunsRepo;
  maxParallel?: number;
  projectPath(projectId: number): string;
  pipelinesIn(files: CommitFiles): Promise<DiscoveredPipeline[]>;
}

/** How many recent runs each pipeline shows. */
const RECENT_RUNS = 10;

export async function listPipelines(deps: PipelineListDeps, projectId: number): Promise<PipelineInfo[]> {
  const { repo } = deps;
  const files = workingTreeFiles(deps.projectPath(projectId));
  return (await deps.pipelinesIn(files)).map((pipeline) => {
    const recent = pipeline.problems.length ? [] : repo.recent(projectId, pipeline.name, RECENT_RUNS);
    const durations = recent
      .filter((run) => run.status === 'success' && run.startedAt !== null && run.finishedAt !== null)
      .map((run) => run.finishedAt! - run.startedAt!);
    return {
      name: pipeline.name,
      source: { kind: pipeline.source, file: pipeline.file, contentHash: pipeline.contentHash },
      problems: pipeline.problems,
      description: pipeline.description,
      params: describeParams(pipeline.params),
      jobs: pipeline.jobs,
      waves: planWaves(Object.fromEntries(pipeline.jobs.map((job) => [job.name, { needs: job.needs }]))),
      triggers: pipeline.triggers,
      concurrency: pipeline.concurrency ?? deps.maxParallel ?? availableParallelism(),
      lastRun: recent[0] ?? null,
      recentRuns: recent.map((run) => ({
        id: run.id,
        status: run.status,
        durationMs: run.startedAt !== null && run.finishedAt !== null ? run.finishedAt - run.startedAt : null,
      })),
      medianDurationMs: durations.length ? median(durations) : null,
    };
  });
}
