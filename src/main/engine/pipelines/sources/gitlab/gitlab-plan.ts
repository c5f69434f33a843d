// The run's plan from the model, as GitLab creates a pipeline: predefined CI_* variables from the
// local repository (read once), `workflow: rules`, each job's `parallel` instances (`build 1/3`,
// `build: [aws, eu]`), its variables expanded, its rules or only/except judged, and what it waits
// for: its `needs`, or every job of the earlier stages that is in the pipeline.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { CockpitError } from '../../../../../shared/errors.ts';
import type { PlanJob, PlanStep } from '../types.ts';
import type { GitlabGitFacts } from './gitlab-git.ts';
import {
  MATRIX_EXPRESSION,
  type GitlabCache,
  type GitlabJob,
  type GitlabModel,
  type GitlabRule,
  type GitlabWhen,
} from './gitlab-model-types.ts';
import { evaluateRules, onlyExceptReason } from './gitlab-rules.ts';
import { expandText, expandVariables, type RawVariable } from './gitlab-variables.ts';

export interface GitlabJobData {
  when: GitlabWhen;
  stage: string;
  /** The jobs named in `needs` (null: it waits for the earlier stages, where skipped jobs do not count). */
  explicitNeeds: string[] | null;
  /** Jobs whose `reports: dotenv` variables this job receives. */
  dotenvFrom: string[];
  /** Its own dotenv reports, read when it ends. */
  dotenv: string[];
  caches: { key: string; paths: string[]; policy: GitlabCache['policy']; when: GitlabCache['when'] }[];
  allowFailureExitCodes: number[] | null;
}

interface Instance {
  id: string;
  job: GitlabJob;
  matrix: Record<string, string>;
  node: { index: number; total: number } | null;
}

export function predefinedVariables(projectDir: string, git: GitlabGitFacts | null): Record<string, string> {
  const ref = git?.tag ?? git?.branch ?? '';
  const variables: Record<string, string> = {
    CI: 'true',
    GITLAB_CI: 'false', // not on GitLab: scripts that need GitLab's API can tell
    CI_SERVER: 'yes',
    CI_PIPELINE_SOURCE: 'push',
    CI_PROJECT_DIR: projectDir,
    CI_BUILDS_DIR: projectDir,
    CI_PROJECT_NAME: basename(projectDir),
    CI_PROJECT_PATH: basename(projectDir),
    CI_PROJECT_PATH_SLUG: slug(basename(projectDir)),
    CI_DEFAULT_BRANCH: git?.defaultBranch ?? 'main',
    CI_COMMIT_SHA: git?.sha ?? '',
    CI_COMMIT_SHORT_SHA: (git?.sha ?? '').slice(0, 8),
    CI_COMMIT_BEFORE_SHA: '0000000000000000000000000000000000000000',
    CI_COMMIT_REF_NAME: ref,
    CI_COMMIT_REF_SLUG: slug(ref),
    CI_COMMIT_TITLE: git?.title ?? '',
    CI_COMMIT_MESSAGE: git?.message ?? '',
    CI_COMMIT_DESCRIPTION: (git?.message ?? '').split('\n').slice(1).join('\n').trim(),
    CI_COMMIT_AUTHOR: git?.author ?? '',
  };
  if (git?.branch && !git.tag) variables.CI_COMMIT_BRANCH = git.branch;
  if (git?.tag) variables.CI_COMMIT_TAG = git.tag;
  return variables;
}

/** GitLab's slug: lower case, [a-z0-9] and '-', at most 63 characters, no '-' at either end. */
function slug(text: string): string {
  return text
    .toLowerCase()
    .replaceAll(/[^a-z0-9]/g, '-')
    .slice(0, 63)
    .replaceAll(/^-+|-+$/g, '');
}

/**
 * GitLab's environment slug (Gitlab::Slug::Environment): lower case, [a-z0-9] and '-', starting with
 * a letter, no repeated '-'; a name that had to change, or is longer than 24, is cut to 17 characters
 * and given '-' and the last 6 base-36 digits of its SHA-256.
 */
export function environmentSlug(name: string): string {
  let slugified = name.toLowerCase().replaceAll(/[^a-z0-9]/g, '-');
  if (!/^[a-z]/.test(slugified)) slugified = `env-${slugified}`;
  slugified = slugified.replaceAll(/-+/g, '-');
  if (slugified.length <= 24 && slugified === name) return slugified.replace(/-$/, '');
  const digest = BigInt(`0x${createHash('sha256').update(name).digest('hex')}`).toString(36);
  return `${slugified.slice(0, 17)}-${digest.slice(-6)}`;
}

export function planGitlab(
  model: GitlabModel,
  projectDir: string,
  git: GitlabGitFacts | null,
): { env: Record<string, string>; jobs: PlanJob[] } {
  const predefined = predefinedVariables(projectDir, git);
  let globals = model.variables;
  let workflowSkip: string | null = null;
  if (model.workflowRules) {
    const variables = expandVariables(predefined, [globals]);
    const outcome = evaluateRules(
      model.workflowRules,
      { projectDir, git, variables: { ...predefined, ...variables } },
      'workflow: rules',
    );
    if (!outcome.included) workflowSkip = `${outcome.reason}: GitLab would not create this pipeline`;
    else if (outcome.rule) globals = { ...globals, ...outcome.rule.variables };
  }

  const instances = model.jobs.flatMap(expandParallel);
  const byJob = new Map<string, Instance[]>();
  for (const instance of instances) {
    const list = byJob.get(instance.job.name) ?? [];
    list.push(instance);
    byJob.set(instance.job.name, list);
  }

  interface Decided {
    instance: Instance;
    env: Record<string, string>;
    when: GitlabWhen;
    allowFailure: boolean;
    startIn: number | null;
    skip: string | null;
    rule: string | null;
    needs: GitlabJob['needs'];
  }
  const decided = instances.map((instance): Decided => {
    const { job } = instance;
    const inherited = job.globalVariables === model.variables ? globals : job.globalVariables;
    const matrixVars = Object.fromEntries(
      Object.entries(instance.matrix).map(([k, v]) => [k, { value: v, expand: false } satisfies RawVariable]),
    );
    const jobPredefined = {
      ...predefined,
      CI_JOB_NAME: instance.id,
      CI_JOB_NAME_SLUG: slug(instance.id),
      CI_JOB_STAGE: job.stage,
      ...(instance.node
        ? { CI_NODE_INDEX: String(instance.node.index), CI_NODE_TOTAL: String(instance.node.total) }
        : {}),
    };
    const layers = [inherited, job.variables, matrixVars];
    let env = expandVariables(jobPredefined, layers);
    const facts = { projectDir, git, variables: { ...jobPredefined, ...env } };
    let when = job.when;
    let allowFailure = job.allowFailure;
    let startIn = job.startIn;
    let skip: string | null = workflowSkip;
    let rule: string | null = null;
    let needs = job.needs;
    if (!skip && job.rules) {
      const outcome = evaluateRules(job.rules, facts);
      if (!outcome.included) skip = outcome.reason;
      else if (outcome.rule) {
        const matched: GitlabRule = outcome.rule;
        rule = `rules: rule ${outcome.index + 1}${matched.if ? ` (if: ${matched.if})` : ''}`;
        when = matched.when ?? job.when;
        if (matched.allowFailure !== null) allowFailure = matched.allowFailure;
        else if (!job.allowFailureSet) allowFailure = when === 'manual';
        if (matched.startIn !== null) startIn = matched.startIn;
        if (matched.needs !== null) needs = matched.needs;
        if (Object.keys(matched.variables).length > 0)
          env = expandVariables(jobPredefined, [...layers, matched.variables]);
      }
    } else if (!skip) {
      skip = onlyExceptReason(job.only, job.except, facts);
      if (!job.allowFailureSet) allowFailure = when === 'manual';
    }
    if (!skip && when === 'never') skip = 'when: never';
    if (!skip && when === 'delayed' && startIn === null) skip = 'when: delayed without start_in';
    if (job.environment) {
      const lookup = (name: string) => env[name] ?? jobPredefined[name as keyof typeof jobPredefined];
      const name = expandText(job.environment.name, lookup);
      Object.assign(env, {
        CI_ENVIRONMENT_NAME: name,
        CI_ENVIRONMENT_SLUG: environmentSlug(name),
        ...(job.environment.url ? { CI_ENVIRONMENT_URL: expandText(job.environment.url, lookup) } : {}),
        ...(job.environment.action ? { CI_ENVIRONMENT_ACTION: job.environment.action } : {}),
        ...(job.environment.tier ? { CI_ENVIRONMENT_TIER: job.environment.tier } : {}),
      });
    }
    return { instance, env: { ...jobPredefined, ...env }, when, allowFailure, startIn, skip, rule, needs };
  });

  const inPipeline = decided.filter((entry) => entry.skip === null);
  const order = (job: GitlabJob) => model.stages.indexOf(job.stage);
  const sorted = [...decided].sort((a, b) => order(a.instance.job) - order(b.instance.job));
  const plan = sorted.map((entry): PlanJob => {
    const { instance } = entry;
    const { job } = instance;
    let needs: string[] = [];
    let explicitNeeds: string[] | null = null;
    if (entry.skip === null) {
      if (entry.needs) {
        explicitNeeds = [];
        for (const need of entry.needs) {
          const targets = (byJob.get(need.job) ?? []).filter(
            (target) =>
              !need.matrix ||
              need.matrix.some((wanted) =>
                Object.entries(wanted).every(([k, values]) =>
                  values
                    .map((value) =>
                      value.replace(MATRIX_EXPRESSION, (_, key: string) => instance.matrix[key] ?? ''),
                    )
                    .includes(target.matrix[k] ?? ''),
                ),
              ),
          );
          const present = targets.filter((target) => inPipeline.some((other) => other.instance === target));
          if (present.length === 0 && !need.optional)
            throw new CockpitError(
              'CONFIG_INVALID',
              `${job.location.file}:${job.location.line}:${job.location.col}: ${instance.id} needs "${need.job}", which is not in this pipeline (its rules leave it out); mark the need optional: true`,
            );
          explicitNeeds.push(...present.map((target) => target.id));
        }
        needs = explicitNeeds;
      } else {
        // Optional manual jobs (allowed to fail) never hold later stages back, as in GitLab.
        needs = inPipeline
          .filter((other) => order(other.instance.job) < order(job))
          .filter((other) => !(other.when === 'manual' && other.allowFailure))
          .map((other) => other.instance.id);
      }
    }
    const dependencyNames = job.dependencies;
    const artifactNeeds = entry.needs
      ? new Set(entry.needs.filter((need) => need.artifacts).map((need) => need.job))
      : null;
    const dotenvFrom = needs.filter((id) => {
      const name = instances.find((other) => other.id === id)!.job.name;
      // Both must allow it: a need with artifacts: false gives nothing, whatever dependencies say.
      if (artifactNeeds !== null && !artifactNeeds.has(name)) return false;
      return dependencyNames === null || dependencyNames.includes(name);
    });
    const caches = job.cache.map((cache) => ({
      key: cacheKey(cache, entry.env),
      paths: cache.paths.map((path) => expandText(path, (name) => entry.env[name])),
      policy: cachePolicy(expandText(cache.policy, (name) => entry.env[name])),
      when: cache.when,
    }));
    const data: GitlabJobData = {
      when: entry.when,
      stage: job.stage,
      explicitNeeds,
      dotenvFrom,
      dotenv: job.artifacts?.dotenv.map((file) => expandText(file, (name) => entry.env[name])) ?? [],
      caches,
      allowFailureExitCodes: job.allowFailureExitCodes,
    };
    const notes = [
      ...job.ignored.map((key) => `"${key}" is ignored: the job runs on this machine.`),
      ...job.notes,
    ];
    if (entry.rule) notes.push(`In the pipeline by ${entry.rule}.`);
    if (job.interruptible)
      notes.push('interruptible: a newer run of this pipeline on this branch cancels this run.');
    return {
      id: instance.id,
      group: job.name,
      needs,
      description: `stage ${job.stage}`,
      location: job.location,
      when: entry.when === 'manual' ? 'manual' : 'auto',
      skip: entry.skip,
      condition: entry.when === 'on_failure' || entry.when === 'always' ? `when: ${entry.when}` : entry.rule,
      continueOnError: entry.allowFailure,
      timeoutMs: job.timeoutMs,
      retry: job.retry ? { count: job.retry.max, onExitCodes: job.retry.exitCodes } : null,
      workingDirectory: null,
      env: entry.env,
      secrets: [],
      artifacts: job.artifacts?.paths.map((path) => expandText(path, (name) => entry.env[name])) ?? [],
      ...(job.artifacts
        ? { artifactsExclude: job.artifacts.exclude, artifactsWhen: job.artifacts.when }
        : {}),
      ...(job.allowFailureExitCodes ? { allowFailureExitCodes: job.allowFailureExitCodes } : {}),
      ...(job.interruptible ? { interruptible: true } : {}),
      steps: steps(job, entry.startIn),
      notes,
      data,
    };
  });
  return { env: {}, jobs: plan };
}

function expandParallel(job: GitlabJob): Instance[] {
  const { parallel } = job;
  if (parallel === null) return [{ id: job.name, job, matrix: {}, node: null }];
  if (typeof parallel === 'number') {
    return Array.from({ length: parallel }, (_, i) => ({
      id: `${job.name} ${i + 1}/${parallel}`,
      job,
      matrix: {},
      node: { index: i + 1, total: parallel },
    }));
  }
  const combinations: Record<string, string>[] = [];
  for (const entry of parallel) {
    let partial: Record<string, string>[] = [{}];
    for (const [key, values] of Object.entries(entry))
      partial = partial.flatMap((combination) => values.map((value) => ({ ...combination, [key]: value })));
    combinations.push(...partial);
  }
  return combinations.map((matrix, i) => ({
    id: `${job.name}: [${Object.values(matrix).join(', ')}]`,
    job,
    matrix,
    node: { index: i + 1, total: combinations.length },
  }));
}

function cachePolicy(text: string): GitlabCache['policy'] {
  return text === 'pull' || text === 'push' ? text : 'pull-push';
}

function cacheKey(cache: GitlabCache, env: Record<string, string>): string {
  if (typeof cache.key === 'string') return expandText(cache.key, (name) => env[name]) || 'default';
  // key: files: the runtime hashes the files' contents; the plan keeps the names.
  return `files:${cache.key.prefix ?? ''}:${cache.key.files.join(',')}`;
}

function steps(job: GitlabJob, startIn: number | null): PlanStep[] {
  const step = (
    key: string,
    name: string,
    script: string,
    continueOnError: boolean,
    echo = true,
  ): PlanStep => ({
    key,
    name,
    script,
    shell: 'bash',
    echo,
    env: {},
    workingDirectory: null,
    continueOnError,
    timeoutMs: null,
    location: job.location,
  });
  const list: PlanStep[] = [];
  if (startIn !== null) {
    const seconds = Math.ceil(startIn / 1000);
    list.push(step('delayed', `start_in: waits ${seconds} s`, `sleep ${seconds}`, false));
  }
  if (job.cache.length > 0) list.push(step('cache_restore', 'restore cache', '', true, false));
  list.push(step('script', 'script', [...job.beforeScript, ...job.script].join('\n'), false));
  // after_script runs in a shell of its own, also after a failure; its failure does not fail the job.
  if (job.afterScript.length > 0)
    list.push(step('after_script', 'after_script', job.afterScript.join('\n'), true));
  if (job.cache.length > 0) list.push(step('cache_save', 'save cache', '', true, false));
  return list;
}
