// A <time> that says "5 min ago" and carries the exact date for tooltips and assistive tech.
import { absoluteTime, relativeTime } from '../lib/relative-time.ts';
import { useNow } from '../lib/use-now.ts';

export function RelativeTime({ at }: { at: number }) {
  const now = useNow();
  return (
    <time dateTime={new Date(at).toISOString()} title={absoluteTime(at)}>
      {relativeTime(at, now)}
    </time>
  );
}
