// Asks before cancelling a deployment that waits for approval, is queued, or is running.
import { useEffect, useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { useCockpit } from '../../stores/store-context.tsx';

export function CancelDeploymentDialog({ deploymentId }: { deploymentId: number }) {
  const watchDeployment = useCockpit((state) => state.watchDeployment);
  const detail = useCockpit((state) => state.deploymentDetails[deploymentId]);
  const cancelling = useCockpit((state) => state.cancellingDeployment === deploymentId);
  const cancelDeployment = useCockpit((state) => state.cancelDeployment);
  const closeDialog = useCockpit((state) => state.closeDialog);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => watchDeployment(deploymentId), [watchDeployment, deploymentId]);

  const what = detail ? `${detail.version} to ${detail.environment}` : `deployment #${deploymentId}`;
  return (
    <ConfirmDialog
      title={`Cancel ${what}?`}
      description={
        detail?.status === 'running' || detail?.status === 'verifying' ? (
          <p>The deploy pipeline is stopped where it is; the environment may be left half-deployed.</p>
        ) : (
          <p>The request is withdrawn; nothing was deployed yet.</p>
        )
      }
      confirmLabel="Cancel the deploy"
      cancelLabel="Keep it"
      busy={cancelling}
      error={error}
      onConfirm={() => {
        void cancelDeployment(deploymentId).then((failure) => {
          if (failure) setError(failure);
          else closeDialog();
        });
      }}
      onCancel={closeDialog}
    />
  );
}
