// The `environments:` section of cockpit.yml: remote environments the cockpit polls for health and
// the version they run. docs/environments.md documents every key.
import { z } from 'zod';
import { durationSchema } from '../kernel/duration.ts';
import { identifier, jobName } from './pipeline-schema.ts';
import { gatesSchema } from './gates-schema.ts';
import { timeWindowSchema, weekdays } from './time-window-schema.ts';

export const tiers = ['development', 'staging', 'production', 'other'] as const;

/** 200, "2xx", or "200-299". */
const statusSpec = z.union([
  z.number().int().min(100).max(599),
  z.string().regex(/^[1-5]xx$/, 'expected a status such as 200, "2xx" or "200-299"'),
  z.string().regex(/^[1-5]\d\d-[1-5]\d\d$/, 'expected a status such as 200, "2xx" or "200-299"'),
]);

const regexSource = z.string().refine((source) => {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}, 'expected a valid regular expression');

const jsonPointer = z
  .string()
  .regex(/^(\/.*)?$/, 'expected a JSON pointer such as "/status" or "/data/0/version"');

export const httpCheckSchema = z.strictObject({
  /** Path relative to the environment's url, or an absolute URL. Default: the url itself. */
  path: z.string().optional(),
  method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS']).optional(),
  /** Values may contain ${secrets.NAME}, resolved from the project's secret store at check time. */
  headers: z.record(z.string(), z.string()).optional(),
  body: z.string().optional(),
  expect_status: z.array(statusSpec).min(1).optional(),
  body_contains: z.string().optional(),
  body_regex: regexSource.optional(),
  json: z
    .strictObject({ pointer: jsonPointer, equals: z.unknown().optional(), exists: z.boolean().optional() })
    .optional(),
  max_latency: durationSchema.optional(),
  follow_redirects: z.boolean().optional(),
  max_redirects: z.number().int().min(0).max(20).optional(),
  tls_verify: z.boolean().optional(),
  cert_expiry_warning_days: z.number().int().min(0).max(365).optional(),
});

export const tcpCheckSchema = z.strictObject({
  /** Default: the host of the environment's url. */
  host: z.string().optional(),
  port: z.number().int().min(1).max(65535),
});

export const checkSchema = z.union([
  z.strictObject({ http: httpCheckSchema }),
  z.strictObject({ tcp: tcpCheckSchema }),
]);

export const versionSchema = z.union([
  z.strictObject({ json_pointer: jsonPointer, path: z.string().optional() }),
  z.strictObject({ header: z.string().min(1), path: z.string().optional() }),
  z.strictObject({ regex: regexSource, path: z.string().optional() }),
]);

export const environmentSchema = z.strictObject({
  name: jobName,
  description: z.string().optional(),
  tier: z.enum(tiers).optional(),
  url: z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }),
  interval: durationSchema.optional(),
  timeout: durationSchema.optional(),
  failures_before_down: z.number().int().min(1).max(20).optional(),
  /** While down, the wait between checks doubles up to this; default: none (checked every interval). */
  max_backoff: durationSchema.optional(),
  checks: z.array(checkSchema).min(1).optional(),
  version: versionSchema.optional(),
  depends_on: z.array(jobName).optional(),
  maintenance: z.array(timeWindowSchema).optional(),
  owners: z.array(z.string()).optional(),
  /** Policy: every gate must pass before a deploy to this environment starts (docs/releases.md). */
  gates: gatesSchema.optional(),
  /** Continuous delivery: deploy each new commit of `branch` once pipeline `after` succeeds on it. */
  auto_deploy: z.strictObject({ after: z.string().min(1), branch: z.string().min(1) }).optional(),
  /** Promote what the previous environment of the lifecycle runs, once this environment's gates pass. */
  auto_promote: z.boolean().optional(),
});

export type EnvironmentConfig = z.output<typeof environmentSchema>;
export type HttpCheckConfig = z.output<typeof httpCheckSchema>;
export type TcpCheckConfig = z.output<typeof tcpCheckSchema>;
export type CheckConfig = z.output<typeof checkSchema>;
export type VersionConfig = z.output<typeof versionSchema>;
export type MaintenanceWindowConfig = z.output<typeof timeWindowSchema>;

/** Defaults applied when a key is absent (documented in docs/environments.md). */
export const environmentDefaults = {
  tier: 'other' as const,
  intervalMs: 30_000,
  timeoutMs: 10_000,
  failuresBeforeDown: 2,
  http: {
    method: 'GET' as const,
    expectStatus: ['2xx', '3xx'] as (number | string)[],
    followRedirects: true,
    maxRedirects: 5,
    tlsVerify: true,
    certExpiryWarningDays: 14,
  },
  /** Bodies are read up to this many bytes; more is an error (body_too_large). */
  maxBodyBytes: 1024 * 1024,
};

export { identifier, weekdays };
