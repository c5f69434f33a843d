// A deployment's status and its verification as badges (icon and word, never colour alone).
import type { DeploymentStatus, VerificationState } from '../../../../shared/domain/release.ts';
import { Icon } from '../../components/Icon.tsx';
import { deploymentLook, verificationLook } from '../../lib/release-look.ts';

export function DeploymentStatusBadge({ status }: { status: DeploymentStatus }) {
  const look = deploymentLook(status);
  const spinning = status === 'running' || status === 'verifying';
  return (
    <span
      className={`badge status-badge status-${look.tone}`}
      data-testid="deployment-status"
      data-status={status}
    >
      <Icon name={look.icon} className={spinning ? 'icon-spin' : undefined} />
      {look.label}
    </span>
  );
}

export function VerificationBadge({
  state,
  detail,
}: {
  state: VerificationState | null;
  detail?: string | null;
}) {
  if (state === null) return null;
  const look = verificationLook(state);
  return (
    <span
      className={`badge status-badge status-${look.tone}`}
      title={detail ?? undefined}
      data-testid="deployment-verification"
      data-verification={state}
    >
      <Icon name={look.icon} />
      {look.label}
    </span>
  );
}
