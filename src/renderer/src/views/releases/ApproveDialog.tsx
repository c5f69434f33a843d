// Approve or reject a deployment that awaits approval, with a comment (required): what it would
// deploy, who asked, its gates and the approvals so far. Enough approvals start the deploy; one that a
// gate held back after its last approval is started from here instead.
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { DeploymentDetail } from '../../../../shared/domain/release.ts';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { LoadingLine } from '../../components/LoadingLine.tsx';
import { Modal } from '../../components/Modal.tsx';
import { RelativeTime } from '../../components/RelativeTime.tsx';
import { waitingForText } from '../../lib/cell-actions.ts';
import { useCockpit } from '../../stores/store-context.tsx';
import { ApprovalList } from './ApprovalList.tsx';
import { GateList } from './GateList.tsx';
import { DeploymentStatusBadge } from './ReleaseBadges.tsx';
import { SavedNotes } from './ReleaseNotesPanel.tsx';
import { StartHeldDeployment } from './StartHeldDeployment.tsx';
import './releases.css';

interface ApproveDialogProps {
  deploymentId: number;
  decision: 'approve' | 'reject';
}

export function ApproveDialog({ deploymentId, decision }: ApproveDialogProps) {
  const watchDeployment = useCockpit((state) => state.watchDeployment);
  const detail = useCockpit((state) => state.deploymentDetails[deploymentId]);
  const detailError = useCockpit((state) => state.deploymentDetailErrors[deploymentId]);
  const closeDialog = useCockpit((state) => state.closeDialog);

  useEffect(() => watchDeployment(deploymentId), [watchDeployment, deploymentId]);

  const held = detail?.heldBack ?? false;
  const title = !detail
    ? `Deployment #${deploymentId}`
    : held
      ? `Start ${detail.version} to ${detail.environment}`
      : `${decision === 'approve' ? 'Approve' : 'Reject'} ${detail.version} to ${detail.environment}`;

  return (
    <Modal title={title} onClose={closeDialog} size="wide" testId="approve-dialog">
      {!detail ? (
        detailError ? (
          <p className="inline-alert" role="alert">
            {detailError}
          </p>
        ) : (
          <LoadingLine>Loading the deployment…</LoadingLine>
        )
      ) : (
        <div className="deploy-form">
          <DeploymentSummary detail={detail} />
          {held ? (
            <StartHeldDeployment detail={detail} onDone={closeDialog} />
          ) : (
            <DecisionForm detail={detail} initialDecision={decision} onDone={closeDialog} />
          )}
        </div>
      )}
    </Modal>
  );
}

function DeploymentSummary({ detail }: { detail: DeploymentDetail }) {
  return (
    <p className="approve-summary">
      <strong>{detail.projectName}</strong>: {detail.kind} <span className="mono">{detail.version}</span>
      {detail.sourceEnvironment ? ` from ${detail.sourceEnvironment}` : ''} to{' '}
      <strong>{detail.environment}</strong>
      {detail.previousVersion ? (
        <>
          {' '}
          (replacing <span className="mono">{detail.previousVersion}</span>)
        </>
      ) : null}
      . Requested by {detail.actor} <RelativeTime at={detail.requestedAt} />.{' '}
      <DeploymentStatusBadge status={detail.status} />
    </p>
  );
}

/** Who may approve, as the engine says: the approvers still to decide, or anyone but those excluded. */
function WhoMayApprove({ detail }: { detail: DeploymentDetail }) {
  const approval = detail.approval;
  if (!approval) return null;
  const who =
    approval.waitingFor.length > 0
      ? approval.waitingFor.join(', ')
      : approval.anyone
        ? `anyone${approval.excluded.length > 0 ? ` but ${approval.excluded.join(', ')}` : ''}`
        : 'nobody left';
  return (
    <p className="deploy-muted" data-testid="may-approve">
      May approve: <strong>{who}</strong> · {approval.approvalsLeft} of {approval.approvalsNeeded}{' '}
      {approval.approvalsNeeded === 1 ? 'approval' : 'approvals'} still needed
    </p>
  );
}

function DecisionForm({
  detail,
  initialDecision,
  onDone,
}: {
  detail: DeploymentDetail;
  initialDecision: 'approve' | 'reject';
  onDone: () => void;
}) {
  const submitting = useCockpit((state) => state.approvalSubmitting);
  const decideApproval = useCockpit((state) => state.decideApproval);
  // Approve is offered only to whom the engine lets approve (never the requester of their own deploy,
  // unless self-approval is allowed); the others may still reject, and see who it waits for.
  const approveOffered = detail.canApprove.allowed;
  const [chosenDecision, setDecision] = useState(initialDecision);
  const decision = approveOffered ? chosenDecision : 'reject';
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [triedSubmit, setTriedSubmit] = useState(false);
  const ids = { comment: useId(), commentError: useId() };
  // The engine says whether an approval needs a comment; a rejection always does.
  const commentRequired = decision === 'reject' || (detail.approval?.commentRequired ?? true);
  const commentMissing = commentRequired && comment.trim() === '';
  const waiting = detail.status === 'awaiting_approval';

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTriedSubmit(true);
    if (commentMissing || submitting || !waiting) return;
    setError(null);
    const failure = await decideApproval(detail.id, decision, comment.trim());
    if (failure) setError(failure);
    else onDone();
  };

  return (
    <form
      className="deploy-form"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      aria-busy={submitting}
    >
      <section className="deploy-section">
        <h3 className="deploy-section-title">Gates when requested</h3>
        <GateList gates={detail.gates} approvalPending={waiting} />
      </section>

      <section className="deploy-section">
        <h3 className="deploy-section-title">
          Approvals ({detail.approvals.filter((a) => a.decision === 'approve').length} of{' '}
          {detail.approvalsNeeded})
        </h3>
        <WhoMayApprove detail={detail} />
        <ApprovalList approvals={detail.approvals} />
      </section>

      <details className="deploy-section deploy-notes">
        <summary className="deploy-section-title">Release notes</summary>
        <SavedNotes markdown={detail.releaseNotes} />
      </details>

      {waiting ? (
        <>
          <fieldset className="approve-decision">
            <legend className="field-label">Decision</legend>
            {approveOffered ? (
              <label className="checkbox-label">
                <input
                  type="radio"
                  name="decision"
                  checked={decision === 'approve'}
                  onChange={() => setDecision('approve')}
                />
                Approve
              </label>
            ) : null}
            <label className="checkbox-label">
              <input
                type="radio"
                name="decision"
                checked={decision === 'reject'}
                onChange={() => setDecision('reject')}
              />
              Reject
            </label>
          </fieldset>
          {approveOffered ? null : detail.approval?.actorIsRequester ? (
            // The requester is not offered Approve on their own deploy: they see who it waits for.
            <p className="inline-alert inline-alert-warning" data-testid="cannot-approve">
              You requested this deploy. {waitingForText(detail.approval)}.
            </p>
          ) : detail.canApprove.why ? (
            // The engine's answer to "may I approve this?", in place of an Approve it would refuse.
            <p className="inline-alert" data-testid="cannot-approve">
              You cannot approve this: {detail.canApprove.why}.
            </p>
          ) : null}
          <div className="field">
            <label className="field-label" htmlFor={ids.comment}>
              Comment{' '}
              {commentRequired ? (
                <span className="field-required" data-testid="comment-required">
                  (required)
                </span>
              ) : (
                <span className="deploy-muted">(optional)</span>
              )}
            </label>
            <textarea
              id={ids.comment}
              className="input textarea"
              rows={3}
              value={comment}
              onChange={(event) => setComment(event.target.value)}
              aria-required={commentRequired}
              aria-invalid={triedSubmit && commentMissing ? true : undefined}
              aria-describedby={triedSubmit && commentMissing ? ids.commentError : undefined}
              autoFocus
            />
            {triedSubmit && commentMissing ? (
              <p id={ids.commentError} className="field-error" role="alert">
                A comment is required: say what you checked, or why not.
              </p>
            ) : null}
          </div>
        </>
      ) : (
        <p className="inline-alert inline-alert-warning" role="status">
          This deployment is no longer waiting for approval.
        </p>
      )}

      {error ? (
        <p className="field-error" role="alert" data-testid="approve-error">
          {error}
        </p>
      ) : null}
      <DialogFooter
        onCancel={onDone}
        cancelLabel={waiting ? 'Cancel' : 'Close'}
        submitting={submitting}
        submitLabel={waiting ? (decision === 'approve' ? 'Approve' : 'Reject') : undefined}
        submitTone={decision === 'approve' ? 'primary' : 'danger'}
        submitTestId="approve-confirm"
      />
    </form>
  );
}
