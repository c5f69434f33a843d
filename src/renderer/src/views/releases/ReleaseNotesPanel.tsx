// Release notes between two versions, as the engine computed them from git: grouped commits (with
// short shas and issues), authors, and a button that copies the Markdown. A warning when the older
// version is not an ancestor (a rollback or diverged history).
import type { ReleaseNotesData } from '../../../../shared/domain/release.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { Markdown } from '../../components/Markdown.tsx';
import { useCockpit } from '../../stores/store-context.tsx';

export function ReleaseNotesPanel({ notes }: { notes: ReleaseNotesData }) {
  const notify = useCockpit((state) => state.notify);
  return (
    <div className="release-notes" data-testid="release-notes">
      <div className="release-notes-head">
        <p className="release-notes-range">
          {notes.from === null ? (
            <>
              Everything up to <span className="mono">{notes.to}</span> (first release)
            </>
          ) : (
            <>
              <span className="mono">{notes.from}</span> → <span className="mono">{notes.to}</span>:{' '}
              {notes.commits.length} {notes.commits.length === 1 ? 'commit' : 'commits'}
            </>
          )}
        </p>
        <CopyButton
          value={notes.markdown}
          label="release notes as Markdown"
          onError={(m) => notify('error', m)}
        />
      </div>
      <Markdown source={notes.markdown} headingLevel={3} />
    </div>
  );
}

/** Notes saved with a deployment (Markdown only), with the same copy button. */
export function SavedNotes({ markdown }: { markdown: string | null }) {
  const notify = useCockpit((state) => state.notify);
  if (markdown === null || markdown.trim() === '') {
    return <p className="release-notes-none">No release notes were saved with this deployment.</p>;
  }
  return (
    <div className="release-notes" data-testid="release-notes">
      <div className="release-notes-head">
        <p className="release-notes-range">Saved with the deployment</p>
        <CopyButton value={markdown} label="release notes as Markdown" onError={(m) => notify('error', m)} />
      </div>
      <Markdown source={markdown} headingLevel={4} />
    </div>
  );
}
