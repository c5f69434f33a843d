// The contexts GitHub gives a job's expressions that come from outside the job: github.*, needs.*
// (with matrix jobs and reusable-workflow calls folded as GitHub shows them), and the inputs and
// secrets a reusable workflow's call passes in.
import { basename } from 'node:path';
import type { JobStatus } from '../../../../../shared/domain/run.ts';
import type { NeedResult, RunFacts, RunPlan } from '../types.ts';
import { evaluateJson, evaluateTemplate, splitTemplate, type Contexts } from './expressions.ts';
import type { CallerData, GithubJobData, GithubPlanData } from './github-plan-data.ts';

export type Result = 'success' | 'failure' | 'cancelled' | 'skipped';

export function resultOf(status: JobStatus): Result {
  if (status === 'success') return 'success';
  if (status === 'failed' || status === 'timed_out') return 'failure';
  if (status === 'skipped' || status === 'manual' || status === 'pending') return 'skipped';
  return 'cancelled';
}

const RANK: Record<Result, number> = { success: 0, skipped: 1, cancelled: 2, failure: 3 };

export type GithubContexts = ReturnType<typeof githubContexts>;

/** The run-wide contexts of a plan, as functions of a job's needs and facts. */
export function githubContexts(plan: RunPlan) {
  const planData = plan.data as GithubPlanData;
  const groupOf = new Map(plan.jobs.map((job) => [job.id, job.group]));
  const jobData = new Map(plan.jobs.map((job) => [job.id, job.data as GithubJobData]));

  /**
   * needs.<job id> as GitHub shows it to a job inside the calls `chain`: a matrix job's result is its
   * worst combination's; a call of a reusable workflow is one need (its jobs' worst result, and the
   * workflow_call outputs computed over its jobs).
   */
  const needsContext = (needs: Record<string, NeedResult>, chain: CallerData[] = []) => {
    const own = new Set(chain.map((caller) => caller.key));
    const byGroup: Record<string, { result: Result; outputs: Record<string, string> }> = {};
    const callJobs: Record<
      string,
      { caller: CallerData; jobs: Record<string, { result: Result; outputs: Record<string, string> }> }
    > = {};
    const merge = (
      target: Record<string, { result: Result; outputs: Record<string, string> }>,
      key: string,
      result: Result,
      outputs: Record<string, string>,
    ) => {
      const current = target[key];
      target[key] = {
        result: current && RANK[current.result] > RANK[result] ? current.result : result,
        outputs: { ...current?.outputs, ...outputs },
      };
    };
    for (const [id, need] of Object.entries(needs)) {
      const data = jobData.get(id);
      const result = resultOf(need.status);
      const call = (data?.callers ?? []).find((caller) => !own.has(caller.key));
      if (call) {
        merge(byGroup, call.jobId, result, {});
        callJobs[call.jobId] ??= { caller: call, jobs: {} };
        const callers = data!.callers!;
        const inner = callers[callers.indexOf(call) + 1];
        merge(callJobs[call.jobId]!.jobs, inner ? inner.jobId : (data?.jobId ?? id), result, need.outputs);
      } else {
        merge(byGroup, data?.jobId ?? groupOf.get(id) ?? id, result, need.outputs);
      }
    }
    for (const [jobId, { caller, jobs }] of Object.entries(callJobs)) {
      const outputs: Record<string, string> = {};
      for (const [name, template] of Object.entries(caller.outputs)) {
        try {
          outputs[name] = evaluateTemplate(template, { jobs, inputs: {}, github: {}, vars: {} });
        } catch {
          outputs[name] = '';
        }
      }
      byGroup[jobId]!.outputs = outputs;
    }
    return byGroup;
  };

  /** Each call's inputs and secrets, evaluated in its caller's scope (outermost first). */
  const callScope = (
    chain: CallerData[],
    needs: Record<string, NeedResult>,
    facts: RunFacts,
    params: Record<string, unknown>,
    secrets: Record<string, string>,
  ) => {
    let inputs: Record<string, unknown> = params;
    let scopeSecrets: Record<string, string> = secrets;
    const outer: CallerData[] = [];
    for (const caller of chain) {
      const contexts: Contexts = {
        github: githubContext(facts, caller.jobId),
        needs: needsContext(
          Object.fromEntries(Object.entries(needs).filter(([id]) => caller.needs.includes(id))),
          outer,
        ),
        inputs,
        vars: {},
        secrets: scopeSecrets,
      };
      const next: Record<string, unknown> = {};
      for (const input of caller.inputs) {
        if (input.default !== null) next[input.id] = evaluateTemplate(input.default, contexts);
      }
      for (const [name, template] of Object.entries(caller.with)) {
        const parts = splitTemplate(template.trim());
        next[name] =
          parts.length === 1 && parts[0]!.expression !== null
            ? evaluateJson(parts[0]!.expression, contexts)
            : evaluateTemplate(template, contexts);
      }
      if (caller.secrets !== 'inherit') {
        const mapped: Record<string, string> = {};
        for (const [name, template] of Object.entries(caller.secrets))
          mapped[name] = evaluateTemplate(template, contexts);
        scopeSecrets = mapped;
      }
      inputs = next;
      outer.push(caller);
    }
    return { inputs, secrets: scopeSecrets };
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
    repository_owner: planData.trigger?.owner ?? 'local',
    server_url: 'https://github.com',
    api_url: 'https://api.github.com',
    graphql_url: 'https://api.github.com/graphql',
    action_path: '',
    event_path: '',
    retention_days: '0',
    repository: planData.trigger?.repository ?? basename(facts.projectDir),
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

  return { needsContext, callScope, githubContext };
}

/** An `env:` map evaluated in order, each variable seeing the ones before it. */
export function evaluateEnv(templates: Record<string, string>, contexts: Contexts): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, template] of Object.entries(templates))
    env[name] = evaluateTemplate(template, { ...contexts, env: { ...(contexts.env as object), ...env } });
  return env;
}
