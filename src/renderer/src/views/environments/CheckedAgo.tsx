// "12 s ago", ticking every second, with the exact time in the tooltip; "checked 12 s ago"; and when
// the engine checks next: "down · next check in 20 s".
import type { EnvironmentSummary } from '../../../../shared/domain/environment.ts';
import { agoShort, inShort } from '../../lib/environment-look.ts';
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

/** When the engine checks next (its schedule, backoff included), ticking; a down one says so first. */
export function NextCheck({
  environment,
}: {
  environment: Pick<EnvironmentSummary, 'state' | 'nextCheckAt' | 'lastCheckedAt'>;
}) {
  const now = useNow(250); // a quarter-second tick keeps the countdown from running a second behind
  const { state, nextCheckAt, lastCheckedAt } = environment;
  if (state === 'paused' || (nextCheckAt === null && lastCheckedAt === null)) return null;
  // No time while a check runs (or in a host that does not schedule, like the CLI's).
  const next =
    nextCheckAt === null
      ? null
      : nextCheckAt <= now
        ? 'checking now…'
        : `next check in ${inShort(nextCheckAt - now)}`;
  if (next === null && state !== 'down') return null;
  return (
    <span className={`env-next-check env-next-check-${state}`} data-testid="next-check">
      {state === 'down' ? <strong>down</strong> : null}
      {state === 'down' && next ? ' · ' : null}
      {next}
    </span>
  );
}
