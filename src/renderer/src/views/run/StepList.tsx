// The steps of the shown job attempt: status, name, duration, why a step did not run, and where it
// is defined; pressing a step brings its first log line into view.
import type { Attempt, JobState } from '../../../../shared/domain/run.ts';
import { StatusIcon } from '../../components/StatusBadge.tsx';
import { formatDuration } from '../../lib/duration.ts';
import { useCockpit } from '../../stores/store-context.tsx';
import { SourceLink } from './SourceLink.tsx';

export function StepList({
  job,
  attempt,
  projectId,
}: {
  job: JobState;
  attempt: Attempt | null;
  projectId: number;
}) {
  const revealLogLine = useCockpit((state) => state.revealLogLine);
  const steps = job.plannedSteps.map((planned, position) => {
    const state = attempt?.steps.find((step) => step.position === position);
    return { planned, state, position };
  });
  // One step named after its job (a cockpit.yml job) says nothing the job does not.
  if (steps.length === 1 && steps[0]!.planned.name === job.name) return null;
  return (
    <ol className="step-list" aria-label={`Steps of ${job.name}`} data-testid="step-list">
      {steps.map(({ planned, state, position }) => {
        const status =
          state?.status ?? (job.status === 'skipped' || job.status === 'cancelled' ? job.status : 'pending');
        const first = state?.firstLine ?? null;
        return (
          <li key={position} className={`step step-${status}`} data-testid="step" data-status={status}>
            <StatusIcon status={status} />
            {first !== null ? (
              <button type="button" className="step-name link-button" onClick={() => revealLogLine(first)}>
                {state?.name ?? planned.name}
              </button>
            ) : (
              <span className="step-name">{state?.name ?? planned.name}</span>
            )}
            {state?.startedAt != null && state.finishedAt != null && status !== 'skipped' ? (
              <span className="step-duration">{formatDuration(state.finishedAt - state.startedAt)}</span>
            ) : null}
            {state?.reason ? <span className="step-reason">{state.reason}</span> : null}
            <SourceLink location={planned.location} projectId={projectId} />
          </li>
        );
      })}
    </ol>
  );
}
