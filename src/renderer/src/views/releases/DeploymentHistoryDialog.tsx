// A board cell's history: the deployments to that environment, newest first, each with its status,
// verification and approvals, expandable to its gates, notes and audit trail.
import { useEffect } from 'react';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { LoadingLine } from '../../components/LoadingLine.tsx';
import { Modal } from '../../components/Modal.tsx';
import { useCockpit } from '../../stores/store-context.tsx';
import { DeploymentList } from './DeploymentList.tsx';
import './releases.css';

export function DeploymentHistoryDialog({
  projectId,
  environment,
}: {
  projectId: number;
  environment: string;
}) {
  const name = useCockpit(
    (state) =>
      state.projects.find((p) => p.id === projectId)?.name ?? state.boardRows[projectId]?.name ?? 'Project',
  );
  const watchCellHistory = useCockpit((state) => state.watchCellHistory);
  const history = useCockpit((state) =>
    state.cellHistoryFor?.projectId === projectId && state.cellHistoryFor.environment === environment
      ? state.cellHistory
      : null,
  );
  const error = useCockpit((state) => state.cellHistoryError);
  const closeDialog = useCockpit((state) => state.closeDialog);

  useEffect(() => watchCellHistory({ projectId, environment }), [watchCellHistory, projectId, environment]);

  return (
    <Modal
      title={`History: ${name} in ${environment}`}
      onClose={closeDialog}
      size="wide"
      testId="history-dialog"
    >
      {error ? (
        <p className="inline-alert" role="alert">
          Could not load the history: {error.message}
        </p>
      ) : null}
      {history === null ? (
        error ? null : (
          <LoadingLine>Loading deployments…</LoadingLine>
        )
      ) : history.length === 0 ? (
        <p className="release-notes-none">Nothing was deployed to {environment} from the cockpit yet.</p>
      ) : (
        <DeploymentList deployments={history} showProject={false} />
      )}
      <DialogFooter onCancel={closeDialog} cancelLabel="Close" />
    </Modal>
  );
}
