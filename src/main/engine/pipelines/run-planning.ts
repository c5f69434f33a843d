// Turns a run request into the plan its source compiles — from the project folder as it is, or from
// a commit — and checks everything a run needs before it starts (params, secrets). A run and a dry
// run (`cockpit run --dry-run`) both go through `prepare`.
import type { PlanPreviewInfo } from '../../../shared/domain/run.ts';
import { badRequest, CockpitError } from '../../../shared/errors.ts';
import { CONFIG_FILE_NAME } from '../config/index.ts';
import { runGit } from '../kernel/git/run-git.ts';
import { planWaves } from '../kernel/job-graph.ts';
import { resolveParams } from './params.ts';
import type { CommitCheckout, SecretSource } from './run-executor.ts';
import type { StartRunRequest } from './run-request.ts';
import { requireCockpitConfig, type CommitFiles } from './sources/cockpit/cockpit-source.ts';
import { WORKFLOWS_DIR } from './sources/github/github-source.ts';
import { GITLAB_FILE } from './sources/gitlab/gitlab-source.ts';
import { discoverPipelines, findPipeline, hasForeignPipelineFiles, sourceOf } from './sources/index.ts';
import { commitFiles, workingTreeFiles } from './sources/project-files.ts';
import type { DiscoveredPipeline, RunPlan } from './sources/types.ts';

/** What `--dry-run` and the Run dialog show: the jobs a run would execute, and why some would not. */
export type PlanPreview = PlanPreviewInfo;

export interface RunPlanningDeps {
  dataDir: string;
  secrets: SecretSource;
  projectPath(projectId: number): string;
}

export type PlanRequest = Pick<
  StartRunRequest,
  'projectId' | 'pipeline' | 'jobs' | 'withNeeds' | 'event' | 'params' | 'commit' | 'skipUnavailableActions'
>;

export type RunPlanning = ReturnType<typeof createRunPlanning>;

export function createRunPlanning(deps: RunPlanningDeps) {
  /** The project's pipelines; without any CI file but cockpit.yml, cockpit.yml's errors as ever. */
  async function pipelinesIn(files: CommitFiles): Promise<DiscoveredPipeline[]> {
    if (!hasForeignPipelineFiles(files)) requireCockpitConfig(files);
    return discoverPipelines(files);
  }

  async function planFor(
    request: PlanRequest,
  ): Promise<{ plan: RunPlan; path: string; checkout: CommitCheckout | null }> {
    const path = deps.projectPath(request.projectId);
    const { files, checkout } = request.commit
      ? await filesAt(path, request.commit)
      : { files: workingTreeFiles(path) as CommitFiles, checkout: null };
    const discovered = findPipeline(await pipelinesIn(files), request.pipeline, path);
    const plan = await sourceOf(discovered.source).compile(files, discovered, {
      event: request.event,
      params: request.params ?? {},
      jobs: request.jobs,
      withNeeds: request.withNeeds ?? false,
      dataDir: deps.dataDir,
      skipUnavailableActions: request.skipUnavailableActions,
    });
    return { plan, path, checkout };
  }

  /**
   * Everything a run checks before it starts — the plan, its params, the secrets its jobs need — the
   * one function both a run and a dry run (`cockpit run --dry-run`) go through.
   */
  async function prepare(request: PlanRequest) {
    const { plan, path, checkout } = await planFor(request);
    const params = resolveParams(request.pipeline, plan.params, request.params);
    // Secrets are checked before anything starts, so a missing one fails fast with its name.
    const secretNames = [...new Set(plan.jobs.flatMap((job) => job.secrets))];
    if (secretNames.length > 0) deps.secrets.resolve(request.projectId, secretNames);
    return { plan, path, checkout, params };
  }

  /** A dry run: checked exactly as a run would be (params, jobs, secrets), nothing started. */
  async function preview(request: PlanRequest): Promise<PlanPreview> {
    const { plan, params } = await prepare(request);
    return {
      params: params.values,
      source: plan.source,
      event: plan.event,
      waves: planWaves(Object.fromEntries(plan.jobs.map((job) => [job.id, { needs: job.needs }]))),
      jobs: plan.jobs.map((job) => ({
        id: job.id,
        group: job.group,
        needs: job.needs,
        when: job.when,
        skip: job.skip,
        condition: job.condition,
        steps: job.steps.map((step) => step.name),
        location: job.location,
      })),
    };
  }

  return { pipelinesIn, prepare, preview };
}

/** A commit's pipeline files, and where the project sits in its repository. */
async function filesAt(path: string, sha: string): Promise<{ files: CommitFiles; checkout: CommitCheckout }> {
  if (!/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(sha)) {
    throw badRequest(
      `"${sha}" is not a full commit sha.`,
      [{ path: 'commit', message: 'not a full commit sha' }],
      {
        commit: sha,
      },
    );
  }
  const commit = await runGit(path, ['rev-parse', '--verify', '--quiet', `${sha}^{commit}`]);
  if (commit.failed) {
    throw new CockpitError('NOT_FOUND', `There is no commit ${sha} in ${path}.`, { commit: sha });
  }
  const prefix = await runGit(path, ['rev-parse', '--show-prefix']);
  if (prefix.failed) {
    throw new CockpitError('INTERNAL', `Cannot locate ${path} in its repository: ${prefix.stderr}`);
  }
  const files = await commitFiles(path, sha, [CONFIG_FILE_NAME, GITLAB_FILE], [WORKFLOWS_DIR]);
  return { files: { ...files, commit: sha }, checkout: { sha, prefix: String(prefix.stdout).trim() } };
}
