// A board cell's release notes: what the deployed version brought (saved with its deployment), and
// what is not here yet (from what runs here to your checkout's HEAD, computed from git). Each copies
// as Markdown.
import { useEffect, useId, useState } from 'react';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { LoadingLine } from '../../components/LoadingLine.tsx';
import { Modal } from '../../components/Modal.tsx';
import { Tabs } from '../../components/Tabs.tsx';
import { shortSha } from '../../lib/short-sha.ts';
import { releaseNotesKeyFor } from '../../stores/releases/release-actions-slice.ts';
import { useCockpit } from '../../stores/store-context.tsx';
import { ReleaseNotesPanel, SavedNotes } from './ReleaseNotesPanel.tsx';
import './releases.css';

type NotesTab = 'deployed' | 'pending';

/** Git takes an abbreviated commit, and the notes read better with one. */
const fromRef = (commit: string | null) => (commit === null ? null : shortSha(commit));

export function ReleaseNotesDialog({ projectId, environment }: { projectId: number; environment: string }) {
  const row = useCockpit((state) => state.boardRows[projectId]);
  const cell = row?.cells.find((candidate) => candidate.environment === environment);
  const recorded = cell?.recorded ?? null;
  const closeDialog = useCockpit((state) => state.closeDialog);
  const [tab, setTab] = useState<NotesTab>(recorded ? 'deployed' : 'pending');
  const idPrefix = useId();
  const name = row?.name ?? 'Project';

  const tabs = [
    { id: 'deployed' as const, label: recorded ? `In ${recorded.version}` : 'Deployed' },
    { id: 'pending' as const, label: `Not in ${environment} yet` },
  ];

  return (
    <Modal
      title={`Release notes: ${name} in ${environment}`}
      onClose={closeDialog}
      size="wide"
      testId="notes-dialog"
    >
      <Tabs label="Which notes" tabs={tabs} selected={tab} onSelect={setTab} idPrefix={idPrefix} />
      <div role="tabpanel" id={`${idPrefix}-panel-${tab}`} aria-labelledby={`${idPrefix}-tab-${tab}`}>
        {tab === 'deployed' ? (
          recorded ? (
            <DeployedNotes deploymentId={recorded.deploymentId} />
          ) : (
            <p className="release-notes-none">No deploy is recorded in {environment} yet.</p>
          )
        ) : cell?.drift?.head.relation === 'same' ? (
          <p className="release-notes-none">
            Nothing new: {environment} runs your checkout’s HEAD
            {row?.headVersion ? ` (${row.headVersion})` : ''}.
          </p>
        ) : row?.headSha ? (
          <PendingNotes
            projectId={projectId}
            from={fromRef(cell?.drift?.commit ?? recorded?.commit ?? null)}
            to={row.headVersion ?? shortSha(row.headSha)}
            headVersion={row.headVersion}
          />
        ) : (
          <p className="release-notes-none">The project’s checkout has no commits to compare with.</p>
        )}
      </div>
      <DialogFooter onCancel={closeDialog} cancelLabel="Close" />
    </Modal>
  );
}

function DeployedNotes({ deploymentId }: { deploymentId: number }) {
  const watchDeployment = useCockpit((state) => state.watchDeployment);
  const detail = useCockpit((state) => state.deploymentDetails[deploymentId]);
  const error = useCockpit((state) => state.deploymentDetailErrors[deploymentId]);
  useEffect(() => watchDeployment(deploymentId), [watchDeployment, deploymentId]);
  if (detail) return <SavedNotes markdown={detail.releaseNotes} />;
  if (error) {
    return (
      <p className="inline-alert" role="alert">
        {error}
      </p>
    );
  }
  return <LoadingLine>Loading…</LoadingLine>;
}

function PendingNotes({
  projectId,
  from,
  to,
  headVersion,
}: {
  projectId: number;
  from: string | null;
  to: string;
  headVersion: string | null;
}) {
  const fetchReleaseNotes = useCockpit((state) => state.fetchReleaseNotes);
  const key = releaseNotesKeyFor({ projectId, from, to });
  const notes = useCockpit((state) => (state.releaseNotesKey === key ? state.releaseNotes : null));
  const error = useCockpit((state) => (state.releaseNotesKey === key ? state.releaseNotesError : null));
  useEffect(() => {
    void fetchReleaseNotes({ projectId, from, to });
  }, [fetchReleaseNotes, projectId, from, to]);
  if (error) {
    return (
      <p className="inline-alert" role="alert">
        {error.message}
      </p>
    );
  }
  if (!notes) {
    return <LoadingLine>Reading git…</LoadingLine>;
  }
  return (
    <>
      <p className="deploy-muted release-notes-lead">
        From what runs here to your checkout’s HEAD{headVersion ? ` (${headVersion})` : ''}.
      </p>
      <ReleaseNotesPanel notes={notes} />
    </>
  );
}
