// A job in the graph: status, name, duration (live), attempt, and for a running job with a known
// typical duration, how far along it probably is. Pressing it shows its log.
import { StatusIcon } from '../../components/StatusBadge.tsx';
import { elapsedMs, formatDuration } from '../../lib/duration.ts';
import { statusLook } from '../../lib/run-status.ts';
import { useNow } from '../../lib/use-now.ts';
import { selectShownJob } from '../../stores/runs/selectors.ts';
import { useCockpit } from '../../stores/store-context.tsx';

export function JobCard({ name }: { name: string }) {
  const job = useCockpit((state) => state.run?.jobs.find((j) => j.name === name));
  const selected = useCockpit((state) => selectShownJob(state)?.name === name);
  const pickJob = useCockpit((state) => state.pickJob);
  if (!job) return null;
  const look = statusLook(job.status);
  const attempts = job.attempts.length;

  const reused = job.reusedFrom;
  return (
    <button
      type="button"
      className={`job-card status-${look.tone}${selected ? ' job-card-selected' : ''}${reused !== null ? ' job-card-reused' : ''}`}
      data-testid="job-card"
      data-job={name}
      data-status={job.status}
      data-reused={reused ?? undefined}
      aria-pressed={selected}
      aria-label={`${name}: ${look.label}${job.reason ? ` (${job.reason})` : ''}${reused !== null ? `, reused from run #${reused}` : ''}${attempts > 1 ? `, attempt ${attempts} of ${job.maxAttempts}` : ''}. Show its log.`}
      title={job.reason ?? undefined}
      onClick={() => pickJob(name)}
    >
      <span className="job-card-head">
        <StatusIcon status={job.status} />
        <span className="job-card-name" title={name}>
          {name}
        </span>
        {attempts > 1 ? (
          <span className="job-card-attempt">
            attempt {attempts}/{job.maxAttempts}
          </span>
        ) : null}
      </span>
      <span className="job-card-meta">
        <span>{look.label}</span>
        {job.status === 'running' && job.startedAt !== null ? (
          <RunningTime startedAt={job.startedAt} typicalMs={job.typicalDurationMs} />
        ) : job.startedAt !== null && job.finishedAt !== null ? (
          <span>{formatDuration(job.finishedAt - job.startedAt)}</span>
        ) : null}
        {job.reason && (job.status === 'skipped' || job.status === 'cancelled') ? (
          <span className="job-card-reason">{job.reason}</span>
        ) : null}
        {reused !== null ? (
          <span className="job-card-reused-tag" title={`Not run again: as it ended in run #${reused}`}>
            reused
          </span>
        ) : null}
        {job.continueOnError ? (
          <span className="job-card-attempt" title="continue_on_error: a failure does not fail the run">
            may fail
          </span>
        ) : null}
      </span>
      {job.status === 'running' && job.startedAt !== null && job.typicalDurationMs ? (
        <Progress startedAt={job.startedAt} typicalMs={job.typicalDurationMs} />
      ) : null}
    </button>
  );
}

function RunningTime({ startedAt, typicalMs }: { startedAt: number; typicalMs: number | null }) {
  const now = useNow(1_000);
  const elapsed = elapsedMs(startedAt, null, now) ?? 0;
  if (!typicalMs) return <span>{formatDuration(elapsed)}</span>;
  const left = typicalMs - elapsed;
  return (
    <span title={`Usually takes ${formatDuration(typicalMs)}`}>
      {formatDuration(elapsed)} · {left > 0 ? `~${formatDuration(left)} left` : 'longer than usual'}
    </span>
  );
}

function Progress({ startedAt, typicalMs }: { startedAt: number; typicalMs: number }) {
  const now = useNow(1_000);
  const fraction = Math.min(0.97, (elapsedMs(startedAt, null, now) ?? 0) / typicalMs);
  return (
    <span className="job-card-progress" aria-hidden="true">
      <span className="job-card-progress-bar" style={{ width: `${Math.round(fraction * 100)}%` }} />
    </span>
  );
}
