// `extends` and `default:` as GitLab applies them: a job's `extends` chain (up to 11 levels, several
// parents merged left to right, the job itself last) is deep-merged — hashes key by key, lists and
// text replaced — and then `default:` fills the keys the job still lacks, unless `inherit:` says not.
import { deepMerge, isPlainObject } from './gitlab-yaml.ts';

const MAX_EXTENDS_DEPTH = 11;

/** The keys `default:` may give jobs (GitLab's list). */
export const DEFAULT_KEYS = [
  'after_script',
  'artifacts',
  'before_script',
  'cache',
  'hooks',
  'id_tokens',
  'image',
  'interruptible',
  'retry',
  'services',
  'tags',
  'timeout',
];

export class ExtendsError extends Error {}

/** The job with its `extends` chain merged in (throws ExtendsError naming the bad link). */
export function resolveExtends(
  name: string,
  values: ReadonlyMap<string, unknown>,
  chain: string[] = [],
): Record<string, unknown> {
  const job = values.get(name);
  if (!isPlainObject(job)) throw new ExtendsError(`extends "${name}", which is not a job or template`);
  if (job.extends === undefined) return job;
  if (chain.length >= MAX_EXTENDS_DEPTH)
    throw new ExtendsError(
      `extends nests more than ${MAX_EXTENDS_DEPTH} levels (${[...chain, name].join(' → ')})`,
    );
  const parents = Array.isArray(job.extends) ? job.extends : [job.extends];
  let merged: Record<string, unknown> = {};
  for (const parent of parents) {
    if (typeof parent !== 'string') throw new ExtendsError('extends: expected a job name or a list of them');
    if (parent === name || chain.includes(parent))
      throw new ExtendsError(`extends forms a cycle: ${[...chain, name, parent].join(' → ')}`);
    if (!values.has(parent)) throw new ExtendsError(`extends "${parent}", which is not in this file`);
    merged = deepMerge(merged, resolveExtends(parent, values, [...chain, name]));
  }
  const own = { ...job };
  delete own.extends;
  return deepMerge(merged, own);
}

/**
 * `default:` keys (and the old top-level before_script, after_script, image, cache, services) for
 * the keys the job does not set, as far as `inherit: default:` allows.
 */
export function applyDefaults(
  job: Record<string, unknown>,
  defaults: Record<string, unknown>,
): Record<string, unknown> {
  const inherit = isPlainObject(job.inherit) ? job.inherit.default : undefined;
  const allowed = (key: string) =>
    inherit === undefined || inherit === true || (Array.isArray(inherit) && inherit.includes(key));
  const result = { ...job };
  for (const key of DEFAULT_KEYS) {
    if (result[key] === undefined && defaults[key] !== undefined && allowed(key)) result[key] = defaults[key];
  }
  return result;
}

/** The global variables a job inherits (`inherit: variables: false | [names]`). */
export function inheritedVariables<T>(
  job: Record<string, unknown>,
  globals: Record<string, T>,
): Record<string, T> {
  const inherit = isPlainObject(job.inherit) ? job.inherit.variables : undefined;
  if (inherit === false) return {};
  if (Array.isArray(inherit))
    return Object.fromEntries(Object.entries(globals).filter(([key]) => inherit.includes(key)));
  return globals;
}
