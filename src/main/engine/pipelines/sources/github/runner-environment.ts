// What the runner machine looks like to a step: GitHub's shells, runner.os, and the GITHUB_* and
// RUNNER_* variables made from the github context.
import { platform } from 'node:os';
import type { StepShell } from '../types.ts';

/** GitHub's shells on this machine: the default and `bash` differ as on GitHub's Linux runners. */
export function shellFor(shell: string | null): StepShell {
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

export function runnerOs(): string {
  const os = platform();
  return os === 'darwin' ? 'macOS' : os === 'win32' ? 'Windows' : 'Linux';
}

export function githubVariables(
  github: Record<string, string | object>,
  workDir: string,
): Record<string, string> {
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
