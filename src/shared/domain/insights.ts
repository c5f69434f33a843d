// Insights as the engine reports them: the four DORA keys, pipeline trends, time travel, and notes.
// docs/insights.md defines every number precisely.
import { z } from 'zod';
import { environmentStates } from './environment.ts';

export const insightRanges = ['7d', '30d', '90d'] as const;
export type InsightRange = (typeof insightRanges)[number];

export const doraBands = ['elite', 'high', 'medium', 'low'] as const;
export type DoraBand = (typeof doraBands)[number];

const period = z.object({ from: z.number(), to: z.number() });

export const deploymentFrequencySchema = z.object({
  deploys: z.number().int(),
  perDay: z.number(),
  perWeek: z.number(),
  /** Days in the window with at least one successful deploy. */
  deployDays: z.number().int(),
  band: z.enum(doraBands).nullable(),
});

export const durationStatsSchema = z.object({
  samples: z.number().int(),
  medianMs: z.number().nullable(),
  p90Ms: z.number().nullable(),
  band: z.enum(doraBands).nullable(),
});

export const failureRateSchema = z.object({
  deploys: z.number().int(),
  failures: z.number().int(),
  /** failures / deploys, null without deploys. */
  rate: z.number().nullable(),
  band: z.enum(doraBands).nullable(),
});

export const doraKeysSchema = z.object({
  deploymentFrequency: deploymentFrequencySchema,
  leadTime: durationStatsSchema,
  changeFailureRate: failureRateSchema,
  timeToRestore: durationStatsSchema,
});
export type DoraKeys = z.infer<typeof doraKeysSchema>;

export const doraSummarySchema = z.object({
  range: z.enum(insightRanges),
  projectId: z.number().int().nullable(),
  environment: z.string().nullable(),
  /** The window, and the one just before it of the same length (for trend arrows). */
  current: period,
  previous: period,
  keys: doraKeysSchema,
  previousKeys: doraKeysSchema,
  /**
   * One point per week (per day for 7d), every bucket present (an empty one is zeros): deploys
   * (changes to the environment, as the change failure rate counts them), failures, the failure rate
   * (0 without deploys), lead time and restore medians.
   */
  series: z.array(
    z.object({
      start: z.number(),
      deploys: z.number().int(),
      failures: z.number().int(),
      failureRate: z.number(),
      leadTimeMedianMs: z.number().nullable(),
      restoreMedianMs: z.number().nullable(),
    }),
  ),
  /** Lead times of every commit in the window, bucketed for a histogram. */
  leadTimeDistribution: z.array(
    z.object({ label: z.string(), upToMs: z.number().nullable(), commits: z.number().int() }),
  ),
  /** Per project (when not filtered to one): the keys side by side. */
  byProject: z.array(z.object({ projectId: z.number().int(), name: z.string(), keys: doraKeysSchema })),
});
export type DoraSummary = z.infer<typeof doraSummarySchema>;

export const pipelineTrendSchema = z.object({
  projectId: z.number().int(),
  projectName: z.string(),
  pipeline: z.string(),
  runs: z.number().int(),
  successRate: z.number().nullable(),
  medianMs: z.number().nullable(),
  p90Ms: z.number().nullable(),
  previousMedianMs: z.number().nullable(),
  /** Successful runs' durations per bucket (day for 7d, week otherwise). */
  series: z.array(
    z.object({
      start: z.number(),
      runs: z.number().int(),
      medianMs: z.number().nullable(),
      p90Ms: z.number().nullable(),
    }),
  ),
  jobs: z.array(
    z.object({
      job: z.string(),
      runs: z.number().int(),
      medianMs: z.number().nullable(),
      p90Ms: z.number().nullable(),
    }),
  ),
});

export const pipelineInsightsSchema = z.object({
  range: z.enum(insightRanges),
  pipelines: z.array(pipelineTrendSchema),
  slowestJobs: z.array(
    z.object({
      projectId: z.number().int(),
      projectName: z.string(),
      pipeline: z.string(),
      job: z.string(),
      runs: z.number().int(),
      medianMs: z.number(),
      p90Ms: z.number(),
      lastRunId: z.number().int(),
    }),
  ),
  flakyJobs: z.array(
    z.object({
      projectId: z.number().int(),
      projectName: z.string(),
      pipeline: z.string(),
      job: z.string(),
      /** Runs where it failed then passed on retry, plus commits where it both failed and passed. */
      flakes: z.number().int(),
      runs: z.number().int(),
      lastFlakyRunId: z.number().int(),
      why: z.string(),
    }),
  ),
});
export type PipelineInsights = z.infer<typeof pipelineInsightsSchema>;

export const liveAtSchema = z.object({
  at: z.number(),
  environments: z.array(
    z.object({
      projectId: z.number().int(),
      projectName: z.string(),
      environment: z.string(),
      tier: z.enum(['development', 'staging', 'production', 'other']),
      /** From the check history (or the deployment record when no check reported one). */
      version: z.string().nullable(),
      /** The deployment that put it there, when the cockpit recorded one. */
      deploymentId: z.number().int().nullable(),
      deployedAt: z.number().nullable(),
      /** Health at that moment; 'unknown' = no data (the cockpit was not watching). */
      state: z.enum(environmentStates),
      checkedAt: z.number().nullable(),
      openIncidentId: z.number().int().nullable(),
    }),
  ),
});
export type LiveAt = z.infer<typeof liveAtSchema>;

export const noteSubjects = ['deployment', 'incident'] as const;
export const noteSchema = z.object({
  id: z.number().int(),
  subject: z.enum(noteSubjects),
  subjectId: z.number().int(),
  author: z.string(),
  text: z.string(),
  at: z.number(),
});
export type Note = z.infer<typeof noteSchema>;

export const reportFormats = ['md', 'html', 'csv'] as const;
export const csvTables = ['deployments', 'runs', 'incidents'] as const;

export const reportSchema = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  content: z.string(),
});
export type Report = z.infer<typeof reportSchema>;

export const evidencePackSchema = z.object({
  path: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
  files: z.array(z.string()),
});
export type EvidencePack = z.infer<typeof evidencePackSchema>;

export const notificationKinds = [
  'pipeline_failed',
  'production_down',
  'approval_requested',
  'deploy_finished',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export const settingsSchema = z.object({
  /** Runs (with their logs and artifacts) older than this are deleted; null keeps them forever. */
  runRetentionDays: z.number().int().min(1).max(3650).nullable(),
  /** Raw check results older than this are deleted (rollups stay); 1–90 days. */
  checkRetentionDays: z.number().int().min(1).max(90),
  /** A production deploy counts as failed when an incident, a rollback or a fix follows within this. */
  changeFailureWindowHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
  /** Per project id ('*' for the default): which desktop notifications to show. */
  notifications: z.record(z.string(), z.partialRecord(z.enum(notificationKinds), z.boolean())),
});
export type Settings = z.infer<typeof settingsSchema>;
