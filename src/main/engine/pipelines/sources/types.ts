// The contract between pipeline sources (cockpit.yml, GitHub workflows, .gitlab-ci.yml) and the
// runner: what a source discovers, the format-neutral plan it compiles to, and the small run-time
// interface the runner calls before jobs and between steps. README.md beside this file explains it.
import type { JobStatus, ParamValue, SourceKindName } from '../../../../shared/domain/run.ts';
import type { ConfigProblem } from '../../../../shared/domain/project.ts';
import type { ParamConfig } from '../../config/index.ts';

export type SourceKind = SourceKindName;

/** A place in a source file; `file` is relative to the project folder. */
export interface SourceLocation {
  file: string;
  line: number;
  col: number;
}

/** The files of a project as a source sees them: the working tree, or a commit read from git. */
export interface ProjectFiles {
  /** The project folder (absolute). */
  readonly root: string;
  /** A file's text by its path relative to the project folder, or null when it does not exist. */
  read(path: string): string | null;
  /** The names of the files directly in a folder (relative path), sorted; [] when it does not exist. */
  list(dir: string): string[];
}

/** A pipeline as listed: enough to show it and ask for its params, without compiling it. */
export interface DiscoveredPipeline {
  /** `ci` (cockpit.yml), `github/<workflow file stem>`, `gitlab`. */
  name: string;
  source: SourceKind;
  /** The file that defines it, relative to the project folder. */
  file: string;
  /** sha256 of the file's text. */
  contentHash: string;
  description: string | null;
  /** Params in the cockpit's param language (string, choice, boolean). */
  params: Record<string, ParamConfig>;
  /** The jobs as written (before matrix expansion), in definition order. */
  jobs: { name: string; needs: string[]; description: string | null }[];
  /** Human-readable triggers: "manual", "push", "cron 0 * * * *". */
  triggers: string[];
  concurrency: number | null;
  /** Problems at file:line:col; a pipeline with problems is listed but cannot run. */
  problems: ConfigProblem[];
}

/** What a run asks of a source. */
export interface CompileRequest {
  /** The event that starts the run (GitHub: push, workflow_dispatch, …); a source may ignore it. */
  event?: string;
  /** Params as given (validated by the runner against the plan's params afterwards). */
  params: Record<string, ParamValue>;
  /** Jobs asked for by id or by job group (a matrix job's name selects all its expansions). */
  jobs?: string[];
  withNeeds: boolean;
  /** The cockpit's data folder, for what a source keeps there (GitHub's offline action cache). */
  dataDir?: string;
  /** GitHub: an action not available offline is skipped (with the reason) instead of failing. */
  skipUnavailableActions?: boolean;
}

/** The shell of a step: `bash`/`sh` run the script inline, a template runs a script file ({0}). */
export type StepShell = 'bash' | 'sh' | { template: string; extension: string };

export interface PlanStep {
  /** Unique within the job (GitHub's step id, or a generated one). */
  key: string;
  name: string;
  /** The step's text as written; a source may turn it into the final script in `JobSession.beginStep`. */
  script: string;
  shell: StepShell;
  /** Echo each line of the script as `$ line` before running it (cockpit.yml and GitLab do). */
  echo: boolean;
  env: Record<string, string>;
  /** Relative to the job's working directory. */
  workingDirectory: string | null;
  /** A failure of this step does not fail the job. */
  continueOnError: boolean;
  timeoutMs: number | null;
  location: SourceLocation | null;
  /** Source-specific data (conditions, expressions) for the source's own JobSession. JSON only. */
  data?: unknown;
}

export interface PlanJob {
  /** Unique within the run: the job's name in history, the run view and `--job`. */
  id: string;
  /** The job as written; matrix expansions share it. `max-parallel` applies per group. */
  group: string;
  needs: string[];
  description: string | null;
  location: SourceLocation | null;
  /** `manual` jobs wait for someone to play them (run view, `cockpit play`). */
  when: 'auto' | 'manual';
  /** Decided at compile time: the job is not run, for this reason. */
  skip: string | null;
  /** The job's run-time condition as written, for plans and the run view (null: the default). */
  condition: string | null;
  continueOnError: boolean;
  /**
   * A failure of this job (without continueOnError) cancels the jobs of its group that have not
   * finished, running or waiting (GitHub's strategy.fail-fast). Absent: false.
   */
  failFast?: boolean;
  /** For the whole job (all steps). */
  timeoutMs: number | null;
  retry: { count: number; onExitCodes: number[] | null } | null;
  /** Relative to the project folder. */
  workingDirectory: string | null;
  env: Record<string, string>;
  secrets: string[];
  /**
   * Secrets the source reads by name at run time (GitHub's `secrets.*`): given in
   * `JobContext.secrets` when the store has them (absent otherwise), never put into the environment.
   */
  secretsRead?: string[];
  artifacts: string[];
  /** Globs of files not to keep among `artifacts` (GitLab's artifacts: exclude). */
  artifactsExclude?: string[];
  /** When the artifacts are kept (default: on_success). */
  artifactsWhen?: 'on_success' | 'on_failure' | 'always';
  /** A newer run of the pipeline on the same branch cancels this run while only such jobs have started (GitLab). */
  interruptible?: boolean;
  /** A failure with one of these exit codes is allowed (GitLab's allow_failure: exit_codes). */
  allowFailureExitCodes?: number[];
  steps: PlanStep[];
  /** Lines the runner writes at the top of each attempt's log: what the source accepted but ignores. */
  notes: string[];
  data?: unknown;
}

/** The one internal plan every source compiles to, stored with the run as its definition. */
export interface RunPlan {
  /** Marks the plan format, so old runs (which stored cockpit.yml's pipeline) are told apart. */
  planVersion: 1;
  pipeline: string;
  source: { kind: SourceKind; file: string; contentHash: string };
  description: string | null;
  concurrency: number | null;
  /** Per job group, how many of its jobs may run at once. */
  maxParallel: Record<string, number>;
  /** Environment for every job (plain text, already resolved by the source). */
  env: Record<string, string>;
  params: Record<string, ParamConfig>;
  /** The event the plan was compiled for, when the source has events. */
  event: string | null;
  jobs: PlanJob[];
  data?: unknown;
}

/** A need's result as later jobs see it. */
export interface NeedResult {
  status: JobStatus;
  /** The need may fail without failing the run (cockpit.yml's continue_on_error). */
  continueOnError: boolean;
  outputs: Record<string, string>;
}

export interface JobContext {
  /** The run was cancelled (first cancel); a source may still run clean-up jobs. */
  cancelled: boolean;
  /** The job's needs by id, finished. */
  needs: Record<string, NeedResult>;
  params: Record<string, ParamValue>;
  /** The run's facts (git state, folders, actor), e.g. for GitHub's github.* context. */
  facts: RunFacts;
  /** The job's `secretsRead` that the store has, by name. */
  secrets?: Record<string, string>;
}

export type Decision = { run: true } | { run: false; status: 'skipped' | 'cancelled'; reason: string };

export interface StepState {
  /** Before continue-on-error: success, failure, cancelled, skipped. */
  outcome: 'success' | 'failure' | 'cancelled' | 'skipped';
  /** After continue-on-error. */
  conclusion: 'success' | 'failure' | 'cancelled' | 'skipped';
  outputs: Record<string, string>;
}

export interface StepContext {
  cancelled: boolean;
  /** The job so far: failure once a step failed (without continue-on-error). */
  jobStatus: 'success' | 'failure' | 'cancelled';
  /** Earlier steps by key. */
  steps: Record<string, StepState>;
  /** The environment the runner gives the step (process env, COCKPIT_*, pipeline, job, params, secrets). */
  baseEnv: Record<string, string>;
}

/** A step as it will run. */
export interface PreparedStep {
  name: string;
  script: string;
  shell: StepShell;
  env: Record<string, string>;
  workingDirectory: string | null;
}

export type StepStart = { run: true; step: PreparedStep } | { run: false; reason: string };

export interface StepEnd {
  outcome: StepState['outcome'];
  exitCode: number | null;
}

export interface StepReport {
  outputs?: Record<string, string>;
  /** Markdown to append to the job summary. */
  summary?: string;
}

/** A job being run: the runner asks it about each step, in order. */
export interface JobSession {
  /** Whether the step runs (and how), or why not. Throwing fails the step with the error's message. */
  beginStep(step: PlanStep, context: StepContext): StepStart;
  /** After the step's process ended: its outputs and summary. */
  endStep(step: PlanStep, end: StepEnd): StepReport;
  /** A `command` line effect printed by the step (optional). */
  onCommand?(
    step: PlanStep,
    command: { name: string; properties: Record<string, string>; value: string },
  ): void;
  /** After the last step: the job's outputs for the jobs that need it. */
  endJob(status: JobStatus, steps: Record<string, StepState>): Record<string, string>;
}

/** What one line of output means beyond being a line of the log. */
export type LineEffect =
  | { kind: 'group-start'; title: string }
  /** A command for the source's session (GitHub's `::set-output …::`), handed to `JobSession.onCommand`. */
  | { kind: 'command'; name: string; properties: Record<string, string>; value: string }
  | { kind: 'group-end' }
  | {
      kind: 'annotation';
      level: 'error' | 'warning' | 'notice';
      message: string;
      title: string | null;
      file: string | null;
      line: number | null;
      col: number | null;
    };

export interface OutputParser {
  /** Text that every interesting line contains; lines without any are stored without parsing. */
  needles: string[];
  parse(line: string): LineEffect | null;
}

/** Facts about the run a session may use (the git state, the folders). */
export interface RunFacts {
  runId: number;
  projectDir: string;
  /** The cockpit's data folder (run artifacts, caches a source keeps). */
  dataDir?: string;
  git: { sha: string | null; branch: string | null } | null;
  actor: string;
}

/** The run-time half of a source: decides jobs, opens sessions, reads output. */
export interface PipelineRuntime {
  decideJob(job: PlanJob, context: JobContext): Decision;
  /** `dataDir`: the cockpit's data folder, for what a source keeps across runs (GitLab's cache). */
  openJob(
    job: PlanJob,
    context: JobContext & { workDir: string; attempt: number; dataDir?: string },
  ): JobSession;
  outputParser: OutputParser | null;
}

export interface PipelineSource {
  kind: SourceKind;
  /** The pipelines this source finds among the project's files (with their problems). */
  discover(files: ProjectFiles): Promise<DiscoveredPipeline[]>;
  /** Compiles one discovered pipeline into the plan; throws CockpitError for bad requests. */
  compile(files: ProjectFiles, pipeline: DiscoveredPipeline, request: CompileRequest): Promise<RunPlan>;
  /** The run-time half, loaded when a run starts (a source may load its evaluator lazily). */
  runtime(plan: RunPlan): Promise<PipelineRuntime>;
}
