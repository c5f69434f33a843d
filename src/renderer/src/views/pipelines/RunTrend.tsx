// The last runs of a pipeline as small bars, oldest to newest: colour says the status, height the
// duration; each links to its run and says both in its title and accessible name.
import type { PipelineInfo } from '../../../../shared/domain/run.ts';
import { formatDuration } from '../../lib/duration.ts';
import { statusLook } from '../../lib/run-status.ts';
import { hashForRun } from '../../navigation/hash-route.ts';

const SLOTS = 10;
const MIN_HEIGHT = 4;
const MAX_HEIGHT = 26;

export function RunTrend({ runs }: { runs: PipelineInfo['recentRuns'] }) {
  const shown = runs.slice(0, SLOTS).reverse();
  const longest = Math.max(1, ...shown.map((run) => run.durationMs ?? 0));
  return (
    <ol className="run-trend" aria-label="Recent runs, oldest first">
      {Array.from({ length: SLOTS - shown.length }, (_, index) => (
        <li key={`empty-${index}`} className="run-trend-slot run-trend-empty" aria-hidden="true" />
      ))}
      {shown.map((run) => {
        const look = statusLook(run.status);
        const label = `#${run.id} ${look.label}${run.durationMs !== null ? `, ${formatDuration(run.durationMs)}` : ''}`;
        const height =
          run.durationMs === null
            ? MIN_HEIGHT
            : MIN_HEIGHT + Math.round(((MAX_HEIGHT - MIN_HEIGHT) * run.durationMs) / longest);
        return (
          <li key={run.id} className="run-trend-slot">
            <a
              href={hashForRun(run.id)}
              className={`run-trend-bar status-${look.tone}`}
              style={{ height }}
              title={label}
              aria-label={label}
            />
          </li>
        );
      })}
    </ol>
  );
}
