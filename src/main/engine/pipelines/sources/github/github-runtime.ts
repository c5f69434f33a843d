// GitHub's run-time rules for a workflow plan: job and step `if:` with success(), failure(),
// always() and cancelled(); the contexts (github, env, matrix, needs, steps, inputs, job, runner);
// steps' GITHUB_OUTPUT, GITHUB_ENV, GITHUB_PATH and GITHUB_STEP_SUMMARY files; shells; job outputs.
import { writeFileSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { basename, delimiter, join } from 'node:path';
import type { JobStatus } from '../../../../../shared/domain/run.ts';
import type {
  Decision,
  JobSession,
  NeedResult,
  PipelineRuntime,
  RunPlan,
  StepShell,
  StepState,
} from '../types.ts';
import {
  evaluateCondition,
  evaluateTemplate,
  splitTemplate,
  type Contexts,
  type StatusFunctions,
} from './expressions.ts';
import { substituteScript } from './script-expressions.ts';
import { parseKeyValueFile, readFileOrEmpty } from './step-files.ts';
import { workflowCommandParser } from './workflow-commands.ts';

export interface GithubPlanData {
  env: Record<string, string>;
  workflow: string;
  event: string;
  /** The event as read from git when the run was planned (github-event.ts); absent in older plans. */
  trigger?: {
    ref: string;
    refName: string;
    refType: 'branch' | 'tag';
    headRef: string;
    baseRef: string;
    payload: Record<string, unknown>;
  };
}

export interface GithubJobData {
  jobId: string;
  if: string;
  env: Record<string, string>;
  outputs: Record<string, string>;
  matrix: Record<string, unknown>;
  strategy: { 'job-index': number; 'job-total': number; 'fail-fast': boolean };
  name: string | null;
}

export interface GithubStepData {
  id: string | null;
  if: string;
  run: string | null;
  uses: string | null;
  shell: string | null;
  env: Record<string, string>;
  name: string | null;
}

type Result = 'success' | 'failure' | 'cancelled' | 'skipped';

function resultOf(status: JobStatus): Result {
  if (status === 'success') return 'success';
  if (status === 'failed' || status === 'timed_out') return 'failure';
  if (status === 'skipped' || status === 'manual' || status === 'pending') return 'skipped';
  return 'cancelled';
}

const RANK: Record<Result, number> = { success: 0, skipped: 1, cancelled: 2, failure: 3 };

export function githubRuntime(plan: RunPlan): PipelineRuntime {
  const planData = plan.data as GithubPlanData;
  const groupOf = new Map(plan.jobs.map((job) => [job.id, job.group]));

  /** needs.<job id> as GitHub shows it: a matrix job's result is its worst combination's. */
  const needsContext = (needs: Record<string, NeedResult>) => {
    const byGroup: Record<string, { result: Result; outputs: Record<string, string> }> = {};
    for (const [id, need] of Object.entries(needs)) {
      const group = groupOf.get(id) ?? id;
      const result = resultOf(need.status);
      const current = byGroup[group];
      byGroup[group] = {
        result: current && RANK[current.result] > RANK[result] ? current.result : result,
        outputs: { ...current?.outputs, ...need.outputs },
      };
    }
    return byGroup;
  };

  const githubContext = (
    facts: {
      runId: number;
      projectDir: string;
      git: { sha: string | null; branch: string | null } | null;
      actor: string;
    },
    jobId: string,
  ) => ({
    sha: facts.git?.sha ?? '',
    ref: planData.trigger?.ref ?? (facts.git?.branch ? `refs/heads/${facts.git.branch}` : ''),
    ref_name: planData.trigger?.refName ?? facts.git?.branch ?? '',
    ref_type: planData.trigger?.refType ?? 'branch',
    head_ref: planData.trigger?.headRef ?? '',
    base_ref: planData.trigger?.baseRef ?? '',
    repository_owner: 'local',
    server_url: 'https://github.com',
    api_url: 'https://api.github.com',
    graphql_url: 'https://api.github.com/graphql',
    action_path: '',
    event_path: '',
    retention_days: '0',
    repository: basename(facts.projectDir),
    actor: facts.actor,
    triggering_actor: facts.actor,
    workspace: facts.projectDir,
    event_name: planData.event,
    event: planData.trigger?.payload ?? {},
    run_id: String(facts.runId),
    run_number: String(facts.runId),
    run_attempt: '1',
    job: jobId,
    workflow: planData.workflow,
  });

  return {
    decideJob(job, context): Decision {
      const data = job.data as GithubJobData;
      const needs = needsContext(context.needs);
      const results = Object.values(needs).map((need) => need.result);
      const status: StatusFunctions = {
        success: () => !context.cancelled && results.every((result) => result === 'success'),
        failure: () => results.some((result) => result === 'failure'),
        cancelled: () => context.cancelled,
      };
      const contexts: Contexts = {
        github: githubContext(context.facts, data.jobId),
        needs,
        inputs: context.params,
        matrix: data.matrix,
        vars: {},
      };
      if (evaluateCondition(data.if, contexts, status)) return { run: true };
      if (context.cancelled) return { run: false, status: 'cancelled', reason: 'the run was cancelled' };
      const unhappy = Object.entries(needs).filter(([, need]) => need.result !== 'success');
      const reason =
        job.condition !== null
          ? `${job.condition} was false`
          : unhappy
              .map(([id, need]) => `${id} ${need.result === 'failure' ? 'failed' : `was ${need.result}`}`)
              .join(', ');
      return { run: false, status: 'skipped', reason: reason || `if: ${data.if} was false` };
    },

    openJob(job, context): JobSession {
      const data = job.data as GithubJobData;
      const eventPath = join(context.workDir, 'event.json');
      writeFileSync(eventPath, JSON.stringify(planData.trigger?.payload ?? {}, null, 2), { mode: 0o600 });
      const base: Contexts = {
        github: { ...githubContext(context.facts, data.jobId), event_path: eventPath },
        needs: needsContext(context.needs),
        inputs: context.params,
        matrix: data.matrix,
        strategy: data.strategy,
        runner: { os: runnerOs(), arch: arch().toUpperCase(), temp: context.workDir, name: 'cockpit' },
        vars: {},
        // GITHUB_TOKEN exists on GitHub; here it is empty unless the project's store sets it.
        secrets: { GITHUB_TOKEN: '', ...context.secrets },
      };
      const workflowEnv = evaluateEnv(planData.env, { ...base, env: {} });
      const jobEnv = evaluateEnv(data.env, { ...base, env: workflowEnv });
      const addedEnv: Record<string, string> = {};
      const addedPath: string[] = [];
      const stepOutputs: Record<string, Record<string, string>> = {};
      let counter = 0;
      let files: Record<'output' | 'env' | 'path' | 'summary' | 'state', string> | null = null;
      /** GITHUB_STATE written by each step, by step key (an action's post step reads its own). */
      const savedState: Record<string, Record<string, string>> = {};

      const stepsContext = (steps: Record<string, StepState>) =>
        Object.fromEntries(
          Object.entries(steps)
            .filter(([key]) => !key.startsWith('__'))
            .map(([key, state]) => [
              key,
              { outcome: state.outcome, conclusion: state.conclusion, outputs: state.outputs },
            ]),
        );

      return {
        beginStep(step, stepContext) {
          const stepData = step.data as GithubStepData;
          const status: StatusFunctions = {
            success: () => !stepContext.cancelled && stepContext.jobStatus === 'success',
            failure: () => stepContext.jobStatus === 'failure',
            cancelled: () => stepContext.cancelled,
          };
          const env = { ...workflowEnv, ...jobEnv, ...addedEnv };
          const contexts: Contexts = {
            ...base,
            env,
            steps: stepsContext(stepContext.steps),
            job: { status: stepContext.jobStatus },
          };
          if (!evaluateCondition(stepData.if, contexts, status)) {
            const reason = stepContext.cancelled
              ? 'the run was cancelled'
              : stepData.if === 'success()' && stepContext.jobStatus === 'failure'
                ? 'an earlier step failed'
                : `if: ${stepData.if} was false`;
            return { run: false, reason };
          }
          if (stepData.uses !== null) {
            if (/^actions\/checkout@/.test(stepData.uses)) {
              return { run: false, reason: 'actions/checkout: the job uses the working tree as it is' };
            }
            throw new Error(
              `uses: ${stepData.uses} is not supported yet; only run: steps run offline so far`,
            );
          }
          counter++;
          files = {
            output: join(context.workDir, `output-${counter}`),
            env: join(context.workDir, `env-${counter}`),
            path: join(context.workDir, `path-${counter}`),
            summary: join(context.workDir, `summary-${counter}`),
            state: join(context.workDir, `state-${counter}`),
          };
          for (const file of Object.values(files)) writeFileSync(file, '', { mode: 0o600 });
          const stepEnv = evaluateEnv(stepData.env, contexts);
          const shellName = stepData.shell ?? 'bash';
          const substituted = substituteScript(shellName, splitTemplate(stepData.run ?? ''), (expression) =>
            evaluateTemplate(`\${{ ${expression} }}`, { ...contexts, env: { ...env, ...stepEnv } }, status),
          );
          const basePath = stepContext.baseEnv.PATH ?? '';
          return {
            run: true,
            step: {
              name: stepData.name ? evaluateTemplate(stepData.name, contexts, status) : step.name,
              script: substituted.script,
              shell: shellFor(stepData.shell),
              workingDirectory: step.workingDirectory,
              env: {
                ...stepContext.baseEnv,
                ...githubVariables(contexts.github as ReturnType<typeof githubContext>, context.workDir),
                ...env,
                ...stepEnv,
                ...substituted.env,
                PATH: [...addedPath, basePath].filter(Boolean).join(delimiter),
                GITHUB_OUTPUT: files.output,
                GITHUB_ENV: files.env,
                GITHUB_PATH: files.path,
                GITHUB_STEP_SUMMARY: files.summary,
                GITHUB_STATE: files.state,
                GITHUB_ACTION: step.key,
              },
            },
          };
        },
        endStep(step) {
          if (files === null) return {};
          const done = files;
          files = null;
          const outputs = parseKeyValueFile(readFileOrEmpty(done.output), 'GITHUB_OUTPUT');
          Object.assign(addedEnv, parseKeyValueFile(readFileOrEmpty(done.env), 'GITHUB_ENV'));
          addedPath.unshift(...readFileOrEmpty(done.path).split(/\r?\n/).filter(Boolean).reverse());
          stepOutputs[step.key] = outputs;
          savedState[step.key] = parseKeyValueFile(readFileOrEmpty(done.state), 'GITHUB_STATE');
          const summary = readFileOrEmpty(done.summary);
          return { outputs, summary: summary ? `${summary.replace(/\n?$/, '\n')}` : undefined };
        },
        endJob(status, steps) {
          const contexts: Contexts = {
            ...base,
            env: { ...workflowEnv, ...jobEnv, ...addedEnv },
            steps: stepsContext(steps),
            job: { status: resultOf(status) },
          };
          const outputs: Record<string, string> = {};
          for (const [name, template] of Object.entries(data.outputs)) {
            outputs[name] = evaluateTemplate(template, contexts);
          }
          return outputs;
        },
      };
    },
    outputParser: workflowCommandParser,
  };
}

function evaluateEnv(templates: Record<string, string>, contexts: Contexts): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, template] of Object.entries(templates))
    env[name] = evaluateTemplate(template, { ...contexts, env: { ...(contexts.env as object), ...env } });
  return env;
}

/** GitHub's shells on this machine: the default and `bash` differ as on GitHub's Linux runners. */
function shellFor(shell: string | null): StepShell {
  switch (shell) {
    case null:
      return { template: 'bash -e {0}', extension: '.sh' };
    case 'bash':
      return { template: 'bash --noprofile --norc -eo pipefail {0}', extension: '.sh' };
    case 'sh':
      return { template: 'sh -e {0}', extension: '.sh' };
    case 'python':
      return { template: 'python {0}', extension: '.py' };
    case 'pwsh':
      return { template: "pwsh -command . '{0}'", extension: '.ps1' };
    default:
      if (shell.includes('{0}')) return { template: shell, extension: '' };
      throw new Error(`shell "${shell}" is not known; use bash, sh, python, pwsh or a command with {0}`);
  }
}

function runnerOs(): string {
  const os = platform();
  return os === 'darwin' ? 'macOS' : os === 'win32' ? 'Windows' : 'Linux';
}

function githubVariables(github: Record<string, string | object>, workDir: string): Record<string, string> {
  const text = (key: string) => {
    const value = github[key];
    return typeof value === 'string' ? value : '';
  };
  return {
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: text('workspace'),
    GITHUB_SHA: text('sha'),
    GITHUB_REF: text('ref'),
    GITHUB_REF_NAME: text('ref_name'),
    GITHUB_REF_TYPE: text('ref_type'),
    GITHUB_HEAD_REF: text('head_ref'),
    GITHUB_BASE_REF: text('base_ref'),
    GITHUB_EVENT_PATH: text('event_path'),
    GITHUB_SERVER_URL: text('server_url'),
    GITHUB_API_URL: text('api_url'),
    GITHUB_REPOSITORY_OWNER: text('repository_owner'),
    GITHUB_REPOSITORY: text('repository'),
    GITHUB_ACTOR: text('actor'),
    GITHUB_EVENT_NAME: text('event_name'),
    GITHUB_RUN_ID: text('run_id'),
    GITHUB_RUN_NUMBER: text('run_number'),
    GITHUB_RUN_ATTEMPT: text('run_attempt'),
    GITHUB_JOB: text('job'),
    GITHUB_WORKFLOW: text('workflow'),
    RUNNER_OS: runnerOs(),
    RUNNER_TEMP: workDir,
  };
}
