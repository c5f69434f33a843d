// .gitlab-ci.yml read into a model with every problem at file:line:col: the files are read and merged
// (gitlab-yaml.ts), each job's `extends` and `default:` applied (gitlab-extends.ts), then each key
// checked. Keys without meaning on the host (image, tags, …) are accepted and said so in the log;
// any other key GitLab has that is not supported is named as a problem.
import { join } from 'node:path';
import type { ConfigProblem } from '../../../../../shared/domain/project.ts';
import type { ProjectFiles, SourceLocation } from '../types.ts';
import { applyDefaults, ExtendsError, inheritedVariables, resolveExtends } from './gitlab-extends.ts';
import { artifactsOf, cacheOf, environmentOf, parallelOf, retryOf } from './gitlab-job-values.ts';
import { GLOBAL_KEYS, IGNORED_ON_HOST, JOB_KEYS } from './gitlab-keys.ts';
import { DEFAULT_STAGES, MATRIX_EXPRESSION, type GitlabJob, type GitlabModel } from './gitlab-model-types.ts';
import { GitlabValueReader } from './gitlab-value-readers.ts';
import { isPlainObject, locateField, locateValue, readGitlabConfig } from './gitlab-yaml.ts';

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

  const allNames = new Set([...values.keys()].filter((key) => !key.startsWith('.') && !GLOBAL_KEYS.has(key)));
  const read = new GitlabValueReader(at, allNames);
  const { strings, variablesOf, whenOf, rulesOf, needsOf, durationOf, onlyExcept } = read;
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
    read.offlineNeeds = [];
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
    job.notes.push(...read.offlineNeeds);
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
