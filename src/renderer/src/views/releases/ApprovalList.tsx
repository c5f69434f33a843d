// Who approved or rejected a deployment, when, and what they said.
import type { Approval } from '../../../../shared/domain/release.ts';
import { Icon } from '../../components/Icon.tsx';
import { RelativeTime } from '../../components/RelativeTime.tsx';

export function ApprovalList({ approvals }: { approvals: Approval[] }) {
  if (approvals.length === 0) return <p className="deploy-muted">No approvals yet.</p>;
  return (
    <ul className="approval-list" data-testid="approval-list">
      {approvals.map((approval) => (
        <li key={approval.id} className={`approval approval-${approval.decision}`}>
          <span className={`approval-icon status-${approval.decision === 'approve' ? 'ok' : 'danger'}`}>
            <Icon name={approval.decision === 'approve' ? 'check' : 'cross'} />
          </span>
          <span>
            <strong>{approval.approver}</strong> {approval.decision === 'approve' ? 'approved' : 'rejected'}{' '}
            <RelativeTime at={approval.at} />
            {approval.comment ? <span className="approval-comment">“{approval.comment}”</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
