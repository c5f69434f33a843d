// Which versions the environment ran over the last 90 days, newest first, and when each appeared.
import type { EnvironmentHistory } from '../../../../../shared/domain/environment.ts';
import { RelativeTime } from '../../../components/RelativeTime.tsx';
import { absoluteTime } from '../../../lib/relative-time.ts';

export function VersionsSeen({ history, current }: { history: EnvironmentHistory; current: string | null }) {
  const versions = [...history.versions].sort((a, b) => b.seenAt - a.seenAt);
  if (versions.length === 0) {
    return (
      <p className="env-muted">
        {current
          ? `Only ${current} seen so far.`
          : 'No version read yet (see the version key in cockpit.yml).'}
      </p>
    );
  }
  return (
    <ol className="version-list" aria-label="Versions seen, newest first" data-testid="versions-seen">
      {versions.map((entry) => (
        <li key={`${entry.version}-${entry.seenAt}`} className="version-entry">
          <span className="mono version-name">{entry.version}</span>
          {entry.previousVersion ? (
            <span className="env-muted">
              from <span className="mono">{entry.previousVersion}</span>
            </span>
          ) : (
            <span className="env-muted">first seen</span>
          )}
          <span className="env-muted" title={absoluteTime(entry.seenAt)}>
            <RelativeTime at={entry.seenAt} />
          </span>
        </li>
      ))}
    </ol>
  );
}
