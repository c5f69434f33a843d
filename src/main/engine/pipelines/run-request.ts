// What starting a run asks for: the pipeline, its params, which jobs, and for a commit or a deploy run,
// which commit and which deployment.
import type { ParamValue, RunTrigger } from '../../../shared/domain/run.ts';
import type { DeploymentFacts } from './deployment-env.ts';

export interface StartRunRequest {
  projectId: number;
  pipeline: string;
  params?: Record<string, ParamValue>;
  jobs?: string[];
  withNeeds?: boolean;
  /** The event a GitHub workflow runs for (default: push); other sources ignore it. */
  event?: string;
  /** GitHub: an action that is not available offline is skipped (saying so) instead of failing. */
  skipUnavailableActions?: boolean;
  trigger?: RunTrigger;
  rerunOf?: number;
  /**
   * Run this commit (a full sha) instead of the project folder as it is: the pipeline is read at
   * that commit and the jobs run in a temporary git worktree; the user's checkout is not touched.
   */
  commit?: string;
  /** The branch the commit was seen on, recorded with the run (only with `commit`). */
  branch?: string;
  /** Set by the release service: the run deploys, and its jobs get COCKPIT_DEPLOY_* variables. */
  deployment?: DeploymentFacts;
}
