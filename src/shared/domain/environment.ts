// Remote environments as the engine reports them: state at a glance, history, incidents, versions.
import { z } from 'zod';

export const environmentStates = ['up', 'degraded', 'down', 'unknown', 'paused', 'stale'] as const;
export type EnvironmentState = (typeof environmentStates)[number];

export const errorClasses = [
  'timeout',
  'connection_refused',
  'connection_reset',
  'dns',
  'tls',
  'certificate',
  'http_status',
  'body_mismatch',
  'invalid_json',
  'json_mismatch',
  'too_many_redirects',
  'body_too_large',
  'slow',
  'certificate_expiring',
  'unknown',
] as const;
export type ErrorClass = (typeof errorClasses)[number];

export const lastResponseSchema = z.object({
  status: z.number().int(),
  headers: z.record(z.string(), z.string()),
  bodyPreview: z.string(), // the first KB, as text
});
export type LastResponse = z.infer<typeof lastResponseSchema>;

export const environmentSummarySchema = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  projectName: z.string(),
  name: z.string(),
  tier: z.enum(['development', 'staging', 'production', 'other']),
  url: z.string(),
  state: z.enum(environmentStates),
  /** Why, when the state is explained by something else: "db is down", "in maintenance: …". */
  cause: z.string().nullable(),
  intervalMs: z.number().int(),
  lastCheckedAt: z.number().nullable(),
  /** When the next scheduled check is due at the latest; null while one runs, or nothing is scheduled. */
  nextCheckAt: z.number().nullable(),
  /** No result for longer than expected (the cockpit was not running, or checks are stuck). */
  overdue: z.boolean(),
  latencyMs: z.number().nullable(),
  /** Recent latencies, oldest first, for a sparkline (null where a check failed). */
  latencySeries: z.array(z.number().nullable()),
  version: z.string().nullable(),
  /** When it was first checked: uptimes count from there (earlier is no data, not downtime). */
  monitoredSince: z.number().nullable(),
  uptime24h: z.number().nullable(), // 0..1, null without data
  uptime30d: z.number().nullable(),
  certDaysLeft: z.number().nullable(),
  openIncidentId: z.number().int().nullable(),
  inMaintenance: z.boolean(),
  lastError: z.string().nullable(),
});
export type EnvironmentSummary = z.infer<typeof environmentSummarySchema>;

export const checkResultSchema = z.object({
  at: z.number(),
  state: z.enum(['up', 'degraded', 'down']),
  statusCode: z.number().int().nullable(),
  latencyMs: z.number().nullable(),
  errorClass: z.enum(errorClasses).nullable(),
  error: z.string().nullable(),
  version: z.string().nullable(),
  certExpiresAt: z.number().nullable(),
});
export type CheckResult = z.infer<typeof checkResultSchema>;

export const incidentSchema = z.object({
  id: z.number().int(),
  environmentId: z.number().int(),
  environment: z.string(),
  projectId: z.number().int(),
  openedAt: z.number(),
  closedAt: z.number().nullable(),
  firstError: z.string(),
  errorClass: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.number().nullable(),
});
export type Incident = z.infer<typeof incidentSchema>;

export const historyRanges = ['1h', '24h', '7d', '30d', '90d'] as const;

export const environmentHistorySchema = z.object({
  range: z.enum(historyRanges),
  /** Latency percentiles per time bucket (from rollups). */
  latency: z.array(
    z.object({
      start: z.number(),
      p50: z.number().nullable(),
      p95: z.number().nullable(),
      p99: z.number().nullable(),
    }),
  ),
  /** One bar per day: share of checks up (maintenance excluded); null = no data (cockpit not running). */
  uptimeByDay: z.array(
    z.object({
      day: z.number(),
      uptime: z.number().nullable(),
      checks: z.number().int(),
      /** up: every check passed; partial: at least half did (amber); down: fewer; none: no checks. */
      grade: z.enum(['up', 'partial', 'down', 'none']),
    }),
  ),
  uptime: z.number().nullable(),
  incidents: z.array(incidentSchema),
  versions: z.array(
    z.object({ version: z.string(), previousVersion: z.string().nullable(), seenAt: z.number() }),
  ),
});
export type EnvironmentHistory = z.infer<typeof environmentHistorySchema>;

export const environmentDetailSchema = environmentSummarySchema.extend({
  /** The last 50 check results, newest first. */
  recentResults: z.array(checkResultSchema),
  /** The latest check, failed or not: its time, outcome and error. */
  lastAttempt: checkResultSchema.nullable(),
  /** The HTTP response of that latest check; null when it got none (refused, timed out, TCP only). */
  lastResponse: lastResponseSchema.nullable(),
  dependsOn: z.array(z.string()),
});
export type EnvironmentDetail = z.infer<typeof environmentDetailSchema>;
