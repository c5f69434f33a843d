// "12 s ago", ticking every second, with the exact time in the tooltip; and "checked 12 s ago".
import { agoShort } from '../../lib/environment-look.ts';
import { absoluteTime } from '../../lib/relative-time.ts';
import { useNow } from '../../lib/use-now.ts';

export function SecondsAgo({ at }: { at: number }) {
  const now = useNow(1_000);
  return (
    <time dateTime={new Date(at).toISOString()} title={absoluteTime(at)}>
      {agoShort(at, now)}
    </time>
  );
}

export function CheckedAgo({ at }: { at: number | null }) {
  if (at === null) return <span className="env-muted">not checked yet</span>;
  return (
    <span className="env-checked" data-testid="checked-ago">
      checked <SecondsAgo at={at} />
    </span>
  );
}
