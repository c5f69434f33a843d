// Renders whichever dialog the store says is open (at most one at a time).
import { useCockpit } from '../stores/store-context.tsx';
import { AddProjectDialog } from '../views/add-project/AddProjectDialog.tsx';
import { RemoveProjectDialog } from '../views/board/RemoveProjectDialog.tsx';
import { RunParamsDialog } from '../views/pipelines/RunParamsDialog.tsx';
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
  }
}
