// The log of the job shown (picked, or the first failed or running one): attempt tabs when it was
// retried, then the log viewer; or a sentence saying why there is no log.
import { StatusBadge, StatusIcon } from '../../components/StatusBadge.tsx';
import { selectShownAttempt, selectShownJob } from '../../stores/runs/selectors.ts';
import { useCockpit } from '../../stores/store-context.tsx';
import { LogViewer } from '../log/LogViewer.tsx';
import { SourceLink } from './SourceLink.tsx';
import { StepList } from './StepList.tsx';

const noLog: Partial<Record<string, string>> = {
  pending: 'This job has not started yet: it waits for the jobs it needs.',
  manual: 'This is a manual job: it runs when you play it.',
  skipped: 'This job was skipped because a job it needs did not succeed.',
  cancelled: 'This job was cancelled before it started.',
  interrupted: 'This job was interrupted before it started.',
};

export function JobLogPanel() {
  const job = useCockpit(selectShownJob);
  const attempt = useCockpit(selectShownAttempt);
  const pipeline = useCockpit((state) => state.run?.pipeline ?? '');
  const projectId = useCockpit((state) => state.run?.projectId ?? 0);
  const runId = useCockpit((state) => state.run?.id);
  const pickAttempt = useCockpit((state) => state.pickAttempt);
  if (!job) return null;

  return (
    <section className="job-log" aria-labelledby="job-log-title" data-testid="job-log">
      <header className="job-log-header">
        <h2 id="job-log-title" className="job-log-title">
          <span className="job-log-title-prefix">Log of</span> {job.name}
        </h2>
        {job.reusedFrom !== null ? (
          <span className="job-card-reused-tag" data-testid="job-log-reused">
            reused from run #{job.reusedFrom}
          </span>
        ) : null}
        <StatusBadge status={attempt?.status ?? job.status} />
        <SourceLink location={job.location} projectId={projectId} />
        {job.attempts.length > 1 ? (
          <div className="attempt-tabs" role="group" aria-label="Attempts">
            {job.attempts.map((a) => (
              <button
                key={a.id}
                type="button"
                className="attempt-tab"
                aria-pressed={a.id === attempt?.id}
                onClick={() => pickAttempt(a.number)}
              >
                Attempt {a.number}
                <StatusIcon status={a.status} />
              </button>
            ))}
          </div>
        ) : null}
        {attempt && attempt.status !== 'running' ? (
          <span className="job-log-exit">
            {attempt.signal
              ? `stopped by ${attempt.signal}`
              : attempt.exitCode !== null
                ? `exit code ${attempt.exitCode}`
                : ''}
          </span>
        ) : null}
      </header>
      {job.reason && job.status !== 'manual' ? (
        <p className="job-log-reason" data-testid="job-reason">
          {job.status === 'skipped' ? 'Skipped: ' : 'Did not run: '}
          {job.reason}
        </p>
      ) : null}
      <StepList job={job} attempt={attempt} projectId={projectId} />
      {attempt ? (
        <LogViewer
          key={attempt.id}
          attempt={attempt}
          runId={runId}
          label={`Log of ${job.name}, attempt ${attempt.number}`}
          fileName={`${pipeline}-${job.name}-attempt${attempt.number}.log`}
        />
      ) : (
        <p className="job-log-none">
          {job.reason && job.status !== 'manual'
            ? 'This job has no log.'
            : (noLog[job.status] ?? 'This job has no log.')}
        </p>
      )}
    </section>
  );
}
