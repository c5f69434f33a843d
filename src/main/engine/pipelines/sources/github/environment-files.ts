// What a running GitHub step hands back to its job: the environment files the cockpit gives each step
// (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_PATH, GITHUB_STATE, GITHUB_STEP_SUMMARY) and the legacy workflow
// commands that do the same (::set-output::, ::save-state::, ::set-env::, ::add-path::,
// ::stop-commands::). Env and PATH entries added stay for the steps after.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseKeyValueFile, readFileOrEmpty } from './step-files.ts';

export type EnvironmentFiles = Record<'output' | 'env' | 'path' | 'summary' | 'state', string>;

export interface StepHandback {
  outputs: Record<string, string>;
  /** GITHUB_STATE and ::save-state::, for the action's post step. */
  state: Record<string, string>;
  summary: string | undefined;
}

export function createEnvironmentFiles(workDir: string) {
  /** Set by GITHUB_ENV (and ::set-env::) for the steps after. */
  const addedEnv: Record<string, string> = {};
  /** Prepended by GITHUB_PATH (and ::add-path::), newest first. */
  const addedPath: string[] = [];
  let counter = 0;
  let files: EnvironmentFiles | null = null;
  // Legacy workflow commands of the running step.
  let commandOutputs: Record<string, string> = {};
  let commandState: Record<string, string> = {};
  let stopToken: string | null = null;
  let unsecureCommands = false;

  return {
    addedEnv,
    addedPath,
    /** Empty files for the step about to run. */
    open(): EnvironmentFiles {
      counter++;
      files = {
        output: join(workDir, `output-${counter}`),
        env: join(workDir, `env-${counter}`),
        path: join(workDir, `path-${counter}`),
        summary: join(workDir, `summary-${counter}`),
        state: join(workDir, `state-${counter}`),
      };
      for (const file of Object.values(files)) writeFileSync(file, '', { mode: 0o600 });
      return files;
    },
    /** As on GitHub, set-env and add-path work only where ACTIONS_ALLOW_UNSECURE_COMMANDS is true. */
    allowUnsecureCommands(allowed: boolean) {
      unsecureCommands = allowed;
    },
    /** What the step wrote, once its process ended; null when no files were opened for it. */
    close(): StepHandback | null {
      if (files === null) return null;
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
      const state = {
        ...commandState,
        ...parseKeyValueFile(readFileOrEmpty(done.state), 'GITHUB_STATE'),
      };
      commandState = {};
      const summary = readFileOrEmpty(done.summary);
      return { outputs, state, summary: summary ? `${summary.replace(/\n?$/, '\n')}` : undefined };
    },
    onCommand(command: { name: string; properties: Record<string, string>; value: string }) {
      if (stopToken !== null) {
        if (command.name === stopToken) stopToken = null;
        return;
      }
      const name = command.properties.name ?? '';
      if (command.name === 'stop-commands' && command.value) stopToken = command.value;
      else if (command.name === 'set-output' && name) commandOutputs[name] = command.value;
      else if (command.name === 'save-state' && name) commandState[name] = command.value;
      else if (command.name === 'set-env' && name && unsecureCommands) addedEnv[name] = command.value;
      else if (command.name === 'add-path' && command.value && unsecureCommands)
        addedPath.unshift(command.value);
    },
  };
}
