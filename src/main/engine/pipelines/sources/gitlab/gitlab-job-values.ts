// Readers of the job keys with a structure of their own: parallel, retry, artifacts, cache and
// environment. Each reports problems through `at` and returns what the model keeps.
import type { SourceLocation } from '../types.ts';
import type { GitlabArtifacts, GitlabCache, GitlabJob } from './gitlab-model-types.ts';
import { isPlainObject, textOf } from './gitlab-yaml.ts';

export type At = (location: SourceLocation | null, message: string) => void;
export type Strings = (value: unknown, what: string, where: SourceLocation | null) => string[];

export function environmentOf(value: unknown): GitlabJob['environment'] {
  if (typeof value === 'string') return { name: value, url: null, action: null, tier: null };
  if (!isPlainObject(value) || value.name === undefined) return null;
  const optional = (v: unknown) => (v === undefined ? null : textOf(v));
  return {
    name: textOf(value.name),
    url: optional(value.url),
    action: optional(value.action),
    tier: optional(value.deployment_tier),
  };
}

export function parallelOf(
  value: unknown,
  what: string,
  where: SourceLocation | null,
  at: At,
): number | Record<string, string[]>[] | null {
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 1 && value <= 200) return value;
    at(where, `${what}: expected a number from 1 to 200`);
    return null;
  }
  if (isPlainObject(value) && Array.isArray(value.matrix)) {
    const entries: Record<string, string[]>[] = [];
    for (const entry of value.matrix) {
      if (!isPlainObject(entry)) {
        at(where, `${what}.matrix: expected mappings of variables to values`);
        continue;
      }
      entries.push(
        Object.fromEntries(
          Object.entries(entry).map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).map((x) => String(x))]),
        ),
      );
    }
    return entries;
  }
  at(where, `${what}: expected a number or { matrix: [...] }`);
  return null;
}

/** The runner failures `retry: when` may name; on the host only a script's own failure happens. */
const RETRY_WHENS = new Set([
  'always',
  'unknown_failure',
  'script_failure',
  'api_failure',
  'stuck_or_timeout_failure',
  'runner_system_failure',
  'runner_unsupported',
  'stale_schedule',
  'job_execution_timeout',
  'archived_failure',
  'unmet_prerequisites',
  'scheduler_failure',
  'data_integrity_failure',
]);

export function retryOf(
  value: unknown,
  what: string,
  where: SourceLocation | null,
  at: At,
): { max: number; exitCodes: number[] | null } | null {
  const max = typeof value === 'number' ? value : isPlainObject(value) ? Number(value.max ?? 0) : NaN;
  if (!Number.isInteger(max) || max < 0 || max > 2) {
    at(where, `${what}: expected 0, 1 or 2 (or { max, when, exit_codes })`);
    return null;
  }
  if (max === 0) return null;
  let exitCodes: number[] | null = null;
  if (isPlainObject(value)) {
    const whens =
      value.when === undefined ? ['always'] : Array.isArray(value.when) ? value.when : [value.when];
    for (const when of whens)
      if (!RETRY_WHENS.has(String(when))) at(where, `${what}.when: "${String(when)}" is unknown`);
    // Only a script's failure happens on the host: other reasons alone never retry.
    if (
      !whens.some((when) =>
        ['always', 'script_failure', 'unknown_failure', 'job_execution_timeout'].includes(String(when)),
      )
    )
      return null;
    if (value.exit_codes !== undefined)
      exitCodes = (Array.isArray(value.exit_codes) ? value.exit_codes : [value.exit_codes]).map(Number);
  }
  return { max, exitCodes };
}

const ARTIFACT_WHENS = ['on_success', 'on_failure', 'always'] as const;

export function artifactsOf(
  value: unknown,
  what: string,
  where: SourceLocation | null,
  at: At,
  strings: Strings,
): GitlabArtifacts | null {
  if (!isPlainObject(value)) {
    at(where, `${what}: expected a mapping (paths, exclude, reports, when)`);
    return null;
  }
  const artifacts: GitlabArtifacts = { paths: [], exclude: [], when: 'on_success', dotenv: [] };
  for (const [key, field] of Object.entries(value)) {
    if (key === 'paths') artifacts.paths = strings(field, `${what}.paths`, where);
    else if (key === 'exclude') artifacts.exclude = strings(field, `${what}.exclude`, where);
    else if (key === 'when') {
      if ((ARTIFACT_WHENS as readonly unknown[]).includes(field))
        artifacts.when = field as GitlabArtifacts['when'];
      else at(where, `${what}.when: expected one of ${ARTIFACT_WHENS.join(', ')}`);
    } else if (key === 'reports') {
      if (!isPlainObject(field)) at(where, `${what}.reports: expected a mapping`);
      else
        for (const [report, files] of Object.entries(field)) {
          if (report === 'dotenv') artifacts.dotenv = strings(files, `${what}.reports.dotenv`, where);
          else artifacts.paths.push(...strings(files, `${what}.reports.${report}`, where)); // kept as files
        }
    } else if (!['name', 'expire_in', 'expose_as', 'public', 'access', 'untracked'].includes(key))
      at(where, `${what}: "${key}" is not supported yet`);
  }
  return artifacts;
}

export function cacheOf(
  value: unknown,
  what: string,
  where: SourceLocation | null,
  at: At,
  strings: Strings,
): GitlabCache[] {
  const entries = Array.isArray(value) ? value : [value];
  const result: GitlabCache[] = [];
  for (const entry of entries) {
    if (!isPlainObject(entry)) {
      at(where, `${what}: expected a mapping (key, paths, policy, when)`);
      continue;
    }
    const cache: GitlabCache = { key: 'default', paths: [], policy: 'pull-push', when: 'on_success' };
    for (const [key, field] of Object.entries(entry)) {
      if (key === 'paths') {
        if (!Array.isArray(field)) at(where, `${what}.paths: expected a list of paths`);
        else cache.paths = strings(field, `${what}.paths`, where);
      } else if (key === 'key') {
        if (
          isPlainObject(field) &&
          (!Array.isArray(field.files) || field.files.length < 1 || field.files.length > 2)
        )
          at(where, `${what}.key.files: expected one or two files`);
        if (isPlainObject(field))
          cache.key = {
            files: strings(field.files, `${what}.key.files`, where),
            prefix: field.prefix === undefined ? null : textOf(field.prefix),
          };
        else cache.key = String(field);
      } else if (key === 'policy') {
        if (field === 'pull' || field === 'push' || field === 'pull-push' || /^\$/.test(textOf(field)))
          cache.policy = textOf(field) as GitlabCache['policy'];
        else at(where, `${what}.policy: expected pull, push or pull-push`);
      } else if (key === 'when') {
        if ((ARTIFACT_WHENS as readonly unknown[]).includes(field)) cache.when = field as GitlabCache['when'];
        else at(where, `${what}.when: expected one of ${ARTIFACT_WHENS.join(', ')}`);
      } else if (!['untracked', 'unprotect', 'fallback_keys'].includes(key))
        at(where, `${what}: "${key}" is not supported yet`);
    }
    result.push(cache);
  }
  return result;
}
