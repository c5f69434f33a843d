// GitLab's run-time rules: `when` judged by the jobs a job waits for (allow_failure failures count
// as passed), after_script after a failure too, CI_* variables from the local repository, and
// collapsible sections from section_start/section_end markers.
import { basename } from 'node:path';
import type { JobStatus } from '../../../../../shared/domain/run.ts';
import type { Decision, LineEffect, OutputParser, PipelineRuntime } from '../types.ts';
import type { GitlabWhen } from './gitlab-model.ts';

export interface GitlabJobData {
  when: GitlabWhen;
  stage: string;
}

const FAILED: ReadonlySet<JobStatus> = new Set(['failed', 'timed_out', 'cancelled', 'interrupted']);

export function gitlabRuntime(): PipelineRuntime {
  return {
    decideJob(job, context): Decision {
      if (context.cancelled) return { run: false, status: 'cancelled', reason: 'the pipeline was cancelled' };
      const when = (job.data as GitlabJobData).when;
      if (when === 'always') return { run: true };
      const needs = Object.entries(context.needs);
      const failed = needs
        .filter(([, need]) => FAILED.has(need.status) && !need.continueOnError)
        .map(([id]) => id);
      if (when === 'on_failure') {
        return failed.length > 0
          ? { run: true }
          : { run: false, status: 'skipped', reason: 'when: on_failure, and no job before it failed' };
      }
      if (failed.length > 0) {
        return { run: false, status: 'skipped', reason: `${failed.join(', ')} failed` };
      }
      const skipped = needs.filter(([, need]) => need.status === 'skipped').map(([id]) => id);
      if (skipped.length > 0)
        return { run: false, status: 'skipped', reason: `${skipped.join(', ')} did not run` };
      return { run: true };
    },
    openJob(job, context) {
      const { facts } = context;
      const sha = facts.git?.sha ?? '';
      const ciVariables: Record<string, string> = {
        GITLAB_CI: 'false', // not on GitLab: scripts that need GitLab's API can tell
        CI_PIPELINE_ID: String(facts.runId),
        CI_PIPELINE_SOURCE: 'push',
        CI_JOB_NAME: job.id,
        CI_JOB_STAGE: (job.data as GitlabJobData).stage,
        CI_PROJECT_DIR: facts.projectDir,
        CI_PROJECT_NAME: basename(facts.projectDir),
        CI_COMMIT_SHA: sha,
        CI_COMMIT_SHORT_SHA: sha.slice(0, 8),
        CI_COMMIT_REF_NAME: facts.git?.branch ?? '',
        CI_COMMIT_BRANCH: facts.git?.branch ?? '',
        GITLAB_USER_LOGIN: facts.actor,
      };
      return {
        beginStep(step, stepContext) {
          if (stepContext.cancelled) return { run: false, reason: 'the pipeline was cancelled' };
          return {
            run: true,
            step: {
              name: step.name,
              script: step.script,
              shell: step.shell,
              // The job's own variables (in baseEnv) win over the predefined ones, as in GitLab.
              env: {
                ...ciVariables,
                ...stepContext.baseEnv,
                CI_JOB_STATUS: stepContext.jobStatus === 'success' ? 'success' : 'failed',
              },
              workingDirectory: step.workingDirectory,
            },
          };
        },
        endStep: () => ({}),
        endJob: () => ({}),
      };
    },
    outputParser: sectionParser,
  };
}

// section_start:1560896352:name[collapsed=true]\r\e[0KTitle   and   section_end:1560896353:name\r\e[0K
// eslint-disable-next-line no-control-regex -- the markers carry terminal escapes
const START = /section_start:\d+:[A-Za-z0-9_.-]+(?:\[[^\]]*\])?\r?(?:\u001b\[0K)?(.*)$/;
const END = /section_end:\d+:[A-Za-z0-9_.-]+/;
// eslint-disable-next-line no-control-regex -- removing terminal escapes from a title
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

export const sectionParser: OutputParser = {
  needles: ['section_'],
  parse(line): LineEffect | null {
    const start = START.exec(line);
    if (start) {
      const title = (start[1] ?? '').replace(ANSI, '').trim();
      return { kind: 'group-start', title: title || 'section' };
    }
    return END.test(line) ? { kind: 'group-end' } : null;
  },
};
