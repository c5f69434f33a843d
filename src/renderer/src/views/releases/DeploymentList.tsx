// Deployments, newest first: what went where (previous → new version), how it ended and whether the
// environment then reported it, approvals, who and when. Each row expands to its details.
import { useId, useState } from 'react';
import type { Deployment } from '../../../../shared/domain/release.ts';
import { Icon } from '../../components/Icon.tsx';
import { RelativeTime } from '../../components/RelativeTime.tsx';
import { kindLabel } from '../../lib/release-look.ts';
import { hashForRun } from '../../navigation/hash-route.ts';
import { DeploymentDetails } from './DeploymentDetails.tsx';
import { DeploymentStatusBadge, VerificationBadge } from './ReleaseBadges.tsx';

export function DeploymentList({
  deployments,
  showProject,
}: {
  deployments: Deployment[];
  showProject: boolean;
}) {
  return (
    <ul className="framed-list" data-testid="deployment-list">
      {deployments.map((deployment) => (
        <DeploymentItem key={deployment.id} deployment={deployment} showProject={showProject} />
      ))}
    </ul>
  );
}

function DeploymentItem({ deployment, showProject }: { deployment: Deployment; showProject: boolean }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const approved = deployment.approvals.filter((approval) => approval.decision === 'approve').length;
  return (
    <li
      className="deployment-item"
      data-testid="deployment"
      data-deployment-id={deployment.id}
      data-status={deployment.status}
    >
      <div className="deployment-line">
        <button
          type="button"
          className="button button-icon button-quiet deployment-toggle"
          aria-expanded={open}
          aria-controls={panelId}
          aria-label={`Details of deployment #${deployment.id}`}
          onClick={() => setOpen(!open)}
        >
          <Icon name={open ? 'chevron-down' : 'chevron-right'} />
        </button>
        <span className="mono deployment-id">#{deployment.id}</span>
        <span className="deployment-what">
          {showProject ? <strong>{deployment.projectName}</strong> : null}
          {showProject ? ' · ' : ''}
          <span>{deployment.environment}</span>
          {': '}
          {deployment.previousVersion ? (
            <>
              <span className="mono deploy-muted">{deployment.previousVersion}</span> →{' '}
            </>
          ) : null}
          <span className="mono deployment-version">{deployment.version}</span>
        </span>
        <span className="deployment-kind">
          {kindLabel(deployment.kind)}
          {deployment.sourceEnvironment ? ` from ${deployment.sourceEnvironment}` : ''}
          {deployment.fix ? ' (fix)' : ''}
        </span>
        <DeploymentStatusBadge status={deployment.status} />
        <VerificationBadge state={deployment.verification} detail={deployment.verificationDetail} />
        {deployment.approvalsNeeded > 0 ? (
          <span className="deployment-approvals" title="Approvals counted / needed">
            <Icon name="check" /> {approved}/{deployment.approvalsNeeded}
          </span>
        ) : null}
        {deployment.override ? (
          <span
            className="badge badge-warning"
            title={`Overridden by ${deployment.override.by}: ${deployment.override.reason}`}
          >
            override
          </span>
        ) : null}
        <span className="deployment-when">
          {deployment.actor} ·{' '}
          <RelativeTime at={deployment.finishedAt ?? deployment.startedAt ?? deployment.requestedAt} />
        </span>
        {deployment.runId !== null ? (
          <a className="deployment-run" href={hashForRun(deployment.runId)}>
            run #{deployment.runId}
          </a>
        ) : null}
      </div>
      {open ? (
        <div id={panelId} className="deployment-panel">
          <DeploymentDetails deploymentId={deployment.id} />
        </div>
      ) : null}
    </li>
  );
}
