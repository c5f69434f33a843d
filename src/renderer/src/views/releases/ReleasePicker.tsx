// The deploy dialog's release picker: the engine's candidates (version, commit, CI status, where each
// is live and since when, age), filtered as you type; choosing one sets the version to deploy.
import type { ReleaseCandidate } from '../../../../shared/domain/release-build.ts';
import { RelativeTime } from '../../components/RelativeTime.tsx';
import { shortSha } from '../../lib/short-sha.ts';

export function matchesCandidate(candidate: ReleaseCandidate, filter: string): boolean {
  const text = filter.trim().toLowerCase();
  if (!text) return true;
  return [candidate.version, candidate.commit, candidate.subject, candidate.author].some((field) =>
    field.toLowerCase().includes(text),
  );
}

export function ReleasePicker({
  candidates,
  filter,
  onFilter,
  picked,
  onPick,
  inputId,
}: {
  candidates: ReleaseCandidate[] | null;
  filter: string;
  onFilter: (text: string) => void;
  picked: string | null;
  onPick: (version: string) => void;
  inputId: string;
}) {
  const shown = (candidates ?? []).filter((candidate) => matchesCandidate(candidate, filter));
  return (
    <div className="release-picker">
      <input
        id={inputId}
        className="input mono deploy-version-input"
        type="search"
        aria-label="Filter releases: version, commit, subject or author"
        placeholder="Filter: v1.2, a commit, a word of its subject"
        value={filter}
        onChange={(event) => onFilter(event.target.value)}
        autoComplete="off"
        spellCheck={false}
        autoFocus
      />
      {candidates === null ? (
        <p className="deploy-muted">Loading releases…</p>
      ) : shown.length === 0 ? (
        <p className="deploy-muted">No release matches “{filter}”.</p>
      ) : (
        <ul className="release-picker-list" role="listbox" aria-label="Releases">
          {shown.map((candidate) => (
            <li
              key={candidate.commit}
              role="option"
              aria-selected={picked === candidate.version}
              tabIndex={0}
              className={`release-picker-option${picked === candidate.version ? ' is-picked' : ''}`}
              data-testid="release-option"
              onClick={() => onPick(candidate.version)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  onPick(candidate.version);
                }
              }}
            >
              <span className="mono release-picker-version">{candidate.version}</span>
              <span className="mono deploy-muted" title={candidate.commit}>
                {shortSha(candidate.commit)}
              </span>
              <span className={`badge ${ciBadge(candidate)}`}>
                {candidate.ci ? `${candidate.ci.pipeline} ${candidate.ci.status}` : 'no CI run'}
              </span>
              {candidate.release ? (
                <span className="badge" title={`built once by run #${candidate.release.runId}`}>
                  built once
                </span>
              ) : null}
              {candidate.liveIn.map((live) => (
                <span key={live.environment} className="badge badge-ok">
                  live in {live.environment}
                  {live.since ? (
                    <>
                      {' '}
                      since <RelativeTime at={live.since} />
                    </>
                  ) : null}
                </span>
              ))}
              {candidate.wasLiveHere ? <span className="badge">was live here</span> : null}
              <span className="deploy-muted release-picker-subject">
                {candidate.subject} · {candidate.author} · <RelativeTime at={candidate.committedAt} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ciBadge(candidate: ReleaseCandidate): string {
  if (!candidate.ci) return '';
  return candidate.ci.status === 'success' ? 'badge-ok' : 'badge-danger';
}
