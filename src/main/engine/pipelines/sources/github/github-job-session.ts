// A GitHub job while it runs (PipelineRuntime.openJob): the contexts its steps see and how each step
// runs — a script, a JavaScript action (with its inputs and saved state) or a built-in action. Composite
// actions entered and left are composite-frames.ts's; the environment files and legacy workflow
// commands of each step are environment-files.ts's.
import { writeFileSync } from 'node:fs';
import { arch } from 'node:os';
import { delimiter, join } from 'node:path';
import type { JobContext, JobSession, PlanJob } from '../types.ts';
import {
  evaluateCondition,
  evaluateTemplate,
  splitTemplate,
  type Contexts,
  WORKSPACE_KEY,
} from './expressions.ts';
import { runBuiltin, runBuiltinPost } from './builtin-actions.ts';
import { createCompositeFrames } from './composite-frames.ts';
import { createEnvironmentFiles } from './environment-files.ts';
import type { ActionDir } from './github-action.ts';
import { evaluateEnv, resultOf, type GithubContexts } from './github-contexts.ts';
import type { GithubJobData, GithubPlanData, GithubStepData } from './github-plan-data.ts';
import { githubVariables, runnerOs, shellFor } from './runner-environment.ts';
import { substituteScript } from './script-expressions.ts';
import { actionInputs, skipReason, statusFunctions } from './step-evaluation.ts';

export function openGithubJob(
  job: PlanJob,
  context: JobContext & { workDir: string },
  planData: GithubPlanData,
  { githubContext, needsContext, callScope }: GithubContexts,
): JobSession {
  const data = job.data as GithubJobData;
  const chain = data.callers ?? [];
  const called = chain.length
    ? callScope(chain, context.needs, context.facts, context.params, {
        GITHUB_TOKEN: '',
        ...context.secrets,
      })
    : null;
  const ownNeeds = Object.fromEntries(
    Object.entries(context.needs).filter(([id]) => !chain.at(-1)?.needs.includes(id)),
  );
  const eventPath = join(context.workDir, 'event.json');
  writeFileSync(eventPath, JSON.stringify(planData.trigger?.payload ?? {}, null, 2), { mode: 0o600 });
  const base: Contexts = {
    [WORKSPACE_KEY]: context.facts.projectDir,
    github: { ...githubContext(context.facts, data.jobId), event_path: eventPath },
    needs: needsContext(ownNeeds, chain),
    inputs: called ? called.inputs : context.params,
    matrix: data.matrix,
    strategy: data.strategy,
    runner: { os: runnerOs(), arch: arch().toUpperCase(), temp: context.workDir, name: 'cockpit' },
    vars: {},
    // GITHUB_TOKEN exists on GitHub; here it is empty unless the project's store sets it.
    secrets: called ? called.secrets : { GITHUB_TOKEN: '', ...context.secrets },
  };
  // As under act: workflows that skip steps when run locally (`if: !env.ACT`) do so here too.
  const workflowEnv = {
    ACT: 'true',
    ...evaluateEnv(chain.at(-1)?.env ?? planData.env, { ...base, env: { ACT: 'true' } }),
  };
  const jobEnv = evaluateEnv(data.env, { ...base, env: workflowEnv });
  const stepFiles = createEnvironmentFiles(context.workDir);
  /** GITHUB_STATE written by each step, by step key (an action's post step reads its own). */
  const savedState: Record<string, Record<string, string>> = {};
  const frames = data.frames ?? {};
  /** Actions whose main step ran (their post step runs), with the inputs it had. */
  const mainRan = new Set<string>();
  const mainInputs: Record<string, Record<string, string>> = {};
  const projectDir = context.facts.projectDir;
  const ownContinue = new Map(
    job.steps.map((planned) => [planned.key, (planned.data as GithubStepData).ownContinueOnError === true]),
  );
  const actionDir = (dir: ActionDir) => ('local' in dir ? join(projectDir, dir.local) : dir.absolute);
  const composite = createCompositeFrames({
    frames,
    base,
    env: () => ({ ...workflowEnv, ...jobEnv, ...stepFiles.addedEnv }),
    ownContinue,
    actionDir,
  });

  return {
    beginStep(step, stepContext) {
      const stepData = step.data as GithubStepData;
      const action = stepData.action;
      const sidePhase = (action.kind === 'node' || action.kind === 'builtin') && action.phase !== 'main';
      // Inside a composite action, a failed step of the action fails it: success() is false there.
      const status = statusFunctions(
        composite.failedInside(stepData.frame, stepContext.steps) && stepContext.jobStatus === 'success'
          ? { ...stepContext, jobStatus: 'failure' }
          : stepContext,
      );
      composite.closeOutside(sidePhase ? null : stepData.frame, stepContext.steps);
      if (!sidePhase) composite.enter(stepData.frame, stepContext, status);
      const frameSkip = stepData.frame === null || sidePhase ? null : composite.skipOf(stepData.frame);
      if (frameSkip !== null)
        return { run: false, reason: `the action ${frames[stepData.frame!]!.name}: ${frameSkip}` };
      const contexts = composite.scopeContexts(sidePhase ? null : stepData.frame, stepContext);
      const condition =
        action.kind === 'node' && action.phase !== 'main'
          ? (action.condition ?? 'always()')
          : action.kind === 'builtin' && action.phase === 'post'
            ? 'success()'
            : stepData.if;
      if (
        (action.kind === 'node' || action.kind === 'builtin') &&
        action.phase === 'post' &&
        !mainRan.has(action.mainKey)
      )
        return { run: false, reason: 'its main step did not run' };
      if (!evaluateCondition(condition, contexts, status))
        return { run: false, reason: skipReason(condition, stepContext) };
      if (action.kind === 'checkout')
        return { run: false, reason: 'actions/checkout: the job uses the working tree as it is' };
      if (action.kind === 'unavailable') {
        if (planData.skipUnavailableActions) return { run: false, reason: action.message };
        throw new Error(action.message);
      }
      const files = stepFiles.open();
      const stepEnv = evaluateEnv(stepData.env, contexts);
      const basePath = stepContext.baseEnv.PATH ?? '';
      const secretNames = new Set(job.secretsRead ?? []);
      const baseEnv = Object.fromEntries(
        Object.entries(stepContext.baseEnv).filter(([name]) => !secretNames.has(name)),
      );
      const env: Record<string, string> = {
        ...baseEnv,
        ...githubVariables(contexts.github as ReturnType<typeof githubContext>, context.workDir),
        ...(contexts.env as Record<string, string>),
        ...stepEnv,
        PATH: [...stepFiles.addedPath, basePath].filter(Boolean).join(delimiter),
        GITHUB_OUTPUT: files.output,
        GITHUB_ENV: files.env,
        GITHUB_PATH: files.path,
        GITHUB_STEP_SUMMARY: files.summary,
        GITHUB_STATE: files.state,
        GITHUB_ACTION: step.key,
      };
      if (stepData.frame !== null) env.GITHUB_ACTION_PATH = actionDir(frames[stepData.frame]!.dir);
      stepFiles.allowUnsecureCommands(env.ACTIONS_ALLOW_UNSECURE_COMMANDS === 'true');
      const name = stepData.name ? evaluateTemplate(stepData.name, contexts, status) : step.name;
      if (action.kind === 'node') {
        const dir = actionDir(action.dir);
        const inputs =
          action.phase === 'post' && mainInputs[action.mainKey]
            ? mainInputs[action.mainKey]!
            : actionInputs(stepData.with, action.inputs, contexts, status);
        if (action.phase === 'main') mainInputs[action.mainKey] = inputs;
        for (const [input, value] of Object.entries(inputs))
          env[`INPUT_${input.replaceAll(' ', '_').toUpperCase()}`] = value;
        for (const [stateName, value] of Object.entries({
          ...savedState[`${action.mainKey}#pre`],
          ...savedState[action.mainKey],
        }))
          env[`STATE_${stateName}`] = value;
        env.GITHUB_ACTION_PATH = dir;
        env.COCKPIT_ACTION_ENTRY = join(dir, action.entry);
        if (action.phase === 'main') mainRan.add(action.mainKey);
        return {
          run: true,
          step: {
            name,
            script: 'exec node "$COCKPIT_ACTION_ENTRY"',
            shell: 'bash',
            workingDirectory: step.workingDirectory,
            env,
          },
        };
      }
      if (action.kind === 'builtin') {
        const builtinContext = {
          workspace: projectDir,
          dataDir: context.facts.dataDir ?? context.workDir,
          runId: context.facts.runId,
          env,
        };
        let lines: string[];
        if (action.phase === 'main') {
          const inputs = actionInputs(stepData.with, [], contexts, status);
          const result = runBuiltin(action.name, inputs, builtinContext);
          lines = result.lines;
          writeFileSync(
            files.output,
            Object.entries(result.outputs)
              .map(([key, value]) => `${key}=${value}\n`)
              .join(''),
          );
          if (result.state) savedState[`${action.mainKey}#builtin`] = result.state;
          mainRan.add(action.mainKey);
        } else {
          lines = runBuiltinPost(action.name, savedState[`${action.mainKey}#builtin`] ?? {}, builtinContext);
        }
        env.COCKPIT_ACTION_LINES = lines.join('\n');
        return {
          run: true,
          step: {
            name,
            script: 'printf \'%s\\n\' "$COCKPIT_ACTION_LINES"',
            shell: 'bash',
            workingDirectory: null,
            env,
          },
        };
      }
      const shell =
        stepData.shell !== null && stepData.shell.includes('${{')
          ? evaluateTemplate(stepData.shell, contexts, status)
          : stepData.shell;
      const shellName = shell ?? 'bash';
      const substituted = substituteScript(shellName, splitTemplate(stepData.run ?? ''), (expression) =>
        evaluateTemplate(
          `\${{ ${expression} }}`,
          { ...contexts, env: { ...(contexts.env as object), ...stepEnv } },
          status,
        ),
      );
      return {
        run: true,
        step: {
          name,
          script: substituted.script,
          shell: shellFor(shell),
          workingDirectory: step.workingDirectory,
          env: { ...env, ...substituted.env },
        },
      };
    },
    endStep(step) {
      const handback = stepFiles.close();
      if (handback === null) return {};
      savedState[step.key] = handback.state;
      return { outputs: handback.outputs, summary: handback.summary };
    },
    onCommand(_step, command) {
      stepFiles.onCommand(command);
    },
    endJob(status, steps) {
      composite.closeOutside(null, steps);
      const contexts: Contexts = {
        ...base,
        env: { ...workflowEnv, ...jobEnv, ...stepFiles.addedEnv },
        steps: composite.stepsContext(steps, null),
        job: { status: resultOf(status) },
      };
      const outputs: Record<string, string> = {};
      for (const [name, template] of Object.entries(data.outputs)) {
        outputs[name] = evaluateTemplate(template, contexts);
      }
      return outputs;
    },
  };
}
