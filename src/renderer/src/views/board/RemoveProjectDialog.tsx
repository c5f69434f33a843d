// Asks before forgetting a project, and says plainly that its folder is left alone.
import { useRef, useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Modal } from '../../components/Modal.tsx';
import { useCockpit } from '../../stores/store-context.tsx';

export function RemoveProjectDialog({ projectId }: { projectId: number }) {
  const current = useCockpit((state) => state.projects.find((p) => p.id === projectId));
  // Kept from when the dialog opened, so the text does not change while the removal completes.
  const [opened] = useState(current);
  const project = current ?? opened;
  const removing = useCockpit((state) => state.projectActivity[projectId] === 'removing');
  const removeProject = useCockpit((state) => state.removeProject);
  const closeDialog = useCockpit((state) => state.closeDialog);
  const [error, setError] = useState<string | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  const confirm = async () => {
    if (removing) return;
    setError(null);
    const failure = await removeProject(projectId);
    if (failure) setError(failure);
    else closeDialog();
  };

  if (!project) {
    return (
      <Modal title="Project not found" onClose={closeDialog} initialFocus={cancelRef}>
        <p>This project is no longer in the cockpit.</p>
        <div className="modal-footer">
          <button ref={cancelRef} type="button" className="button" onClick={closeDialog}>
            Close
          </button>
        </div>
      </Modal>
    );
  }

  return (
    <ConfirmDialog
      title={`Remove ${project.name}?`}
      description={
        <>
          <p>Release Cockpit will stop tracking this project.</p>
          <p>
            The folder <code className="mono">{project.path}</code> is not touched: nothing in it is changed
            or deleted, and you can add it again later.
          </p>
        </>
      }
      confirmLabel="Remove"
      busy={removing}
      error={error}
      onConfirm={() => void confirm()}
      onCancel={closeDialog}
    />
  );
}
