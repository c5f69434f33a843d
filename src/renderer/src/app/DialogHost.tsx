// Renders whichever dialog the store says is open (at most one at a time).
import { useCockpit } from '../stores/store-context.tsx';
import { AddProjectDialog } from '../views/add-project/AddProjectDialog.tsx';
import { RemoveProjectDialog } from '../views/board/RemoveProjectDialog.tsx';
import { RunParamsDialog } from '../views/pipelines/RunParamsDialog.tsx';
import { ApproveDialog } from '../views/releases/ApproveDialog.tsx';
import { CancelDeploymentDialog } from '../views/releases/CancelDeploymentDialog.tsx';
import { DeployDialog } from '../views/releases/DeployDialog.tsx';
import { DeploymentHistoryDialog } from '../views/releases/DeploymentHistoryDialog.tsx';
import { ReleaseNotesDialog } from '../views/releases/ReleaseNotesDialog.tsx';
import { DeleteSecretDialog } from '../views/settings/secrets/DeleteSecretDialog.tsx';
import { SecretFormDialog } from '../views/settings/secrets/SecretFormDialog.tsx';

export function DialogHost() {
  const dialog = useCockpit((state) => state.dialog);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'add-project':
      return <AddProjectDialog />;
    case 'run-pipeline':
      return <RunParamsDialog projectId={dialog.projectId} pipeline={dialog.pipeline} />;
    case 'set-secret':
      return <SecretFormDialog projectId={dialog.projectId} name={dialog.name} />;
    case 'delete-secret':
      return <DeleteSecretDialog projectId={dialog.projectId} name={dialog.name} />;
    case 'remove-project':
      return <RemoveProjectDialog projectId={dialog.projectId} />;
    case 'deploy':
      return (
        <DeployDialog
          key={`${dialog.projectId}-${dialog.environment}-${dialog.mode}-${dialog.from ?? ''}`}
          projectId={dialog.projectId}
          environment={dialog.environment}
          mode={dialog.mode}
          from={dialog.from}
          rollbackTo={dialog.rollbackTo ?? null}
        />
      );
    case 'approve':
      return (
        <ApproveDialog
          key={dialog.deploymentId}
          deploymentId={dialog.deploymentId}
          decision={dialog.decision}
        />
      );
    case 'cancel-deployment':
      return <CancelDeploymentDialog deploymentId={dialog.deploymentId} />;
    case 'release-notes':
      return <ReleaseNotesDialog projectId={dialog.projectId} environment={dialog.environment} />;
    case 'deploy-history':
      return <DeploymentHistoryDialog projectId={dialog.projectId} environment={dialog.environment} />;
  }
}
