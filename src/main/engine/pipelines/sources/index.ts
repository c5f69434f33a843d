// The pipeline sources the cockpit knows, and the questions asked of all of them at once: which
// pipelines a project has (with the problems of files that do not parse), and which one a name means.
import { CockpitError } from '../../../../shared/errors.ts';
import { ciFilesIn } from './ci-files.ts';
import { cockpitSource } from './cockpit/cockpit-source.ts';
import { githubSource } from './github/github-source.ts';
import { gitlabSource } from './gitlab/gitlab-source.ts';
import type { DiscoveredPipeline, PipelineSource, ProjectFiles, SourceKind } from './types.ts';

export const pipelineSources: readonly PipelineSource[] = [cockpitSource, githubSource, gitlabSource];

export function sourceOf(kind: SourceKind): PipelineSource {
  return pipelineSources.find((source) => source.kind === kind)!;
}

/** Every pipeline of the project, cockpit.yml's first. A source that throws becomes a problem. */
export async function discoverPipelines(files: ProjectFiles): Promise<DiscoveredPipeline[]> {
  const found = await Promise.all(
    pipelineSources.map(async (source): Promise<DiscoveredPipeline[]> => {
      try {
        return await source.discover(files);
      } catch (error) {
        return [
          {
            name: source.kind,
            source: source.kind,
            file: '',
            contentHash: '',
            description: null,
            params: {},
            jobs: [],
            triggers: [],
            concurrency: null,
            problems: [
              { file: files.root, line: 1, col: 1, message: (error as Error)?.message ?? String(error) },
            ],
          },
        ];
      }
    }),
  );
  return found.flat();
}

/** Whether the project has any CI file besides cockpit.yml (then it is a project without one). */
export function hasForeignPipelineFiles(files: ProjectFiles): boolean {
  return ciFilesIn(files).length > 0;
}

export function findPipeline(
  pipelines: DiscoveredPipeline[],
  name: string,
  where: string,
): DiscoveredPipeline {
  const found = pipelines.find((pipeline) => pipeline.name === name && pipeline.problems.length === 0);
  if (found) return found;
  const broken = pipelines.find((pipeline) => pipeline.name === name);
  if (broken) {
    const listing = broken.problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.message}`).join('\n');
    throw new CockpitError('CONFIG_INVALID', `${broken.file} has problems:\n${listing}`, {
      problems: broken.problems,
    });
  }
  const known = pipelines
    .filter((pipeline) => pipeline.problems.length === 0)
    .map((pipeline) => pipeline.name);
  throw new CockpitError(
    'NOT_FOUND',
    `There is no pipeline "${name}" in ${where}${known.length ? ` (pipelines: ${known.join(', ')})` : ''}.`,
    { pipeline: name, known },
  );
}
