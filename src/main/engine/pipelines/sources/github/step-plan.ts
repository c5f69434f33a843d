// A job's steps as the runner runs them: `run:` steps as they are; a composite action's steps put in
// its place (inside a "frame" that holds its inputs, env and outputs); a node action as its main step
// with its `pre` step at the start of the job and its `post` step at the end (reverse order); the
// well-known actions the cockpit does itself; and actions that are not available offline, which fail
// (or are skipped, when asked) with the reason when the job reaches them.
import type { PlanStep } from '../types.ts';
import { resolveAction, type ActionDir, type ActionInput, type ActionLookup } from './github-action.ts';
import type { RunDefaults, WorkflowStep } from './workflow-model.ts';

/** A composite action being run: its steps' scope. */
export interface ActionFrame {
  /** The `uses:` step's key; the frame's steps have keys `<key>/<inner>`. */
  key: string;
  parent: string | null;
  name: string;
  if: string;
  with: Record<string, string>;
  env: Record<string, string>;
  inputs: ActionInput[];
  outputs: Record<string, string>;
  dir: ActionDir;
  continueOnError: boolean;
}

export type StepKind =
  | { kind: 'run' }
  | { kind: 'checkout' }
  | { kind: 'unavailable'; message: string }
  | { kind: 'builtin'; name: string; phase: 'main' | 'post'; mainKey: string }
  | {
      kind: 'node';
      phase: 'pre' | 'main' | 'post';
      mainKey: string;
      entry: string;
      dir: ActionDir;
      inputs: ActionInput[];
      /** pre-if / post-if (the main step uses the step's if). */
      condition: string | null;
    };

export interface GithubStepData {
  id: string | null;
  if: string;
  run: string | null;
  uses: string | null;
  shell: string | null;
  env: Record<string, string>;
  with: Record<string, string>;
  name: string | null;
  /** The innermost composite action the step belongs to (null: the job's own step). */
  frame: string | null;
  /** The step's own continue-on-error (PlanStep.continueOnError also has its actions'). */
  ownContinueOnError: boolean;
  action: StepKind;
}

const MAX_DEPTH = 10;

export async function planSteps(
  steps: WorkflowStep[],
  defaults: RunDefaults,
  lookup: ActionLookup,
): Promise<{ steps: PlanStep[]; frames: Record<string, ActionFrame> }> {
  const pre: PlanStep[] = [];
  const main: PlanStep[] = [];
  const post: PlanStep[] = [];
  const frames: Record<string, ActionFrame> = {};

  const visit = async (
    list: WorkflowStep[],
    frame: ActionFrame | null,
    depth: number,
    inheritedContinue: boolean,
  ): Promise<void> => {
    for (const [index, step] of list.entries()) {
      const key = frame ? `${frame.key}/${step.id ?? `__${index + 1}`}` : (step.id ?? `__step${index + 1}`);
      const name = frame ? `${frame.name} / ${stepName(step, index)}` : stepName(step, index);
      const continueOnError = inheritedContinue || step.continueOnError;
      const base = (action: StepKind, extra: Partial<PlanStep> = {}): PlanStep => {
        const isRun = step.run !== null;
        const data: GithubStepData = {
          id: step.id,
          if: step.if,
          run: step.run,
          uses: step.uses,
          shell: isRun && !frame ? (step.shell ?? defaults.shell) : step.shell,
          env: step.env,
          with: step.with,
          name: step.name,
          frame: frame?.key ?? null,
          ownContinueOnError: step.continueOnError,
          action,
        };
        return {
          key,
          name,
          script: step.run ?? '',
          shell: 'bash',
          echo: false,
          env: {},
          workingDirectory:
            isRun && !frame ? (step.workingDirectory ?? defaults.workingDirectory) : step.workingDirectory,
          continueOnError,
          timeoutMs: step.timeoutMinutes === null ? null : step.timeoutMinutes * 60_000,
          location: step.location,
          data,
          ...extra,
        };
      };
      if (step.uses === null) {
        main.push(base({ kind: 'run' }));
        continue;
      }
      let resolved;
      try {
        resolved =
          depth >= MAX_DEPTH
            ? { kind: 'unavailable' as const, message: `actions nest deeper than ${MAX_DEPTH} levels` }
            : await resolveAction(step.uses, lookup);
      } catch (error) {
        resolved = { kind: 'unavailable' as const, message: (error as Error)?.message ?? String(error) };
      }
      if (resolved.kind === 'checkout') main.push(base({ kind: 'checkout' }));
      else if (resolved.kind === 'unavailable')
        main.push(base({ kind: 'unavailable', message: resolved.message }));
      else if (resolved.kind === 'builtin') {
        main.push(base({ kind: 'builtin', name: resolved.name, phase: 'main', mainKey: key }));
        if (resolved.name === 'actions/cache')
          post.unshift(
            base(
              { kind: 'builtin', name: resolved.name, phase: 'post', mainKey: key },
              { key: `${key}#post`, name: `Post ${name}` },
            ),
          );
      } else {
        const action = resolved.action;
        if (action.runs.using === 'composite') {
          const child: ActionFrame = {
            key,
            parent: frame?.key ?? null,
            name: frame ? `${frame.name} / ${step.name ?? action.name}` : (step.name ?? action.name),
            if: step.if,
            with: step.with,
            env: step.env,
            inputs: action.inputs,
            outputs: action.outputs,
            dir: action.dir,
            continueOnError,
          };
          frames[key] = child;
          await visit(action.runs.steps, child, depth + 1, continueOnError);
        } else {
          const runs = action.runs;
          const node = (phase: 'pre' | 'main' | 'post', entry: string, condition: string | null) =>
            base(
              { kind: 'node', phase, mainKey: key, entry, dir: action.dir, inputs: action.inputs, condition },
              {
                key: phase === 'main' ? key : `${key}#${phase}`,
                name: phase === 'main' ? name : `${phase === 'pre' ? 'Pre' : 'Post'} ${name}`,
              },
            );
          // `pre` runs for the job's own steps' actions only: a nested action's `with:` may read its
          // composite's inputs, which exist only once the composite runs.
          if (runs.pre && !frame) pre.push(node('pre', runs.pre, runs.preIf));
          main.push(node('main', runs.main, null));
          if (runs.post) post.unshift(node('post', runs.post, runs.postIf));
        }
      }
    }
  };
  await visit(steps, null, 0, false);
  return { steps: [...pre, ...main, ...post], frames };
}

function stepName(step: WorkflowStep, index: number): string {
  if (step.name) return step.name;
  if (step.uses) return `Run ${step.uses}`;
  const first = (step.run ?? '').split('\n').find((line) => line.trim() !== '') ?? `step ${index + 1}`;
  return `Run ${first.trim()}`;
}
