// A GitHub job while it runs (PipelineRuntime.openJob): the contexts its steps see, composite actions
// entered and left, JavaScript and built-in actions' inputs and state, and the GITHUB_OUTPUT, GITHUB_ENV,
// GITHUB_PATH, GITHUB_STATE and GITHUB_STEP_SUMMARY files and legacy workflow commands of each step.
import { writeFileSync } from 'node:fs';
import { arch } from 'node:os';
import { delimiter, join } from 'node:path';
import type { JobContext, JobSession, PlanJob, StepState } from '../types.ts';
import {
  evaluateCondition,
  evaluateTemplate,
  splitTemplate,
  type Contexts,
  type StatusFunctions,
  WORKSPACE_KEY,
} from './expressions.ts';
import { runBuiltin, runBuiltinPost } from './builtin-actions.ts';
import type { ActionDir } from './github-action.ts';
import { evaluateEnv, resultOf, type GithubContexts } from './github-contexts.ts';
import type { GithubJobData, GithubPlanData, GithubStepData } from './github-plan-data.ts';
import { githubVariables, runnerOs, shellFor } from './runner-environment.ts';
import { substituteScript } from './script-expressions.ts';
import { parseKeyValueFile, readFileOrEmpty } from './step-files.ts';

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
  const addedEnv: Record<string, string> = {};
  const addedPath: string[] = [];
  const stepOutputs: Record<string, Record<string, string>> = {};
  let counter = 0;
  let files: Record<'output' | 'env' | 'path' | 'summary' | 'state', string> | null = null;
  /** GITHUB_STATE written by each step, by step key (an action's post step reads its own). */
  const savedState: Record<string, Record<string, string>> = {};
  const frames = data.frames ?? {};
  /** Composite actions entered: their evaluated inputs and env, or why they were skipped. */
  const openFrames = new Map<
    string,
    { skip: string | null; inputs: Record<string, string>; env: Record<string, string> }
  >();
  /** Composite actions finished, as their `uses:` step looks to the steps after it. */
  const closedFrames: Record<string, StepState> = {};
  /** Actions whose main step ran (their post step runs), with the inputs it had. */
  const mainRan = new Set<string>();
  const mainInputs: Record<string, Record<string, string>> = {};
  // Legacy workflow commands of the running step: ::set-output::, ::save-state::, ::stop-commands::.
  let commandOutputs: Record<string, string> = {};
  let commandState: Record<string, string> = {};
  let stopToken: string | null = null;
  let unsecureCommands = false;
  const projectDir = context.facts.projectDir;
  const ownContinue = new Map(
    job.steps.map((planned) => [planned.key, (planned.data as GithubStepData).ownContinueOnError === true]),
  );
  const actionDir = (dir: ActionDir) => ('local' in dir ? join(projectDir, dir.local) : dir.absolute);

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
  const chainOf = (frame: string | null): string[] => {
    const chain: string[] = [];
    for (let key = frame; key !== null; key = frames[key]?.parent ?? null) chain.unshift(key);
    return chain;
  };
  /** The contexts a step of the scope sees (inputs and env of its composite action, if any). */
  const scopeContexts = (
    frame: string | null,
    stepContext: { steps: Record<string, StepState>; jobStatus: string },
  ): Contexts => {
    const chain = chainOf(frame);
    const env = { ...workflowEnv, ...jobEnv, ...addedEnv };
    for (const key of chain) Object.assign(env, openFrames.get(key)?.env);
    const github = base.github as Record<string, unknown>;
    return {
      ...base,
      github: frame === null ? github : { ...github, action_path: actionDir(frames[frame]!.dir) },
      inputs: frame === null ? base.inputs : (openFrames.get(frame)?.inputs ?? {}),
      env,
      steps: stepsContext(stepContext.steps, frame),
      job: { status: stepContext.jobStatus },
    };
  };
  const statusFor = (stepContext: { cancelled: boolean; jobStatus: string }): StatusFunctions => ({
    success: () => !stepContext.cancelled && stepContext.jobStatus === 'success',
    failure: () => stepContext.jobStatus === 'failure',
    cancelled: () => stepContext.cancelled,
  });
  /** The inputs of an action: `with:` over the defaults, evaluated in the caller's scope. */
  const actionInputs = (
    given: Record<string, string>,
    declared: { id: string; default: string | null }[],
    contexts: Contexts,
    status: StatusFunctions,
  ) => {
    const inputs: Record<string, string> = {};
    for (const input of declared) {
      if (input.default !== null) inputs[input.id] = evaluateTemplate(input.default, contexts, status);
    }
    for (const [name, template] of Object.entries(given))
      inputs[name] = evaluateTemplate(template, contexts, status);
    return inputs;
  };
  const closeFrame = (key: string, steps: Record<string, StepState>) => {
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
  /** Leaves the composite actions the next step is not part of. */
  const closeFramesOutside = (frame: string | null, steps: Record<string, StepState>) => {
    const keep = new Set(chainOf(frame));
    for (const key of [...openFrames.keys()].reverse()) if (!keep.has(key)) closeFrame(key, steps);
  };

  return {
    beginStep(step, stepContext) {
      const stepData = step.data as GithubStepData;
      const action = stepData.action;
      const sidePhase = (action.kind === 'node' || action.kind === 'builtin') && action.phase !== 'main';
      // Inside a composite action, a failed step of the action fails it: success() is false there.
      const frameFailed =
        stepData.frame !== null &&
        Object.entries(stepContext.steps).some(
          ([key, state]) =>
            key.startsWith(`${chainOf(stepData.frame)[0]}/`) &&
            state.outcome === 'failure' &&
            !ownContinue.get(key),
        );
      const status = statusFor(
        frameFailed && stepContext.jobStatus === 'success'
          ? { ...stepContext, jobStatus: 'failure' }
          : stepContext,
      );
      closeFramesOutside(sidePhase ? null : stepData.frame, stepContext.steps);
      for (const key of sidePhase ? [] : chainOf(stepData.frame)) {
        if (openFrames.has(key)) continue;
        const frame = frames[key]!;
        const outer = scopeContexts(frame.parent, stepContext);
        const parentSkip = frame.parent === null ? null : (openFrames.get(frame.parent)?.skip ?? null);
        let skip = parentSkip;
        if (skip === null && !evaluateCondition(frame.if, outer, status)) {
          skip = stepContext.cancelled
            ? 'the run was cancelled'
            : frame.if === 'success()' && stepContext.jobStatus === 'failure'
              ? 'an earlier step failed'
              : `if: ${frame.if} was false`;
        }
        openFrames.set(key, {
          skip,
          inputs: skip === null ? actionInputs(frame.with, frame.inputs, outer, status) : {},
          env: skip === null ? evaluateEnv(frame.env, outer) : {},
        });
      }
      const frameSkip = stepData.frame === null || sidePhase ? null : openFrames.get(stepData.frame)!.skip;
      if (frameSkip !== null)
        return { run: false, reason: `the action ${frames[stepData.frame!]!.name}: ${frameSkip}` };
      const contexts = scopeContexts(sidePhase ? null : stepData.frame, stepContext);
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
      if (!evaluateCondition(condition, contexts, status)) {
        const reason = stepContext.cancelled
          ? 'the run was cancelled'
          : condition === 'success()' && stepContext.jobStatus === 'failure'
            ? 'an earlier step failed'
            : `if: ${condition} was false`;
        return { run: false, reason };
      }
      if (action.kind === 'checkout')
        return { run: false, reason: 'actions/checkout: the job uses the working tree as it is' };
      if (action.kind === 'unavailable') {
        if (planData.skipUnavailableActions) return { run: false, reason: action.message };
        throw new Error(action.message);
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
        PATH: [...addedPath, basePath].filter(Boolean).join(delimiter),
        GITHUB_OUTPUT: files.output,
        GITHUB_ENV: files.env,
        GITHUB_PATH: files.path,
        GITHUB_STEP_SUMMARY: files.summary,
        GITHUB_STATE: files.state,
        GITHUB_ACTION: step.key,
      };
      if (stepData.frame !== null) env.GITHUB_ACTION_PATH = actionDir(frames[stepData.frame]!.dir);
      unsecureCommands = env.ACTIONS_ALLOW_UNSECURE_COMMANDS === 'true';
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
      if (files === null) return {};
      const done = files;
      files = null;
      const outputs = {
        ...commandOutputs,
        ...parseKeyValueFile(readFileOrEmpty(done.output), 'GITHUB_OUTPUT'),
      };
      commandOutputs = {};
      stopToken = null;
      Object.assign(addedEnv, parseKeyValueFile(readFileOrEmpty(done.env), 'GITHUB_ENV'));
      addedPath.unshift(...readFileOrEmpty(done.path).split(/\r?\n/).filter(Boolean).reverse());
      stepOutputs[step.key] = outputs;
      savedState[step.key] = {
        ...commandState,
        ...parseKeyValueFile(readFileOrEmpty(done.state), 'GITHUB_STATE'),
      };
      commandState = {};
      const summary = readFileOrEmpty(done.summary);
      return { outputs, summary: summary ? `${summary.replace(/\n?$/, '\n')}` : undefined };
    },
    onCommand(_step, command) {
      if (stopToken !== null) {
        if (command.name === stopToken) stopToken = null;
        return;
      }
      const name = command.properties.name ?? '';
      if (command.name === 'stop-commands' && command.value) stopToken = command.value;
      else if (command.name === 'set-output' && name) commandOutputs[name] = command.value;
      else if (command.name === 'save-state' && name) commandState[name] = command.value;
      // As on GitHub, set-env and add-path work only where ACTIONS_ALLOW_UNSECURE_COMMANDS is true.
      else if (command.name === 'set-env' && name && unsecureCommands) addedEnv[name] = command.value;
      else if (command.name === 'add-path' && command.value && unsecureCommands)
        addedPath.unshift(command.value);
    },
    endJob(status, steps) {
      closeFramesOutside(null, steps);
      const contexts: Contexts = {
        ...base,
        env: { ...workflowEnv, ...jobEnv, ...addedEnv },
        steps: stepsContext(steps, null),
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
