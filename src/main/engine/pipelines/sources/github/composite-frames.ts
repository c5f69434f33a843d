// The composite actions a running GitHub job is inside ("frames", laid out by step-plan.ts): entered
// when their first step begins (their `if:`, inputs and env evaluated in the caller's scope), left
// when a step outside them begins, and from then on seen by the later steps as their `uses:` step.
import type { StepContext, StepState } from '../types.ts';
import { evaluateCondition, evaluateTemplate, type Contexts, type StatusFunctions } from './expressions.ts';
import type { ActionDir } from './github-action.ts';
import { evaluateEnv } from './github-contexts.ts';
import { actionInputs, skipReason } from './step-evaluation.ts';
import type { ActionFrame } from './step-plan.ts';

type ScopeStep = Pick<StepContext, 'steps' | 'jobStatus'>;

export function createCompositeFrames({
  frames,
  base,
  env,
  ownContinue,
  actionDir,
}: {
  frames: Record<string, ActionFrame>;
  /** The job's contexts, before `env`, `steps` and `job`. */
  base: Contexts;
  /** The job's env (workflow, job and added by steps), which a frame's own env extends. */
  env: () => Record<string, string>;
  /** Whether a step has its own continue-on-error (its failure does not fail its action). */
  ownContinue: Map<string, boolean>;
  actionDir: (dir: ActionDir) => string;
}) {
  /** Composite actions entered: their evaluated inputs and env, or why they were skipped. */
  const openFrames = new Map<
    string,
    { skip: string | null; inputs: Record<string, string>; env: Record<string, string> }
  >();
  /** Composite actions finished, as their `uses:` step looks to the steps after it. */
  const closedFrames: Record<string, StepState> = {};

  /** The `steps` context of a scope: the job's own steps, or a composite action's. */
  const stepsContext = (steps: Record<string, StepState>, frame: string | null) => {
    const prefix = frame === null ? '' : `${frame}/`;
    const visible: Record<string, { outcome: string; conclusion: string; outputs: Record<string, string> }> =
      {};
    for (const [key, state] of [...Object.entries(steps), ...Object.entries(closedFrames)]) {
      if (!key.startsWith(prefix)) continue;
      const own = key.slice(prefix.length);
      if (own.startsWith('__') || own.includes('/') || own.includes('#')) continue;
      visible[own] = { outcome: state.outcome, conclusion: state.conclusion, outputs: state.outputs };
    }
    return visible;
  };
  /** The frame and the frames around it, outermost first. */
  const chainOf = (frame: string | null): string[] => {
    const chain: string[] = [];
    for (let key = frame; key !== null; key = frames[key]?.parent ?? null) chain.unshift(key);
    return chain;
  };
  /** The contexts a step of the scope sees (inputs and env of its composite action, if any). */
  const scopeContexts = (frame: string | null, stepContext: ScopeStep): Contexts => {
    const scopeEnv = env();
    for (const key of chainOf(frame)) Object.assign(scopeEnv, openFrames.get(key)?.env);
    const github = base.github as Record<string, unknown>;
    return {
      ...base,
      github: frame === null ? github : { ...github, action_path: actionDir(frames[frame]!.dir) },
      inputs: frame === null ? base.inputs : (openFrames.get(frame)?.inputs ?? {}),
      env: scopeEnv,
      steps: stepsContext(stepContext.steps, frame),
      job: { status: stepContext.jobStatus },
    };
  };
  const close = (key: string, steps: Record<string, StepState>) => {
    const frame = frames[key]!;
    const state = openFrames.get(key)!;
    const inner = Object.entries(steps).filter(([stepKey]) => stepKey.startsWith(`${key}/`));
    const failed = inner.some(
      ([stepKey, step]) =>
        (step.outcome === 'failure' || step.outcome === 'cancelled') && !ownContinue.get(stepKey),
    );
    const outcome: StepState['outcome'] = state.skip !== null ? 'skipped' : failed ? 'failure' : 'success';
    const outputs: Record<string, string> = {};
    if (state.skip === null) {
      const contexts = scopeContexts(key, { steps, jobStatus: 'success' });
      for (const [name, template] of Object.entries(frame.outputs)) {
        try {
          outputs[name] = evaluateTemplate(template, contexts);
        } catch {
          outputs[name] = '';
        }
      }
    }
    closedFrames[key] = {
      outcome,
      conclusion: outcome === 'failure' && frame.continueOnError ? 'success' : outcome,
      outputs,
    };
    openFrames.delete(key);
  };

  return {
    stepsContext,
    scopeContexts,
    /** Whether a step of the outermost action around the frame failed (success() is false inside it). */
    failedInside(frame: string | null, steps: Record<string, StepState>): boolean {
      return (
        frame !== null &&
        Object.entries(steps).some(
          ([key, state]) =>
            key.startsWith(`${chainOf(frame)[0]}/`) && state.outcome === 'failure' && !ownContinue.get(key),
        )
      );
    },
    /** Leaves the composite actions the next step is not part of. */
    closeOutside(frame: string | null, steps: Record<string, StepState>) {
      const keep = new Set(chainOf(frame));
      for (const key of [...openFrames.keys()].reverse()) if (!keep.has(key)) close(key, steps);
    },
    /** Enters the frame and the frames around it not entered yet, outermost first. */
    enter(frame: string | null, stepContext: StepContext, status: StatusFunctions) {
      for (const key of chainOf(frame)) {
        if (openFrames.has(key)) continue;
        const entered = frames[key]!;
        const outer = scopeContexts(entered.parent, stepContext);
        const parentSkip = entered.parent === null ? null : (openFrames.get(entered.parent)?.skip ?? null);
        let skip = parentSkip;
        if (skip === null && !evaluateCondition(entered.if, outer, status))
          skip = skipReason(entered.if, stepContext);
        openFrames.set(key, {
          skip,
          inputs: skip === null ? actionInputs(entered.with, entered.inputs, outer, status) : {},
          env: skip === null ? evaluateEnv(entered.env, outer) : {},
        });
      }
    },
    /** Why the frame's steps do not run (it or an action around it was skipped), or null. */
    skipOf(frame: string): string | null {
      return openFrames.get(frame)!.skip;
    },
  };
}
