// Deployments waiting for someone's approval, across projects: what, where, who asked, and buttons
// to approve or reject (each asks for a comment).
import type { Deployment } from '../../../../shared/domain/release.ts';
import { RelativeTime } from '../../components/RelativeTime.tsx';
import { waitingForText } from '../../lib/cell-actions.ts';
import { useCockpit } from '../../stores/store-context.tsx';

export function PendingApprovals() {
  const pending = useCockpit((state) => state.pendingApprovals);
  if (!pending || pending.length === 0) return null;
  return (
    <section
      className="pending-approvals"
      aria-labelledby="pending-approvals-title"
      data-testid="pending-approvals"
    >
      <h2 id="pending-approvals-title" className="section-title pending-title">
        Waiting for approval <span className="badge badge-warning">{pending.length}</span>
      </h2>
      <ul className="pending-list">
        {pending.map((deployment) => {
          const approved = deployment.approvals.filter((approval) => approval.decision === 'approve').length;
          return (
            <li
              key={deployment.id}
              className="pending-item"
              data-testid="pending-approval"
              data-deployment-id={deployment.id}
            >
              <div className="pending-what">
                <strong>{deployment.projectName}</strong> · <span className="mono">{deployment.version}</span>{' '}
                to <strong>{deployment.environment}</strong>
                {deployment.sourceEnvironment ? ` from ${deployment.sourceEnvironment}` : ''}
                <p className="deploy-muted">
                  {deployment.heldBack ? 'Approved, held back by a gate · ' : ''}Requested by{' '}
                  {deployment.actor} <RelativeTime at={deployment.requestedAt} /> · {approved} of{' '}
                  {deployment.approvalsNeeded} {deployment.approvalsNeeded === 1 ? 'approval' : 'approvals'}
                </p>
              </div>
              <div className="pending-actions">
                {deployment.heldBack ? (
                  <DecisionButton deployment={deployment} decision="approve" verb="Start" primary />
                ) : (
                  <>
                    {deployment.approval && !deployment.approval.mayApprove ? (
                      // The engine decides who may approve; the others see who it waits for.
                      <span className="deploy-muted" data-testid="waiting-for">
                        {waitingForText(deployment.approval)}
                      </span>
                    ) : null}
                    <DecisionButton deployment={deployment} decision="reject" verb="Reject" />
                    {deployment.approval?.mayApprove !== false ? (
                      <DecisionButton deployment={deployment} decision="approve" verb="Approve" primary />
                    ) : null}
                  </>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Opens the approval dialog on one decision (Start is approve on a deploy that has its approvals). */
function DecisionButton({
  deployment,
  decision,
  verb,
  primary = false,
}: {
  deployment: Deployment;
  decision: 'approve' | 'reject';
  verb: string;
  primary?: boolean;
}) {
  const openDialog = useCockpit((state) => state.openDialog);
  return (
    <button
      type="button"
      className={`button button-small${primary ? ' button-primary' : ''}`}
      aria-label={`${verb} ${deployment.version} to ${deployment.environment} of ${deployment.projectName}`}
      onClick={() => openDialog({ kind: 'approve', deploymentId: deployment.id, decision })}
    >
      {verb}…
    </button>
  );
}
