// The JSON model of a GitHub workflow (github-workflow.ts reads it): jobs, steps and triggers with
// their expressions as written; github-source.ts plans it (with workflow-job-plan.ts).
import type { ParamConfig } from '../../../config/index.ts';
import type { SourceLocation } from '../types.ts';
import type { MatrixValue } from './matrix.ts';
import type { EventFilters } from './trigger-filters.ts';

export interface WorkflowStep {
  /** The step's `id:`, or null. */
  id: string | null;
  name: string | null;
  /** The condition expression (the parser adds `success() &&` when no status function is used). */
  if: string;
  run: string | null;
  uses: string | null;
  /** `with:` as written (templates). */
  with: Record<string, string>;
  shell: string | null;
  workingDirectory: string | null;
  env: Record<string, string>;
  continueOnError: boolean;
  timeoutMinutes: number | null;
  location: SourceLocation;
}

export interface WorkflowJob {
  id: string;
  /** A job that calls a reusable workflow: its `uses:`, `with:` and `secrets:` (null for other jobs). */
  call: { uses: string; with: Record<string, string>; secrets: Record<string, string> | 'inherit' } | null;
  name: string | null;
  needs: string[];
  if: string;
  /** The condition as written (for the run view), null when there is none. */
  ifWritten: string | null;
  env: Record<string, string>;
  outputs: Record<string, string>;
  /** `strategy.matrix` as written: JSON whose strings may hold `${{ }}`; null without a matrix. */
  matrix: MatrixValue | null;
  /** `strategy.fail-fast` (default true), or its expression as written. */
  failFast: boolean | string;
  maxParallel: number | null;
  /** `defaults.run` of the job over the workflow's. */
  defaults: RunDefaults;
  timeoutMinutes: number | null;
  continueOnError: boolean;
  notes: string[];
  steps: WorkflowStep[];
  location: SourceLocation;
}

export interface RunDefaults {
  shell: string | null;
  workingDirectory: string | null;
}

export interface WorkflowModel {
  name: string | null;
  events: string[];
  /** `on.workflow_call`: its inputs (defaults as written) and outputs (value templates). */
  call: {
    inputs: { id: string; default: string | null; required: boolean }[];
    outputs: Record<string, string>;
  } | null;
  /** Each event's filters (branches, tags, paths, types) as written. */
  filters: Record<string, EventFilters>;
  crons: string[];
  inputs: Record<string, ParamConfig>;
  env: Record<string, string>;
  jobs: WorkflowJob[];
}
