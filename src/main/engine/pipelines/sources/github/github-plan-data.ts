// What a GitHub workflow plan carries for its run-time half (github-runtime.ts): the plan's, each job's
// and each reusable-workflow call's data, written when the workflow is planned (github-source.ts,
// workflow-job-plan.ts, plan-job.ts).
import type { ActionFrame, GithubStepData } from './step-plan.ts';

export interface GithubPlanData {
  env: Record<string, string>;
  workflow: string;
  event: string;
  /** The event as read from git when the run was planned (github-event.ts); absent in older plans. */
  trigger?: {
    ref: string;
    refName: string;
    refType: 'branch' | 'tag';
    headRef: string;
    baseRef: string;
    payload: Record<string, unknown>;
    /** owner/name from the `origin` remote's URL, else local/<folder>. */
    repository?: string;
    owner?: string;
  };
  /** An action not available offline is skipped (saying why) instead of failing its step. */
  skipUnavailableActions?: boolean;
}

export interface GithubJobData {
  jobId: string;
  if: string;
  env: Record<string, string>;
  outputs: Record<string, string>;
  matrix: Record<string, unknown>;
  strategy: { 'job-index': number; 'job-total': number; 'fail-fast': boolean };
  name: string | null;
  /** The reusable-workflow calls the job is inside, outermost first (absent: none). */
  callers?: CallerData[];
  /** Composite actions of the job's steps, by the key of their `uses:` step. */
  frames?: Record<string, ActionFrame>;
}

export type { GithubStepData };

/** A job that calls a local reusable workflow, as the called workflow's jobs see it. */
export interface CallerData {
  /** Unique in the run (group prefix + job id). */
  key: string;
  /** The calling job's id as written. */
  jobId: string;
  if: string;
  ifWritten: string | null;
  /** Plan ids the call waits for. */
  needs: string[];
  with: Record<string, string>;
  inputs: { id: string; default: string | null; required: boolean }[];
  secrets: Record<string, string> | 'inherit';
  /** on.workflow_call.outputs: value templates over the `jobs` context. */
  outputs: Record<string, string>;
  /** The called workflow's env. */
  env: Record<string, string>;
  workflow: string;
}
