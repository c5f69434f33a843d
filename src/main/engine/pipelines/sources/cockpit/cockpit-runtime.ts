// cockpit.yml's run-time rules: `if: success|failure|always` judged by the needs (a need with
// continue_on_error counts as succeeded), cancelled jobs never start, and one step per job.
import type { JobStatus } from '../../../../../shared/domain/run.ts';
import type { Decision, JobContext, PipelineRuntime, PlanJob } from '../types.ts';

const FAILED: ReadonlySet<JobStatus> = new Set(['failed', 'timed_out', 'cancelled', 'interrupted']);

export const cockpitRuntime: PipelineRuntime = {
  decideJob(job: PlanJob, context: JobContext): Decision {
    if (context.cancelled) return { run: false, status: 'cancelled', reason: 'the run was cancelled' };
    const condition = (job.data as { if?: 'success' | 'failure' | 'always' } | undefined)?.if ?? 'success';
    if (condition === 'always') return { run: true };
    // A need with continue_on_error that failed counts as a success here.
    const needs = Object.entries(context.needs).map(([id, need]) => {
      const tolerated = need.continueOnError && FAILED.has(need.status);
      return [id, { status: tolerated ? 'success' : need.status }] as const;
    });
    const failed = needs.filter(([, need]) => FAILED.has(need.status));
    if (condition === 'failure') {
      return failed.length > 0
        ? { run: true }
        : { run: false, status: 'skipped', reason: 'if: failure, and no job it needs failed' };
    }
    const notOk = needs.filter(([, need]) => need.status !== 'success');
    if (notOk.length === 0) return { run: true };
    return {
      run: false,
      status: 'skipped',
      reason: `${notOk.map(([id, need]) => `${id} ${need.status === 'skipped' ? 'was skipped' : `ended ${need.status}`}`).join(', ')}`,
    };
  },
  openJob: () => ({
    // Always "run": a cancelled run's step ends as cancelled at once, as cockpit.yml jobs always have.
    beginStep: (step, context) => ({
      run: true,
      step: {
        name: step.name,
        script: step.script,
        shell: step.shell,
        env: context.baseEnv,
        workingDirectory: step.workingDirectory,
      },
    }),
    endStep: () => ({}),
    endJob: () => ({}),
  }),
  outputParser: null,
};
