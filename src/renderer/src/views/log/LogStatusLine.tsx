// Under the log: how many lines, whether more are coming, and whether the log was cut short.
import type { Attempt } from '../../../../shared/domain/run.ts';
import { useCockpit } from '../../stores/store-context.tsx';

export function LogStatusLine({ attempt }: { attempt: Attempt }) {
  const total = useCockpit((state) => state.logTotalLines);
  const error = useCockpit((state) => state.logError);
  const truncated = useCockpit((state) => state.logTruncated) || attempt.logTruncated;
  const live = attempt.status === 'running';
  return (
    <p className="log-status-line">
      <span>
        {total.toLocaleString()} {total === 1 ? 'line' : 'lines'}
      </span>
      {live ? <span className="log-live">live</span> : null}
      {truncated ? (
        <span className="log-truncated">The log reached its size limit; later output was not kept.</span>
      ) : null}
      {error ? (
        <span className="log-error" role="alert">
          Could not load the log: {error}
        </span>
      ) : null}
      <span className="log-keys" aria-hidden="true">
        <kbd>/</kbd> search · <kbd>g</kbd> <kbd>G</kbd> top, bottom · <kbd>Esc</kbd> leave search
      </span>
    </p>
  );
}
