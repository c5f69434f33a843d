// How long something took; while it is still going, a duration that ticks every second.
import { elapsedMs, formatDuration } from '../lib/duration.ts';
import { useNow } from '../lib/use-now.ts';

interface LiveDurationProps {
  startedAt: number | null;
  finishedAt: number | null;
  /** Shown before it started. */
  notStarted?: string;
}

export function LiveDuration({ startedAt, finishedAt, notStarted = '–' }: LiveDurationProps) {
  if (startedAt === null) return <span className="duration duration-none">{notStarted}</span>;
  if (finishedAt !== null) return <span className="duration">{formatDuration(finishedAt - startedAt)}</span>;
  return <TickingDuration startedAt={startedAt} />;
}

function TickingDuration({ startedAt }: { startedAt: number }) {
  const now = useNow(1_000);
  return (
    <span className="duration duration-live">{formatDuration(elapsedMs(startedAt, null, now) ?? 0)}</span>
  );
}
