// The model of a .gitlab-ci.yml that gitlab-model.ts checks and gitlab-plan.ts plans: plain values,
// variables still raw (expanded when the run is planned).
import type { SourceLocation } from '../types.ts';
import type { RawVariable } from './gitlab-variables.ts';

/** `$[[ matrix.KEY ]]` in a need's matrix: the consuming job's own value of KEY. */
export const MATRIX_EXPRESSION = /\$\[\[\s*matrix\.([A-Za-z_][A-Za-z0-9_]*)\s*\]\]/g;

export const DEFAULT_STAGES = ['.pre', 'build', 'test', 'deploy', '.post'];
export const WHENS = ['on_success', 'on_failure', 'always', 'manual', 'delayed', 'never'] as const;
export type GitlabWhen = (typeof WHENS)[number];

export interface GitlabRule {
  if: string | null;
  changes: string[] | null;
  exists: string[] | null;
  when: GitlabWhen | null;
  allowFailure: boolean | null;
  variables: Record<string, RawVariable>;
  startIn: number | null;
  /** The rule's `needs`, replacing the job's. */
  needs: GitlabNeed[] | null;
}

export interface OnlyExcept {
  refs: string[] | null;
  variables: string[] | null;
  changes: string[] | null;
}

export interface GitlabNeed {
  job: string;
  optional: boolean;
  artifacts: boolean;
  /** `needs: [{ job, parallel: { matrix } }]`: only these combinations (each key one of its values). */
  matrix: Record<string, string[]>[] | null;
}

export interface GitlabArtifacts {
  paths: string[];
  exclude: string[];
  when: 'on_success' | 'on_failure' | 'always';
  dotenv: string[];
}

export interface GitlabCache {
  key: string | { files: string[]; prefix: string | null };
  paths: string[];
  /** pull, push, pull-push, or a variable that names one (expanded when the run is planned). */
  policy: 'pull' | 'push' | 'pull-push';
  when: 'on_success' | 'on_failure' | 'always';
}

export interface GitlabJob {
  name: string;
  stage: string;
  script: string[];
  beforeScript: string[];
  afterScript: string[];
  /** null: no `needs` key (the job waits for every earlier stage). */
  needs: GitlabNeed[] | null;
  /** null: every job it waits for; otherwise whose artifacts (dotenv) it takes. */
  dependencies: string[] | null;
  /** The global variables it inherits, then its own (raw: expanded when the run is planned). */
  globalVariables: Record<string, RawVariable>;
  variables: Record<string, RawVariable>;
  when: GitlabWhen;
  startIn: number | null;
  allowFailure: boolean;
  /** allow_failure was written (manual jobs default to true otherwise). */
  allowFailureSet: boolean;
  allowFailureExitCodes: number[] | null;
  rules: GitlabRule[] | null;
  only: OnlyExcept | null;
  except: OnlyExcept | null;
  parallel: number | Record<string, string[]>[] | null;
  timeoutMs: number | null;
  retry: { max: number; exitCodes: number[] | null } | null;
  interruptible: boolean;
  artifacts: GitlabArtifacts | null;
  cache: GitlabCache[];
  /** `environment:` for the CI_ENVIRONMENT_* variables (the cockpit's own environments are separate). */
  environment: { name: string; url: string | null; action: string | null; tier: string | null } | null;
  /** Keys accepted but without effect on the host (image, tags), to say so in the log. */
  ignored: string[];
  /** Other lines for the top of the job's log (what was ignored offline, and why). */
  notes: string[];
  location: SourceLocation;
  needsLocation: SourceLocation | null;
}

export interface GitlabModel {
  stages: string[];
  variables: Record<string, RawVariable>;
  workflowRules: GitlabRule[] | null;
  jobs: GitlabJob[];
}
