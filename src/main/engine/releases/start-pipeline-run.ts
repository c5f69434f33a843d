// The one way to start a pipeline run, for every caller (the app, the CLI, triggers): it decides
// whether the run is a deployment — a deploy pipeline's run is, and passes the environment's gates,
// lock and record like any deploy — and says when a run (and its deployment) has ended.
import type { Deployment } from '../../../shared/domain/release.ts';
import type { RunSummary } from '../../../shared/domain/run.ts';
import { badRequest, CockpitError } from '../../../shared/errors.ts';
import type { RunService, StartRunRequest } from '../pipelines/index.ts';
import { deployTargetOf } from './deploy-target.ts';
import type { ReleaseService } from './release-service.ts';

export type PipelineRuns = ReturnType<typeof createPipelineRuns>;

export function createPipelineRuns(deps: { runs: RunService; releases: ReleaseService }) {
  const { runs, releases } = deps;

  /** A deploy pipeline's run: a deployment is requested, and the run is the one it launches. */
  async function startDeployRun(request: StartRunRequest): Promise<RunSummary> {
    const pipeline = releases.deployPipelineOf(request.projectId, request.pipeline)!;
    if (request.jobs) {
      throw badRequest(`"${request.pipeline}" deploys: it runs whole, not job by job.`, [
        { path: 'jobs', message: 'a deploy pipeline runs whole' },
      ]);
    }
    const environment = deployTargetOf(pipeline, request.params);
    if (!environment) {
      const deploy = pipeline.deploy!;
      throw badRequest(
        `Pipeline "${request.pipeline}" deploys to the environment named by its param "${'environment_param' in deploy ? deploy.environment_param : ''}": set it.`,
        [
          {
            path: `params.${'environment_param' in deploy ? deploy.environment_param : ''}`,
            message: 'required',
          },
        ],
      );
    }
    const deployment = await releases.deploy({
      projectId: request.projectId,
      environment,
      pipeline: request.pipeline,
      params: request.params,
    });
    if (deployment.status === 'awaiting_approval') {
      throw new CockpitError(
        'CONFLICT',
        `Deployment #${deployment.id} of ${deployment.version} to ${environment} is waiting for approval: approve it on the board or with \`cockpit approve ${deployment.id} --comment "…"\`.`,
        { deploymentId: deployment.id },
      );
    }
    // The driver says when the deploy pipeline's run exists (or that it never will).
    const run = await releases.runOf(deployment.id);
    if (run) return run;
    const ended = releases.get(deployment.id);
    throw new CockpitError(
      'CONFLICT',
      `Deployment #${deployment.id} ${ended.status}: ${ended.verificationDetail ?? 'its pipeline did not start'}`,
    );
  }

  return {
    /** Starts a run of any pipeline; a deploy pipeline's run goes through its environment's gates. */
    startPipelineRun(request: StartRunRequest): Promise<RunSummary> {
      if (releases.deployPipelineOf(request.projectId, request.pipeline)) return startDeployRun(request);
      return runs.start(request);
    },

    /** A run again; a deploy pipeline's run is a deployment, which is requested anew, never rerun. */
    rerun(runId: number, failedOnly?: boolean): Promise<RunSummary> {
      const run = runs.get(runId);
      if (releases.deployPipelineOf(run.projectId, run.pipeline)) {
        throw new CockpitError(
          'CONFLICT',
          `Run #${runId} deployed; deploy again from the board or with \`cockpit deploy\` (gates apply).`,
        );
      }
      return runs.rerun(runId, failedOnly);
    },

    /** Resolves when a run started here has ended, and its deployment (if it deployed) with it. */
    async finished(runId: number): Promise<{ run: RunSummary; deployment: Deployment | null }> {
      const run = await runs.wait(runId);
      const deployment = releases.ofRun(runId);
      return { run, deployment: deployment ? await releases.wait(deployment.id) : null };
    },
  };
}
