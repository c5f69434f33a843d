// The last 50 checks as a strip of beats, oldest on the left — green up, amber degraded, red down —
// the way Uptime Kuma users read an environment at a glance. Each beat's tooltip says when and what.
import type { CheckResult } from '../../../../../shared/domain/environment.ts';
import { formatLatency } from '../../../lib/environment-look.ts';
import { absoluteTime } from '../../../lib/relative-time.ts';

const BEATS = 50;

function beatLabel(result: CheckResult): string {
  const what =
    result.state === 'down'
      ? `down${result.error ? `: ${result.error}` : ''}`
      : `${result.state}, ${formatLatency(result.latencyMs)}`;
  return `${absoluteTime(result.at)} — ${what}`;
}

export function HeartbeatStrip({ results }: { results: CheckResult[] }) {
  const beats = [...results].sort((a, b) => a.at - b.at).slice(-BEATS);
  const empty = BEATS - beats.length;
  const down = beats.filter((beat) => beat.state === 'down').length;
  return (
    <div className="heartbeat" data-testid="heartbeat">
      <ol className="heartbeat-strip" aria-label={`Last ${beats.length} checks, oldest first: ${down} down`}>
        {Array.from({ length: empty }, (_, index) => (
          <li key={`empty-${index}`} className="heartbeat-beat heartbeat-none" aria-hidden="true" />
        ))}
        {beats.map((beat) => (
          <li
            key={beat.at}
            className={`heartbeat-beat heartbeat-${beat.state}`}
            data-state={beat.state}
            title={beatLabel(beat)}
            aria-label={beatLabel(beat)}
          />
        ))}
      </ol>
      <div className="heartbeat-axis" aria-hidden="true">
        <span>{beats.length > 0 ? `${beats.length} checks ago` : 'no checks yet'}</span>
        <span>now</span>
      </div>
    </div>
  );
}
