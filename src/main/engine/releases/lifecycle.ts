// The order releases travel through a project's environments, and its release policy (lifecycle,
// gates, deploy pipelines) as one hashable value, so a changed policy can be noticed and described.
import { createHash } from 'node:crypto';
import type { CockpitConfig } from '../config/index.ts';
import { formatDuration } from '../kernel/duration.ts';
import { canonicalJson } from './audit-log.ts';

const tierOrder: Record<string, number> = { development: 0, staging: 1, production: 2 };

/**
 * The explicit `lifecycle:` when set; else the environments of tier development, staging and
 * production in that order (file order within a tier). Other environments are not in it.
 */
export function lifecycleOf(config: CockpitConfig): string[] {
  if (config.lifecycle) return [...config.lifecycle];
  return (config.environments ?? [])
    .map((env, index) => ({ name: env.name, rank: tierOrder[env.tier ?? 'other'], index }))
    .filter((env): env is { name: string; rank: number; index: number } => env.rank !== undefined)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((env) => env.name);
}

/** Where a release goes after `name`; null at the end or when `name` is not in the lifecycle. */
export function nextEnvironment(lifecycle: readonly string[], name: string): string | null {
  const index = lifecycle.indexOf(name);
  return index < 0 ? null : (lifecycle[index + 1] ?? null);
}

/** Where a release comes from before `name`; null at the start or when `name` is not in the lifecycle. */
export function previousEnvironment(lifecycle: readonly string[], name: string): string | null {
  const index = lifecycle.indexOf(name);
  return index <= 0 ? null : lifecycle[index - 1]!;
}

export type ReleasePolicyData = {
  lifecycle: string[];
  /** By environment name; only environments with at least one gate. */
  gates: Record<string, Record<string, unknown>>;
  /** The `deploy:` section by pipeline name; only deploy pipelines. */
  deploy: Record<string, Record<string, unknown>>;
};

/** The release policy of a config and its sha256 (hex) over canonical JSON: key order never matters. */
export function releasePolicy(config: CockpitConfig): { hash: string; policy: ReleasePolicyData } {
  const gates: ReleasePolicyData['gates'] = {};
  for (const env of config.environments ?? []) {
    const defined = withoutUndefined(env.gates ?? {});
    if (Object.keys(defined).length > 0) gates[env.name] = defined;
  }
  const deploy: ReleasePolicyData['deploy'] = {};
  for (const [name, pipeline] of Object.entries(config.pipelines ?? {})) {
    if (pipeline.deploy) deploy[name] = withoutUndefined(pipeline.deploy);
  }
  const policy: ReleasePolicyData = { lifecycle: lifecycleOf(config), gates, deploy };
  return { hash: createHash('sha256').update(canonicalJson(policy)).digest('hex'), policy };
}

/**
 * What changed between two policies, one line each: "production: approvals 1 → 2",
 * "staging: gates added", "lifecycle: dev → staging → production (was dev → production)".
 * Policies are read defensively: `before` may be JSON stored by an older version.
 */
export function describePolicyChange(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): string[] {
  const lines: string[] = [];
  const beforeLifecycle = stringList(before.lifecycle);
  const afterLifecycle = stringList(after.lifecycle);
  if (canonicalJson(beforeLifecycle) !== canonicalJson(afterLifecycle)) {
    const arrow = (names: string[]) => (names.length > 0 ? names.join(' → ') : 'none');
    lines.push(`lifecycle: ${arrow(afterLifecycle)} (was ${arrow(beforeLifecycle)})`);
  }
  lines.push(...describeSections(record(before.gates), record(after.gates), (env) => env, 'gates'));
  lines.push(
    ...describeSections(
      record(before.deploy),
      record(after.deploy),
      (pipeline) => `pipeline ${pipeline}`,
      'deploy',
    ),
  );
  return lines;
}

/** Sections keyed by name (environments' gates, pipelines' deploy): added, removed, or changed key by key. */
function describeSections(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  label: (name: string) => string,
  what: string,
): string[] {
  const lines: string[] = [];
  for (const name of unique([...Object.keys(after), ...Object.keys(before)])) {
    if (!(name in before)) {
      lines.push(`${label(name)}: ${what} added`);
    } else if (!(name in after)) {
      lines.push(`${label(name)}: ${what} removed`);
    } else {
      const old = record(before[name]);
      const now = record(after[name]);
      for (const key of inKeyOrder([...Object.keys(now), ...Object.keys(old)])) {
        if (canonicalJson(old[key]) === canonicalJson(now[key])) continue;
        const from = describeValue(key, old[key]);
        const to = describeValue(key, now[key]);
        lines.push(from === to ? `${label(name)}: ${key} changed` : `${label(name)}: ${key} ${from} → ${to}`);
      }
    }
  }
  return lines;
}

/** Keys in the schemas' order (gates, then deploy), unknown ones last. */
const keyOrder = [
  'pipeline_passed',
  'approvals',
  'approvers',
  'allow_self_approval',
  'freeze',
  'soak',
  'healthy_before',
  'environment',
  'environment_param',
  'verify_timeout',
];

function inKeyOrder(keys: string[]): string[] {
  const rank = (key: string) => (keyOrder.includes(key) ? keyOrder.indexOf(key) : keyOrder.length);
  return unique(keys).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function describeValue(key: string, value: unknown): string {
  if (value === undefined || value === null) return 'none';
  if (typeof value === 'number' && (key === 'soak' || key === 'verify_timeout')) return formatDuration(value);
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item === 'string')) return value.join(', ');
    return `${value.length} ${value.length === 1 ? 'window' : 'windows'}`;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return canonicalJson(value);
}

function withoutUndefined(value: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
