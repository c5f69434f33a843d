// One bar per day for the last 90 days, as the engine grades it: green when every check passed, amber
// for a partial day (at least half passed: 94 % is a bad day, not an outage), red when fewer did;
// days without data (before the first check, or the cockpit was not running) are hatched, not red.
import type { EnvironmentHistory } from '../../../../../shared/domain/environment.ts';
import { formatUptime } from '../../../lib/environment-look.ts';

const DAYS = 90;

const tones = { up: 'ok', partial: 'warning', down: 'danger', none: 'none' } as const;

export function UptimeBars({ history }: { history: EnvironmentHistory }) {
  const days = history.uptimeByDay.slice(-DAYS);
  const missing = DAYS - days.length;
  return (
    <div className="uptime-bars-wrap">
      <ol
        className="uptime-bars"
        aria-label={`Uptime per day, oldest first; over the range ${formatUptime(history.uptime)}`}
      >
        {Array.from({ length: missing }, (_, index) => (
          <li key={`none-${index}`} className="uptime-bar uptime-none" title="No data" aria-hidden="true" />
        ))}
        {days.map((day) => {
          const date = new Date(day.day).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
          const label =
            day.uptime === null
              ? `${date}: no data`
              : `${date}: ${formatUptime(day.uptime)} up (${day.checks} ${day.checks === 1 ? 'check' : 'checks'})`;
          return (
            <li
              key={day.day}
              className={`uptime-bar uptime-${tones[day.grade]}`}
              data-grade={day.grade}
              title={label}
              aria-label={label}
            />
          );
        })}
      </ol>
      <div className="uptime-axis" aria-hidden="true">
        <span>90 days ago</span>
        <span>{formatUptime(history.uptime)} over 90 days</span>
        <span>today</span>
      </div>
      <ul className="chart-legend" aria-hidden="true">
        <li>
          <span className="uptime-swatch uptime-ok" /> all up
        </li>
        <li>
          <span className="uptime-swatch uptime-warning" /> partial (some checks failed)
        </li>
        <li>
          <span className="uptime-swatch uptime-danger" /> mostly down
        </li>
        <li>
          <span className="uptime-swatch uptime-none" /> no data
        </li>
      </ul>
    </div>
  );
}
