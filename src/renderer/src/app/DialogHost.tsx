// Renders whichever dialog the store says is open (at most one at a time).
import { useCockpit } from '../stores/store-context.tsx';
import { AddProjectDialog } from '../views/add-project/AddProjectDialog.tsx';
import { RemoveProjectDialog } from '../views/board/RemoveProjectDialog.tsx';
import { RunParamsDialog } from '../views/pipelines/RunParamsDialog.tsx';

export function DialogHost() {
  const dialog = useCockpit((state) => state.dialog);
  if (!dialog) return null;
  if (dialog.kind === 'add-project') return <AddProjectDialog />;
  if (dialog.kind === 'run-pipeline') {
    return <RunParamsDialog projectId={dialog.projectId} pipeline={dialog.pipeline} />;
  }
  return <RemoveProjectDialog projectId={dialog.projectId} />;
}
