// Pipelines, runs, jobs, attempts and log lines as the engine reports them to clients.
import { z } from 'zod';

/** The statuses of a run, job, attempt or step from when it starts running to how it ended. */
const startedStatuses = ['running', 'success', 'failed', 'cancelled', 'timed_out'] as const;
export const runStatuses = ['queued', ...startedStatuses, 'interrupted'] as const;
export const jobStatuses = [
  'pending',
  /** Waits for someone to play it (a manual job); the run may have finished meanwhile. */
  'manual',
  ...startedStatuses,
  'skipped',
  'interrupted',
] as const;
export const attemptStatuses = [...startedStatuses, 'interrupted'] as const;
export const stepStatuses = ['pending', ...startedStatuses, 'skipped', 'interrupted'] as const;
export const runTriggers = ['manual', 'cli', 'commit', 'cron', 'rerun'] as const;
export const sourceKinds = ['cockpit', 'github', 'gitlab'] as const;
export const logStreams = ['stdout', 'stderr', 'system'] as const;

export type RunStatus = (typeof runStatuses)[number];
export type JobStatus = (typeof jobStatuses)[number];
export type StepStatus = (typeof stepStatuses)[number];
export type SourceKindName = (typeof sourceKinds)[number];
export type AttemptStatus = (typeof attemptStatuses)[number];
export type RunTrigger = (typeof runTriggers)[number];
export type LogStream = (typeof logStreams)[number];

export const paramValueSchema = z.union([z.string(), z.boolean()]);
export type ParamValue = z.infer<typeof paramValueSchema>;

/** Names that would reach an object's prototype instead of being a key: never a param or variable. */
export const RESERVED_NAMES: readonly string[] = ['__proto__', 'constructor', 'prototype'];

export function reservedNameMessage(name: string): string {
  return `"${name}" is reserved and cannot be a param or variable name (reserved: ${RESERVED_NAMES.join(', ')})`;
}

/**
 * A record keyed by param or variable names. zod drops a `__proto__` key silently, so reserved names
 * are refused on the raw input first — with a clear message at the key's path, never just lost.
 */
export function variableRecord<V extends z.ZodType>(key: z.ZodType<string>, value: V) {
  return z.preprocess(
    (input, ctx) => {
      if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
        for (const name of Object.keys(input)) {
          if (RESERVED_NAMES.includes(name)) {
            // params.key: the problem is the key itself (config errors point at it, not at its value).
            ctx.issues.push({
              code: 'custom',
              message: reservedNameMessage(name),
              path: [name],
              input,
              params: { key: true },
            });
          }
        }
      }
      return input;
    },
    z.record(key, value),
  );
}

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

/** Where a pipeline or a run's definition comes from: file relative to the project, sha256 of its text. */
export const pipelineSourceSchema = z.object({
  kind: z.enum(sourceKinds),
  file: z.string().nullable(),
  contentHash: z.string().nullable(),
});
export type PipelineSourceInfo = z.infer<typeof pipelineSourceSchema>;

/** A place in a source file, relative to the project folder. */
export const sourceLocationSchema = z.object({
  file: z.string(),
  line: z.number().int(),
  col: z.number().int(),
});
export type SourceLocationInfo = z.infer<typeof sourceLocationSchema>;

export const runSummarySchema = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  pipeline: z.string(),
  source: pipelineSourceSchema,
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
  source: pipelineSourceSchema,
  /** Problems at file:line:col: the pipeline is listed but cannot run until they are fixed. */
  problems: z.array(
    z.object({ file: z.string(), line: z.number().int(), col: z.number().int(), message: z.string() }),
  ),
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

export const planPreviewSchema = z.object({
  source: pipelineSourceSchema,
  /** The params the run would get, defaults applied. */
  params: z.record(z.string(), paramValueSchema),
  event: z.string().nullable(),
  waves: z.array(z.array(z.string())),
  jobs: z.array(
    z.object({
      id: z.string(),
      group: z.string(),
      needs: z.array(z.string()),
      when: z.enum(['auto', 'manual']),
      /** Known before running: the job will not run, for this reason. */
      skip: z.string().nullable(),
      /** A condition judged when the job's needs are done. */
      condition: z.string().nullable(),
      steps: z.array(z.string()),
      location: sourceLocationSchema.nullable(),
    }),
  ),
});
export type PlanPreviewInfo = z.infer<typeof planPreviewSchema>;

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
  /** The attempt's steps, in order (one for a cockpit.yml job). */
  steps: z.array(
    z.object({
      position: z.number().int(),
      name: z.string(),
      status: z.enum(stepStatuses),
      /** Why it was skipped or could not start. */
      reason: z.string().nullable(),
      exitCode: z.number().int().nullable(),
      startedAt: z.number().nullable(),
      finishedAt: z.number().nullable(),
      /** Its lines in the attempt's log (0-based, inclusive); null before it printed anything. */
      firstLine: z.number().int().nullable(),
      lastLine: z.number().int().nullable(),
    }),
  ),
  /** Collapsible sections of the log (0-based lines, inclusive; the first is the header). */
  groups: z.array(
    z.object({
      firstLine: z.number().int(),
      lastLine: z.number().int(),
      depth: z.number().int(),
      title: z.string(),
    }),
  ),
});
export type Attempt = z.infer<typeof attemptSchema>;
export type StepState = Attempt['steps'][number];
export type LogGroup = Attempt['groups'][number];

export const annotationSchema = z.object({
  id: z.number().int(),
  job: z.string(),
  attemptId: z.number().int().nullable(),
  level: z.enum(['error', 'warning', 'notice']),
  title: z.string().nullable(),
  message: z.string(),
  /** Relative to the project folder, as the job printed it. */
  file: z.string().nullable(),
  line: z.number().int().nullable(),
  col: z.number().int().nullable(),
  logLine: z.number().int().nullable(),
});
export type Annotation = z.infer<typeof annotationSchema>;

export const artifactSchema = z.object({
  id: z.number().int(),
  /** Relative to the job's working directory. */
  path: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  /** The project's retention policy removed the stored file (the row stays as evidence): when and why. */
  removed: z.object({ at: z.number(), reason: z.string() }).nullable(),
  /** The stored copy is there to download. */
  available: z.boolean(),
});
export type Artifact = z.infer<typeof artifactSchema>;

/** An artifact with the run and job that kept it (artifacts.list). */
export const runArtifactSchema = artifactSchema.extend({ runId: z.number().int(), job: z.string() });
export type RunArtifact = z.infer<typeof runArtifactSchema>;

/** A chunk of an artifact's stored file (artifacts.read), base64. */
export const artifactChunkSchema = z.object({
  artifactId: z.number().int(),
  offset: z.number().int(),
  /** The whole file's size. */
  size: z.number().int(),
  sha256: z.string(),
  data: z.string(),
  /** This chunk reaches the end of the file. */
  done: z.boolean(),
});

export const jobStateSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  /** The job as written (matrix expansions share it). */
  group: z.string(),
  needs: z.array(z.string()),
  status: z.enum(jobStatuses),
  /** Why it did not run (skipped or cancelled before it started), or why it waits. */
  reason: z.string().nullable(),
  /** Where the job is defined. */
  location: sourceLocationSchema.nullable(),
  /** The steps as planned, with where each is defined (an attempt's own steps carry their state). */
  plannedSteps: z.array(z.object({ name: z.string(), location: sourceLocationSchema.nullable() })),
  outputs: z.record(z.string(), z.string()),
  /** The job summary (Markdown), already masked. */
  summary: z.string().nullable(),
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
  annotations: z.array(annotationSchema),
  /** The event the run was planned for (GitHub workflows), else null. */
  event: z.string().nullable(),
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
