// .gitlab-ci.yml read into a model with every problem at file:line:col: the files are read and merged
// (gitlab-yaml.ts), each job's `extends` and `default:` applied (gitlab-extends.ts), then each key
// checked. Keys without meaning on the host (image, tags, …) are accepted and said so in the log;
// any other key GitLab has that is not supported is named as a problem.
import { join } from 'node:path';
import type { ConfigProblem } from '../../../../../shared/domain/project.ts';
import type { ProjectFiles, SourceLocation } from '../types.ts';
import { checkExpression, ExpressionError } from './gitlab-expression.ts';
import { applyDefaults, ExtendsError, inheritedVariables, resolveExtends } from './gitlab-extends.ts';
import type { RawVariable } from './gitlab-variables.ts';
import { isPlainObject, locateField, locateValue, readGitlabConfig, textOf } from './gitlab-yaml.ts';

/** `$[[ matrix.KEY ]]` in a need's matrix: the consuming job's own value of KEY. */
export const MATRIX_EXPRESSION = /\$\[\[\s*matrix\.([A-Za-z_][A-Za-z0-9_]*)\s*\]\]/g;

export const DEFAULT_STAGES = ['.pre', 'build', 'test', 'deploy', '.post'];
const WHENS = ['on_success', 'on_failure', 'always', 'manual', 'delayed', 'never'] as const;
export type GitlabWhen = (typeof WHENS)[number];

export interface GitlabRule {
  if: string | null;
  changes: string[] | null;
  exists: string[] | null;
  when: GitlabWhen | null;
  allowFailure: boolean | null;
  variables: Record<string, RawVariable>;
  startIn: number | null;
  /** The rule's `needs`, replacing the job's. */
  needs: GitlabNeed[] | null;
}

export interface OnlyExcept {
  refs: string[] | null;
  variables: string[] | null;
  changes: string[] | null;
}

export interface GitlabNeed {
  job: string;
  optional: boolean;
  artifacts: boolean;
  /** `needs: [{ job, parallel: { matrix } }]`: only these combinations (each key one of its values). */
  matrix: Record<string, string[]>[] | null;
}

export interface GitlabArtifacts {
  paths: string[];
  exclude: string[];
  when: 'on_success' | 'on_failure' | 'always';
  dotenv: string[];
}

export interface GitlabCache {
  key: string | { files: string[]; prefix: string | null };
  paths: string[];
  /** pull, push, pull-push, or a variable that names one (expanded when the run is planned). */
  policy: 'pull' | 'push' | 'pull-push';
  when: 'on_success' | 'on_failure' | 'always';
}

export interface GitlabJob {
  name: string;
  stage: string;
  script: string[];
  beforeScript: string[];
  afterScript: string[];
  /** null: no `needs` key (the job waits for every earlier stage). */
  needs: GitlabNeed[] | null;
  /** null: every job it waits for; otherwise whose artifacts (dotenv) it takes. */
  dependencies: string[] | null;
  /** The global variables it inherits, then its own (raw: expanded when the run is planned). */
  globalVariables: Record<string, RawVariable>;
  variables: Record<string, RawVariable>;
  when: GitlabWhen;
  startIn: number | null;
  allowFailure: boolean;
  /** allow_failure was written (manual jobs default to true otherwise). */
  allowFailureSet: boolean;
  allowFailureExitCodes: number[] | null;
  rules: GitlabRule[] | null;
  only: OnlyExcept | null;
  except: OnlyExcept | null;
  parallel: number | Record<string, string[]>[] | null;
  timeoutMs: number | null;
  retry: { max: number; exitCodes: number[] | null } | null;
  interruptible: boolean;
  artifacts: GitlabArtifacts | null;
  cache: GitlabCache[];
  /** `environment:` for the CI_ENVIRONMENT_* variables (the cockpit's own environments are separate). */
  environment: { name: string; url: string | null; action: string | null; tier: string | null } | null;
  /** Keys accepted but without effect on the host (image, tags), to say so in the log. */
  ignored: string[];
  /** Other lines for the top of the job's log (what was ignored offline, and why). */
  notes: string[];
  location: SourceLocation;
  needsLocation: SourceLocation | null;
}

export interface GitlabModel {
  stages: string[];
  variables: Record<string, RawVariable>;
  workflowRules: GitlabRule[] | null;
  jobs: GitlabJob[];
}

/** Top-level keys that are not jobs. */
const GLOBAL_KEYS = new Set([
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
const JOB_KEYS = new Set([
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
const IGNORED_ON_HOST = new Set([
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

export function parseGitlab(
  files: ProjectFiles,
  mainFile: string,
): { model: GitlabModel | null; problems: ConfigProblem[] } {
  const { config, problems } = readGitlabConfig(files, mainFile);
  if (!config) return { model: null, problems };
  const at = (location: SourceLocation | null, message: string) => {
    const where = location ?? { file: mainFile, line: 1, col: 1 };
    problems.push({ file: join(files.root, where.file), line: where.line, col: where.col, message });
  };
  const { values, origins } = config;
  const strings = (value: unknown, what: string, where: SourceLocation | null, depth = 0): string[] => {
    if (value === null || value === undefined) return [];
    if (depth > 10) {
      at(where, `${what}: lists nest more than 10 levels`);
      return [];
    }
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      return [String(value)];
    if (Array.isArray(value)) return value.flatMap((item) => strings(item, what, where, depth + 1));
    at(where, `${what}: expected text or a list of text`);
    return [];
  };
  const variablesOf = (value: unknown, what: string, where: SourceLocation | null) => {
    const result: Record<string, RawVariable> = {};
    if (value === null || value === undefined) return result;
    if (!isPlainObject(value)) {
      at(where, `${what}: expected a mapping of names to values`);
      return result;
    }
    for (const [key, raw] of Object.entries(value)) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) at(where, `${what}: "${key}" is not a variable name`);
      else if (raw === null || raw === undefined) result[key] = { value: '', expand: true };
      else if (typeof raw !== 'object') result[key] = { value: textOf(raw), expand: true };
      else if (isPlainObject(raw) && (raw.value === undefined || typeof raw.value !== 'object'))
        result[key] = {
          value: raw.value === undefined ? '' : textOf(raw.value),
          expand: raw.expand !== false,
        };
      else at(where, `${what}.${key}: expected a value`);
    }
    return result;
  };
  const whenOf = (value: unknown, what: string, where: SourceLocation | null): GitlabWhen | null => {
    if ((WHENS as readonly unknown[]).includes(value)) return value as GitlabWhen;
    at(where, `${what}: expected one of ${WHENS.join(', ')}`);
    return null;
  };
  const rulesOf = (value: unknown, what: string, where: SourceLocation | null): GitlabRule[] | null => {
    if (!Array.isArray(value)) {
      at(where, `${what}: expected a list of rules`);
      return null;
    }
    if (value.length === 0) {
      at(where, `${what}: a list of rules cannot be empty`);
      return null;
    }
    return value.flat(9).flatMap((rule: unknown): GitlabRule[] => {
      if (!isPlainObject(rule)) {
        at(where, `${what}: expected each rule to be a mapping (if, changes, exists, when, …)`);
        return [];
      }
      for (const key of Object.keys(rule)) {
        if (
          !['if', 'changes', 'exists', 'when', 'allow_failure', 'variables', 'start_in', 'needs'].includes(
            key,
          )
        )
          at(where, `${what}: "${key}" in a rule is not supported yet`);
      }
      let condition: string | null = null;
      if (rule.if !== undefined) {
        condition = textOf(rule.if);
        try {
          checkExpression(condition);
        } catch (error) {
          if (error instanceof ExpressionError) at(where, `${what}: if "${condition}": ${error.message}`);
          else throw error;
        }
      }
      const pathList = (v: unknown, key: string) =>
        v === undefined ? null : strings(isPlainObject(v) ? v.paths : v, `${what}.${key}`, where);
      return [
        {
          if: condition,
          changes: pathList(rule.changes, 'changes'),
          exists: pathList(rule.exists, 'exists'),
          when: rule.when === undefined ? null : whenOf(rule.when, `${what}.when`, where),
          allowFailure: typeof rule.allow_failure === 'boolean' ? rule.allow_failure : null,
          variables: variablesOf(rule.variables, `${what}.variables`, where),
          startIn: rule.start_in === undefined ? null : durationOf(rule.start_in, `${what}.start_in`, where),
          needs: rule.needs === undefined ? null : needsOf(rule.needs, `${what}.needs`, where),
        },
      ];
    });
  };
  /** Notes for the job being read: needs on other projects, which cannot be met offline. */
  let offlineNeeds: string[] = [];
  function needsOf(value: unknown, name: string, where: SourceLocation | null): GitlabNeed[] | null {
    if (!Array.isArray(value)) {
      at(where, `${name}.needs: expected a list of job names`);
      return null;
    }
    const needs: GitlabNeed[] = [];
    // A !reference to another job's needs puts a list in the list: GitLab flattens it.
    for (const item of value.flat(10) as unknown[]) {
      if (isPlainObject(item) && (item.pipeline !== undefined || item.project !== undefined)) {
        offlineNeeds.push(
          `needs: ${textOf(item.project ?? item.pipeline)} ${textOf(item.job ?? '')} is another project's or pipeline's job: ignored offline.`,
        );
        continue;
      }
      const need: GitlabNeed | null =
        typeof item === 'string'
          ? { job: item, optional: false, artifacts: true, matrix: null }
          : isPlainObject(item) && typeof item.job === 'string'
            ? {
                job: item.job,
                optional: item.optional === true,
                artifacts: item.artifacts !== false,
                matrix:
                  isPlainObject(item.parallel) && Array.isArray(item.parallel.matrix)
                    ? (item.parallel.matrix as Record<string, unknown>[]).map((entry) =>
                        Object.fromEntries(
                          Object.entries(entry).map(([k, v]) => [
                            k,
                            (Array.isArray(v) ? v : [v]).map(textOf),
                          ]),
                        ),
                      )
                    : null,
              }
            : null;
      if (need === null)
        at(where, `${name}.needs: expected a job name or { job: NAME } (entries cannot be empty)`);
      else if (!allNames.has(need.job) && !need.optional)
        at(where, `${name} needs "${need.job}", which is not a job in this file`);
      else if (allNames.has(need.job)) needs.push(need);
    }
    return needs;
  }
  function durationOf(value: unknown, what: string, where: SourceLocation | null): number | null {
    const ms = parseDuration(value);
    if (ms === null) at(where, `${what}: "${String(value)}" is not a duration (like "30 minutes", "1h 30m")`);
    return ms;
  }
  const onlyExcept = (value: unknown, what: string, where: SourceLocation | null): OnlyExcept | null => {
    if (value === undefined) return null;
    if (typeof value === 'string' || Array.isArray(value))
      return { refs: strings(value, what, where), variables: null, changes: null };
    if (!isPlainObject(value)) {
      at(where, `${what}: expected a list of refs or { refs, variables, changes }`);
      return null;
    }
    for (const key of Object.keys(value))
      if (!['refs', 'variables', 'changes'].includes(key))
        at(where, `${what}: "${key}" is not supported yet`);
    const variables =
      value.variables === undefined ? null : strings(value.variables, `${what}.variables`, where);
    for (const expression of variables ?? []) {
      try {
        checkExpression(expression);
      } catch (error) {
        at(where, `${what}.variables "${expression}": ${(error as Error).message}`);
      }
    }
    return {
      refs: value.refs === undefined ? null : strings(value.refs, `${what}.refs`, where),
      variables,
      changes:
        value.changes === undefined
          ? null
          : strings(
              isPlainObject(value.changes) ? value.changes.paths : value.changes,
              `${what}.changes`,
              where,
            ),
    };
  };

  const allNames = new Set([...values.keys()].filter((key) => !key.startsWith('.') && !GLOBAL_KEYS.has(key)));
  const model: GitlabModel = { stages: DEFAULT_STAGES, variables: {}, workflowRules: null, jobs: [] };
  const globalOf = (key: string) => locateField(origins.get(key));
  // The old top-level before_script, after_script, image, cache and services act as `default:`.
  const defaults: Record<string, unknown> = {};
  for (const key of ['before_script', 'after_script', 'image', 'cache', 'services'])
    if (values.has(key)) defaults[key] = values.get(key);
  const jobNames: string[] = [];
  for (const [key, value] of values) {
    if (key.startsWith('.')) continue; // hidden jobs and templates
    if (!GLOBAL_KEYS.has(key)) {
      jobNames.push(key);
      continue;
    }
    const where = globalOf(key);
    if (key === 'stages' || key === 'types') {
      if (!Array.isArray(value)) at(where, `${key}: expected a list of stage names`);
      const stages = strings(value, key, where);
      model.stages = ['.pre', ...stages.filter((s) => s !== '.pre' && s !== '.post'), '.post'];
    } else if (key === 'variables') model.variables = variablesOf(value, 'variables', where);
    else if (key === 'default') {
      if (!isPlainObject(value)) at(where, 'default: expected a mapping');
      else Object.assign(defaults, value);
    } else if (key === 'workflow') {
      if (!isPlainObject(value)) at(where, 'workflow: expected a mapping with "rules"');
      else {
        for (const field of Object.keys(value))
          if (field !== 'rules' && field !== 'name' && field !== 'auto_cancel')
            at(where, `workflow: "${field}" is not supported yet`);
        if (value.rules !== undefined) model.workflowRules = rulesOf(value.rules, 'workflow.rules', where);
      }
    } else if (key === 'spec') at(where, '"spec" (component inputs) is not supported yet');
  }

  for (const name of jobNames) {
    const origin = origins.get(name);
    const location = locateField(origin)!;
    const fieldAt = (field: string) => locateField(origin, field);
    let raw: Record<string, unknown>;
    try {
      if (!isPlainObject(values.get(name))) {
        at(location, `job "${name}": expected a mapping with at least "script"`);
        continue;
      }
      raw = applyDefaults(resolveExtends(name, values), defaults);
    } catch (error) {
      if (!(error instanceof ExtendsError)) throw error;
      at(fieldAt('extends'), `${name}: ${error.message}`);
      continue;
    }
    const job: GitlabJob = {
      name,
      stage: 'test',
      script: [],
      beforeScript: [],
      afterScript: [],
      needs: null,
      dependencies: null,
      globalVariables: inheritedVariables(raw, model.variables),
      variables: {},
      when: 'on_success',
      startIn: null,
      allowFailure: false,
      allowFailureSet: false,
      allowFailureExitCodes: null,
      rules: null,
      only: null,
      except: null,
      parallel: null,
      timeoutMs: null,
      retry: null,
      interruptible: false,
      artifacts: null,
      cache: [],
      environment: null,
      ignored: [],
      notes: [],
      location,
      needsLocation: null,
    };
    offlineNeeds = [];
    for (const [field, value] of Object.entries(raw)) {
      const where = fieldAt(field);
      const what = `${name}.${field}`;
      if (field === 'environment') job.environment = environmentOf(value);
      if (IGNORED_ON_HOST.has(field)) {
        job.ignored.push(field);
        continue;
      }
      if (!JOB_KEYS.has(field)) {
        at(where, `${name}: "${field}" is not supported yet (see docs/ci-compatibility.md)`);
        continue;
      }
      switch (field) {
        case 'stage':
          if (typeof value === 'string') job.stage = value;
          else at(where, `${what}: expected a stage name`);
          break;
        case 'script':
          job.script = strings(value, what, where);
          break;
        case 'before_script':
          job.beforeScript = strings(value, what, where);
          break;
        case 'after_script':
          job.afterScript = strings(value, what, where);
          break;
        case 'variables':
          job.variables = variablesOf(value, what, where);
          break;
        case 'when':
          if (value === 'never') at(where, `${what}: "never" can only be used in rules or workflow: rules`);
          job.when = whenOf(value, what, where) ?? 'on_success';
          break;
        case 'start_in':
          job.startIn = durationOf(value, what, where);
          break;
        case 'allow_failure':
          job.allowFailureSet = true;
          if (typeof value === 'boolean') job.allowFailure = value;
          else if (isPlainObject(value) && value.exit_codes !== undefined) {
            const codes = (Array.isArray(value.exit_codes) ? value.exit_codes : [value.exit_codes]).map(
              Number,
            );
            if (codes.some((code) => !Number.isInteger(code)))
              at(where, `${what}.exit_codes: expected numbers`);
            job.allowFailureExitCodes = codes;
          } else at(where, `${what}: expected true, false or { exit_codes: [...] }`);
          break;
        case 'rules':
          job.rules = rulesOf(value, what, where);
          break;
        case 'only':
          job.only = onlyExcept(value, what, where);
          break;
        case 'except':
          job.except = onlyExcept(value, what, where);
          break;
        case 'dependencies':
          job.dependencies = strings(value, what, where);
          for (const dependency of job.dependencies)
            if (!allNames.has(dependency))
              at(where, `${name}: dependencies: "${dependency}" is not a job in this file`);
          break;
        case 'parallel':
          job.parallel = parallelOf(value, what, where, at);
          break;
        case 'timeout':
          job.timeoutMs = durationOf(value, what, where);
          break;
        case 'retry':
          job.retry = retryOf(value, what, where, at);
          break;
        case 'interruptible':
          job.interruptible = value === true;
          break;
        case 'artifacts':
          job.artifacts = artifactsOf(value, what, where, at, strings);
          break;
        case 'cache':
          job.cache = cacheOf(value, what, where, at, strings);
          break;
        case 'needs':
          job.needsLocation = locateValue(origin, 'needs');
          job.needs = needsOf(value, name, where) ?? [];
          break;
        default: // inherit, extends: applied above
      }
    }
    job.notes.push(...offlineNeeds);
    if (job.script.length === 0) at(location, `job "${name}" has no script`);
    if (job.needs && job.dependencies) {
      const needed = new Set(job.needs.map((need) => need.job));
      const outside = job.dependencies.filter((dependency) => !needed.has(dependency));
      if (outside.length > 0)
        at(fieldAt('dependencies'), `${name}: dependencies ${outside.join(', ')} are not in its needs`);
    }
    if (!model.stages.includes(job.stage))
      at(
        location,
        `${name}: stage "${job.stage}" is not in stages (${model.stages.slice(1, -1).join(', ')})`,
      );
    if (job.when === 'delayed' && job.startIn === null)
      at(location, `${name}: when: delayed needs "start_in"`);
    model.jobs.push(job);
  }
  const stageOf = new Map(model.jobs.map((job) => [job.name, model.stages.indexOf(job.stage)]));
  const byName = new Map(model.jobs.map((job) => [job.name, job]));
  for (const job of model.jobs) {
    for (const need of job.needs ?? []) {
      if (need.matrix) {
        if (!Array.isArray(byName.get(need.job)?.parallel))
          at(
            job.needsLocation,
            `${job.name} needs "${need.job}" by parallel: matrix, but it has no parallel: matrix`,
          );
        const ownKeys = new Set(
          Array.isArray(job.parallel) ? job.parallel.flatMap((entry) => Object.keys(entry)) : [],
        );
        for (const value of need.matrix.flatMap((entry) => Object.values(entry).flat())) {
          for (const [, key] of value.matchAll(MATRIX_EXPRESSION)) {
            if (!Array.isArray(job.parallel))
              at(
                job.needsLocation,
                `${job.name} uses $[[ matrix.${key} ]] in needs but has no parallel: matrix`,
              );
            else if (!ownKeys.has(key!))
              at(job.needsLocation, `${job.name}: $[[ matrix.${key} ]] is not a key of its parallel: matrix`);
          }
        }
      }
      if ((stageOf.get(need.job) ?? -1) > model.stages.indexOf(job.stage))
        at(job.needsLocation, `${job.name} needs "${need.job}", which is in a later stage`);
    }
  }
  if (model.jobs.length === 0 && problems.length === 0)
    at(locateField(origins.values().next().value), 'no jobs: a job is a top-level key with a "script"');
  return { model: problems.length ? null : model, problems };
}

function environmentOf(value: unknown): GitlabJob['environment'] {
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

type At = (location: SourceLocation | null, message: string) => void;
type Strings = (value: unknown, what: string, where: SourceLocation | null) => string[];

function parallelOf(
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

function retryOf(
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

function artifactsOf(
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

function cacheOf(
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

const UNITS: Record<string, number> = {
  s: 1000,
  sec: 1000,
  second: 1000,
  m: 60_000,
  min: 60_000,
  minute: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hour: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  w: 604_800_000,
  week: 604_800_000,
};

/** GitLab's durations: "30", "30 seconds", "1h 30m", "2 hours and 10 minutes", "1 day". */
export function parseDuration(value: unknown): number | null {
  if (typeof value === 'number') return value * 1000;
  if (typeof value !== 'string') return null;
  const text = value.trim().toLowerCase().replaceAll(' and ', ' ');
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  let total = 0;
  let matched = '';
  for (const part of text.matchAll(/(\d+(?:\.\d+)?)\s*([a-z]+?)s?(?=\s|\d|$)/g)) {
    const unit = UNITS[part[2]!];
    if (unit === undefined) return null;
    total += Number(part[1]) * unit;
    matched += part[0];
  }
  return matched.replaceAll(/\s/g, '') === text.replaceAll(/\s/g, '') && total > 0 ? total : null;
}
