// Which keys .gitlab-ci.yml may hold: top-level keys that are not jobs, the job keys supported, and
// those accepted without effect on the host. A key in none of them is a problem naming it.

/** Top-level keys that are not jobs. */
export const GLOBAL_KEYS = new Set([
  'stages',
  'variables',
  'before_script',
  'after_script',
  'image',
  'services',
  'cache',
  'default',
  'include',
  'workflow',
  'types',
  'spec',
]);
export const JOB_KEYS = new Set([
  'stage',
  'script',
  'before_script',
  'after_script',
  'needs',
  'dependencies',
  'variables',
  'when',
  'start_in',
  'allow_failure',
  'rules',
  'only',
  'except',
  'parallel',
  'timeout',
  'retry',
  'interruptible',
  'artifacts',
  'cache',
  'inherit',
  'extends',
]);
/** Accepted and without effect on the host, said so in the job's log. */
export const IGNORED_ON_HOST = new Set([
  'image',
  'tags',
  'services',
  'environment',
  'coverage',
  'resource_group',
  'id_tokens',
  'hooks',
  'dast_configuration',
  'identity',
  'manual_confirmation',
  'description',
]);
