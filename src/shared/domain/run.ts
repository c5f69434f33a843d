// Pipelines, runs, jobs, attempts and log lines as the engine reports them to clients.
import { z } from 'zod';

export const runStatuses = [
  'queued',
  'running',
  'success',
  'failed',
  'cancelled',
  'timed_out',
  'interrupted',
] as const;
export const jobStatuses = [
  'pending',
  'running',
  'success',
  'failed',
  'cancelled',
  'timed_out',
  'skipped',
  'interrupted',
] as const;
export const attemptStatuses = [
  'running',
  'success',
  'failed',
  'cancelled',
  'timed_out',
  'interrupted',
] as const;
export const runTriggers = ['manual', 'cli', 'commit', 'cron', 'rerun'] as const;
export const logStreams = ['stdout', 'stderr', 'system'] as const;

export type RunStatus = (typeof runStatuses)[number];
export type JobStatus = (typeof jobStatuses)[number];
export type AttemptStatus = (typeof attemptStatuses)[number];
export type RunTrigger = (typeof runTriggers)[number];
export type LogStream = (typeof logStreams)[number];

export const paramValueSchema = z.union([z.string(), z.boolean()]);
export type ParamValue = z.infer<typeof paramValueSchema>;

export const paramInfoSchema = z.object({
  name: z.string(),
  type: z.enum(['string', 'choice', 'boolean']),
  description: z.string().nullable(),
  default: paramValueSchema.nullable(),
  options: z.array(z.string()).nullable(),
  required: z.boolean(),
  pattern: z.string().nullable(),
});
export type ParamInfo = z.infer<typeof paramInfoSchema>;

export const runSummarySchema = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  pipeline: z.string(),
  status: z.enum(runStatuses),
  trigger: z.enum(runTriggers),
  params: z.record(z.string(), paramValueSchema),
  git: z.object({ sha: z.string().nullable(), branch: z.string().nullable(), dirty: z.boolean() }).nullable(),
  actor: z.string(),
  queuedAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  rerunOf: z.number().int().nullable(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export const pipelineInfoSchema = z.object({
  name: z.string(),
  description: z.string().nullable(),
  params: z.array(paramInfoSchema),
  jobs: z.array(
    z.object({ name: z.string(), needs: z.array(z.string()), description: z.string().nullable() }),
  ),
  waves: z.array(z.array(z.string())),
  triggers: z.array(z.string()), // human-readable: "manual", "commit to main", "cron 0 * * * *"
  concurrency: z.number().int(),
  lastRun: runSummarySchema.nullable(),
  /** The last runs, newest first, for a trend sparkline. */
  recentRuns: z.array(
    z.object({ id: z.number().int(), status: z.enum(runStatuses), durationMs: z.number().nullable() }),
  ),
  medianDurationMs: z.number().nullable(),
});
export type PipelineInfo = z.infer<typeof pipelineInfoSchema>;

export const attemptSchema = z.object({
  id: z.number().int(),
  number: z.number().int(),
  status: z.enum(attemptStatuses),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  logLines: z.number().int(),
  logBytes: z.number().int(),
  logTruncated: z.boolean(),
});
export type Attempt = z.infer<typeof attemptSchema>;

export const artifactSchema = z.object({
  id: z.number().int(),
  path: z.string(),
  size: z.number().int(),
  sha256: z.string(),
});
export type Artifact = z.infer<typeof artifactSchema>;

export const jobStateSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  needs: z.array(z.string()),
  status: z.enum(jobStatuses),
  continueOnError: z.boolean(),
  /** 1 + the job's retry count: how many attempts it may take. */
  maxAttempts: z.number().int(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  /** Median duration of this job's successful runs in recent history, for an ETA; null when unknown. */
  typicalDurationMs: z.number().nullable(),
  attempts: z.array(attemptSchema),
  artifacts: z.array(artifactSchema),
  /** In a re-run: a job not run again, shown as it ended in that earlier run (its id); null otherwise. */
  reusedFrom: z.number().int().nullable(),
});
export type JobState = z.infer<typeof jobStateSchema>;

export const runDetailSchema = runSummarySchema.extend({
  jobs: z.array(jobStateSchema),
  waves: z.array(z.array(z.string())),
});
export type RunDetail = z.infer<typeof runDetailSchema>;

export const logLineSchema = z.object({
  n: z.number().int(), // 0-based line number within the attempt
  ts: z.number(),
  stream: z.enum(logStreams),
  text: z.string(), // ANSI colour codes kept; secrets already masked
});
export type LogLine = z.infer<typeof logLineSchema>;

export const logPageSchema = z.object({
  attemptId: z.number().int(),
  fromLine: z.number().int(),
  lines: z.array(logLineSchema),
  totalLines: z.number().int(),
  truncated: z.boolean(),
  finished: z.boolean(),
});
export type LogPage = z.infer<typeof logPageSchema>;

export const secretInfoSchema = z.object({ name: z.string(), updatedAt: z.number() });
export type SecretInfo = z.infer<typeof secretInfoSchema>;
