// GitHub's run-time rules for a workflow plan: job `if:` with success(), failure(), always() and
// cancelled(), over the needs and reusable-workflow calls (github-contexts.ts); a running job's steps,
// contexts and files are github-job-session.ts's.
import type { Decision, PipelineRuntime, RunPlan } from '../types.ts';
import { evaluateCondition, type Contexts, type StatusFunctions } from './expressions.ts';
import { githubContexts } from './github-contexts.ts';
import { openGithubJob } from './github-job-session.ts';
import type { GithubJobData, GithubPlanData } from './github-plan-data.ts';
import { workflowCommandParser } from './workflow-commands.ts';

export function githubRuntime(plan: RunPlan): PipelineRuntime {
  const planData = plan.data as GithubPlanData;
  const { githubContext, needsContext, callScope } = githubContexts(plan);

  return {
    decideJob(job, context): Decision {
      const data = job.data as GithubJobData;
      const chain = data.callers ?? [];
      // The calls' own conditions first, each over the call's needs.
      for (const [index, caller] of chain.entries()) {
        const callNeeds = needsContext(
          Object.fromEntries(Object.entries(context.needs).filter(([id]) => caller.needs.includes(id))),
          chain.slice(0, index),
        );
        const callResults = Object.values(callNeeds).map((need) => need.result);
        const callStatus: StatusFunctions = {
          success: () => !context.cancelled && callResults.every((result) => result === 'success'),
          failure: () => callResults.some((result) => result === 'failure'),
          cancelled: () => context.cancelled,
        };
        const callContexts: Contexts = {
          github: githubContext(context.facts, caller.jobId),
          needs: callNeeds,
          inputs: index === 0 ? context.params : {},
          vars: {},
        };
        if (!evaluateCondition(caller.if, callContexts, callStatus)) {
          if (context.cancelled) return { run: false, status: 'cancelled', reason: 'the run was cancelled' };
          const unhappy = Object.entries(callNeeds).filter(([, need]) => need.result !== 'success');
          const reason =
            caller.ifWritten !== null
              ? `the call ${caller.jobId}: if: ${caller.ifWritten} was false`
              : unhappy
                  .map(([id, need]) => `${id} ${need.result === 'failure' ? 'failed' : `was ${need.result}`}`)
                  .join(', ');
          return { run: false, status: 'skipped', reason: reason || `the call ${caller.jobId} did not run` };
        }
      }
      const own = Object.fromEntries(
        Object.entries(context.needs).filter(([id]) => !chain.at(-1)?.needs.includes(id)),
      );
      const needs = needsContext(own, chain);
      const results = Object.values(needs).map((need) => need.result);
      const status: StatusFunctions = {
        success: () => !context.cancelled && results.every((result) => result === 'success'),
        failure: () => results.some((result) => result === 'failure'),
        cancelled: () => context.cancelled,
      };
      const contexts: Contexts = {
        github: githubContext(context.facts, data.jobId),
        needs,
        inputs: chain.length
          ? callScope(chain, context.needs, context.facts, context.params, context.secrets ?? {}).inputs
          : context.params,
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
    openJob(job, context) {
      return openGithubJob(job, context, planData, { githubContext, needsContext, callScope });
    },
    outputParser: workflowCommandParser,
  };
}
