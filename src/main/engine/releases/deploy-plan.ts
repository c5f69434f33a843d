// Plans a deploy, promotion or rollback before anything is recorded: which commit and version, which
// pipeline with which params, what runs in the environment now, and whether it needs a worktree.
import type { Deployment, DeploymentKind } from '../../../shared/domain/release.ts';
import type { ParamValue } from '../../../shared/domain/run.ts';
import { badRequest, CockpitError } from '../../../shared/errors.ts';
import type { CockpitConfig, PipelineConfig } from '../config/index.ts';
import { readGitFacts } from '../kernel/git/git-facts.ts';
import { deploysTo } from './deploy-target.ts';
import { resolveVersion, sameVersion, versionOfCommit } from './git-versions.ts';
import { lifecycleOf, previousEnvironment } from './lifecycle.ts';
import type { Plan, ReleaseContext } from './release-context.ts';
import { createRollbackTargets } from './rollback-targets.ts';

export interface PlanRequest {
  projectId: number;
  environment: string;
  kind: DeploymentKind;
  version?: string;
  from?: string;
  pipeline?: string;
  params?: Record<string, ParamValue>;
  fix?: boolean;
}

export type DeployPlanner = ReturnType<typeof createDeployPlanner>;

export function createDeployPlanner(ctx: ReleaseContext) {
  const { repo } = ctx;

  /** The pipeline that deploys to `environment`, and the params that aim it there. */
  function deployPipeline(
    config: CockpitConfig,
    environment: string,
    requested: string | undefined,
    params: Record<string, ParamValue> = {},
  ): { name: string; pipeline: PipelineConfig; params: Record<string, ParamValue> } {
    const candidates = Object.entries(config.pipelines ?? {}).filter(([, pipeline]) =>
      deploysTo(pipeline, environment),
    );
    const chosen = requested ? candidates.filter(([name]) => name === requested) : candidates;
    if (chosen.length === 0) {
      throw new CockpitError(
        'NOT_FOUND',
        requested
          ? `Pipeline "${requested}" does not deploy to "${environment}".`
          : `No pipeline deploys to "${environment}": give one \`deploy: { environment: ${environment} }\` in cockpit.yml.`,
        { environment },
      );
    }
    if (chosen.length > 1) {
      throw badRequest(
        `Several pipelines deploy to "${environment}" (${chosen.map(([name]) => name).join(', ')}): choose one.`,
        [{ path: 'pipeline', message: `choose one of ${chosen.map(([name]) => name).join(', ')}` }],
        { pipelines: chosen.map(([name]) => name) },
      );
    }
    const [name, pipeline] = chosen[0]!;
    const deploy = pipeline.deploy!;
    const aimed =
      'environment_param' in deploy ? { ...params, [deploy.environment_param]: environment } : params;
    return { name, pipeline, params: aimed };
  }

  /** The commit an environment runs: its last successful deployment, unless it reports another version. */
  async function currentCommitOf(projectId: number, path: string, environment: string) {
    const recorded = repo.succeeded(projectId, environment, 1)[0] ?? null;
    const reported = ctx.monitored(projectId, environment)?.version ?? null;
    if (reported && !(recorded && sameVersion(reported, recorded.version))) {
      const commit = await resolveVersion(path, reported);
      // Named like recorded versions (the tag, "v1.0.0"), not as reported ("1.0.0").
      if (commit) return { commit, version: await versionOfCommit(path, commit), recorded };
    }
    return recorded
      ? { commit: recorded.commit, version: recorded.version, recorded }
      : { commit: null, version: reported, recorded };
  }

  async function commitOf(path: string, text: string): Promise<string> {
    const commit = await resolveVersion(path, text);
    if (!commit) {
      throw new CockpitError('NOT_FOUND', `"${text}" is not a tag, branch, commit or version in ${path}.`, {
        version: text,
      });
    }
    return commit;
  }

  /** A promotion ships what was verified in the environment before (or what it reports running). */
  async function promotedCommit(request: PlanRequest, path: string, config: CockpitConfig) {
    const from = request.from ?? previousEnvironment(lifecycleOf(config), request.environment);
    if (!from)
      throw badRequest(`Nothing comes before "${request.environment}" in the lifecycle.`, [
        { path: 'environment', message: 'first in the lifecycle' },
      ]);
    ctx.environmentIn(config, from);
    const verified = repo
      .succeeded(request.projectId, from)
      .find((deployment) => deployment.verification !== 'not_verified');
    const reported = ctx.monitored(request.projectId, from)?.version ?? null;
    if (verified && (!reported || sameVersion(reported, verified.version))) {
      return { commit: verified.commit, from };
    }
    const resolved = reported ? await resolveVersion(path, reported) : null;
    if (resolved) return { commit: resolved, from };
    if (verified) return { commit: verified.commit, from };
    throw new CockpitError(
      'CONFLICT',
      `There is no verified version in "${from}" to promote: deploy there first${reported ? ` (it reports ${reported}, which is no tag or commit here)` : ''}.`,
    );
  }

  const rollbacks = createRollbackTargets(ctx, currentCommitOf);

  return {
    commitOf,
    /** What an environment can be rolled back to, newest first (the previous one marked). */
    rollbackTargets: rollbacks.targets,

    async plan(request: PlanRequest): Promise<Plan> {
      const { project, config } = ctx.configOf(request.projectId);
      const environment = ctx.environmentIn(config, request.environment);
      const git = await readGitFacts(project.path);
      if (!git?.headSha) {
        throw new CockpitError(
          'CONFLICT',
          `${project.path} is not a git repository with commits; deploys need one.`,
        );
      }
      let commit: string;
      let sourceEnvironment: string | null = null;
      if (request.kind === 'promote') {
        const promoted = await promotedCommit(request, project.path, config);
        commit = promoted.commit;
        sourceEnvironment = promoted.from;
      } else if (request.kind === 'rollback') {
        commit = await rollbacks.commitFor(request.projectId, request.environment, request.version);
      } else {
        commit = request.version ? await commitOf(project.path, request.version) : git.headSha;
      }
      const chosen = deployPipeline(config, request.environment, request.pipeline, request.params);
      const current = await currentCommitOf(request.projectId, project.path, request.environment);
      return {
        projectId: request.projectId,
        projectPath: project.path,
        config,
        environment,
        kind: request.kind,
        version: await versionOfCommit(project.path, commit),
        commit,
        pipeline: chosen.name,
        pipelineConfig: chosen.pipeline,
        params: chosen.params,
        sourceEnvironment,
        previousVersion: current.version,
        currentCommit: current.commit,
        inWorktree: commit !== git.headSha || git.dirty,
        fix: request.fix ?? false,
      };
    },

    /** The plan of a recorded deployment, for gates evaluated again later. */
    async replan(deployment: Deployment, config: CockpitConfig): Promise<Plan> {
      const project = ctx.deps.project(deployment.projectId);
      const git = await readGitFacts(project.path);
      const pipeline = config.pipelines?.[deployment.pipeline];
      if (!pipeline)
        throw new CockpitError(
          'NOT_FOUND',
          `cockpit.yml no longer has the pipeline "${deployment.pipeline}".`,
        );
      return {
        projectId: deployment.projectId,
        projectPath: project.path,
        config,
        environment: ctx.environmentIn(config, deployment.environment),
        kind: deployment.kind,
        version: deployment.version,
        commit: deployment.commit,
        pipeline: deployment.pipeline,
        pipelineConfig: pipeline,
        params: deployment.params,
        sourceEnvironment: deployment.sourceEnvironment,
        previousVersion: deployment.previousVersion,
        currentCommit: null,
        inWorktree: deployment.commit !== git?.headSha || (git?.dirty ?? true),
        fix: deployment.fix,
      };
    },
  };
}

export { rolledBackCommits } from './rollback-targets.ts';
