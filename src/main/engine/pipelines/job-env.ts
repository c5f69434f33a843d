// The environment a job's commands see: the user's own, the cockpit's facts about the run, the
// pipeline's and job's env, params as COCKPIT_PARAM_*, and secrets under their own names.

export interface JobEnvInput {
  base: NodeJS.ProcessEnv;
  runId: number;
  pipeline: string;
  job: string;
  attempt: number;
  projectDir: string;
  git: { sha: string | null; branch: string | null } | null;
  pipelineEnv?: Record<string, string>;
  jobEnv?: Record<string, string>;
  paramEnv: Record<string, string>;
  secretEnv: Record<string, string>;
}

export function jobEnvironment(input: JobEnvInput): Record<string, string> {
  // Without a prototype: variable names are only ever keys (see RESERVED_NAMES).
  const env: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of Object.entries(input.base)) if (value !== undefined) env[key] = value;
  delete env.COCKPIT_DATA_DIR; // the job is not the cockpit; a nested `cockpit` uses its own default
  return Object.assign(Object.create(null) as Record<string, string>, {
    ...env,
    // Tools drop colours when writing to a pipe; the log viewer renders them, so ask for them —
    // unless the user said NO_COLOR (asking for both makes Node print a warning in every job).
    ...(env.NO_COLOR === undefined
      ? { FORCE_COLOR: env.FORCE_COLOR ?? '1', CLICOLOR_FORCE: env.CLICOLOR_FORCE ?? '1' }
      : {}),
    ...input.pipelineEnv,
    ...input.jobEnv,
    ...input.paramEnv,
    ...input.secretEnv,
    // The cockpit's facts come last, so neither config, params nor secrets can fake a run id.
    CI: 'true',
    COCKPIT: 'true',
    COCKPIT_RUN_ID: String(input.runId),
    COCKPIT_PIPELINE: input.pipeline,
    COCKPIT_JOB: input.job,
    COCKPIT_ATTEMPT: String(input.attempt),
    COCKPIT_PROJECT_DIR: input.projectDir,
    COCKPIT_GIT_SHA: input.git?.sha ?? '',
    COCKPIT_GIT_BRANCH: input.git?.branch ?? '',
  });
}
