// One deployment in full (releases.get): verification, override, gates, approvals, saved release
// notes, the notes thread, its audit trail and its evidence pack; approve, reject or cancel while it
// is still open.
import { useEffect } from 'react';
import { activeDeploymentStatuses } from '../../../../shared/domain/release.ts';
import { LoadingLine } from '../../components/LoadingLine.tsx';
import { RelativeTime } from '../../components/RelativeTime.tsx';
import { auditDetailText, auditLabel } from '../../lib/release-look.ts';
import { shortSha } from '../../lib/short-sha.ts';
import { useCockpit } from '../../stores/store-context.tsx';
import { NotesThread } from '../notes/NotesThread.tsx';
import { ApprovalList } from './ApprovalList.tsx';
import { EvidencePack } from './EvidencePack.tsx';
import { GateList } from './GateList.tsx';
import { SavedNotes } from './ReleaseNotesPanel.tsx';
import { ShippedBuild } from './ShippedBuild.tsx';

export function DeploymentDetails({ deploymentId }: { deploymentId: number }) {
  const watchDeployment = useCockpit((state) => state.watchDeployment);
  const detail = useCockpit((state) => state.deploymentDetails[deploymentId]);
  const error = useCockpit((state) => state.deploymentDetailErrors[deploymentId]);
  const openDialog = useCockpit((state) => state.openDialog);
  useEffect(() => watchDeployment(deploymentId), [watchDeployment, deploymentId]);

  if (!detail) {
    return error ? (
      <p className="inline-alert" role="alert">
        {error}
      </p>
    ) : (
      <LoadingLine>Loading…</LoadingLine>
    );
  }
  const open = activeDeploymentStatuses.includes(detail.status);
  const params = Object.entries(detail.params);

  return (
    <div className="deployment-details" data-testid="deployment-details">
      <dl className="deploy-plan">
        <div>
          <dt>Commit</dt>
          <dd className="mono" title={detail.commit}>
            {shortSha(detail.commit)}
          </dd>
        </div>
        <div>
          <dt>Pipeline</dt>
          <dd>
            <span className="mono">{detail.pipeline}</span>
            {params.length > 0 ? (
              <span className="deploy-muted">
                {' '}
                ({params.map(([name, value]) => `${name}=${String(value)}`).join(', ')})
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>Requested</dt>
          <dd>
            by {detail.actor} <RelativeTime at={detail.requestedAt} />
          </dd>
        </div>
        <div>
          <dt>Shipped</dt>
          <dd>
            <ShippedBuild build={detail.build} />
          </dd>
        </div>
        {detail.verificationDetail ? (
          <div>
            <dt>Verification</dt>
            <dd data-testid="verification-detail">{detail.verificationDetail}</dd>
          </div>
        ) : null}
        {detail.override ? (
          <div>
            <dt>Override</dt>
            <dd>
              by {detail.override.by}: “{detail.override.reason}”
            </dd>
          </div>
        ) : null}
      </dl>

      {open ? (
        <div className="deployment-actions">
          {detail.heldBack ? (
            <button
              type="button"
              className="button button-small button-primary"
              onClick={() => openDialog({ kind: 'approve', deploymentId, decision: 'approve' })}
            >
              Start…
            </button>
          ) : detail.status === 'awaiting_approval' ? (
            <>
              <button
                type="button"
                className="button button-small button-primary"
                onClick={() => openDialog({ kind: 'approve', deploymentId, decision: 'approve' })}
              >
                Approve…
              </button>
              <button
                type="button"
                className="button button-small"
                onClick={() => openDialog({ kind: 'approve', deploymentId, decision: 'reject' })}
              >
                Reject…
              </button>
            </>
          ) : null}
          <button
            type="button"
            className="button button-small"
            onClick={() => openDialog({ kind: 'cancel-deployment', deploymentId })}
          >
            Cancel the deploy…
          </button>
        </div>
      ) : null}

      <h4 className="deployment-subtitle">Gates</h4>
      <GateList gates={detail.gates} approvalPending={detail.status === 'awaiting_approval'} />
      {detail.approvalsNeeded > 0 || detail.approvals.length > 0 ? (
        <>
          <h4 className="deployment-subtitle">
            Approvals ({detail.approvals.filter((a) => a.decision === 'approve').length} of{' '}
            {detail.approvalsNeeded})
          </h4>
          <ApprovalList approvals={detail.approvals} />
        </>
      ) : null}
      <h4 className="deployment-subtitle">Release notes</h4>
      <SavedNotes markdown={detail.releaseNotes} />
      <h4 className="deployment-subtitle">Notes</h4>
      <NotesThread subject="deployment" subjectId={deploymentId} />
      <h4 className="deployment-subtitle">Audit trail</h4>
      {detail.audit.length === 0 ? (
        <p className="deploy-muted">No audit entries.</p>
      ) : (
        <ol className="audit-trail">
          {detail.audit.map((entry) => (
            <li key={entry.id}>
              <RelativeTime at={entry.at} /> · <strong>{auditLabel(entry.action)}</strong> by {entry.actor}
              {auditDetailText(entry.detail) ? (
                <span className="deploy-muted"> — {auditDetailText(entry.detail)}</span>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <h4 className="deployment-subtitle">Evidence</h4>
      <EvidencePack deploymentId={deploymentId} status={detail.status} />
    </div>
  );
}
