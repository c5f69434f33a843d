// Asks before deleting a secret, and says what breaks: jobs that need it fail until it is set again.
import { useRef, useState } from 'react';
import { Modal } from '../../../components/Modal.tsx';
import { Spinner } from '../../../components/Spinner.tsx';
import { useCockpit } from '../../../stores/store-context.tsx';

export function DeleteSecretDialog({ projectId, name }: { projectId: number; name: string }) {
  const projectName = useCockpit((state) => state.projects.find((p) => p.id === projectId)?.name ?? null);
  const deleting = useCockpit((state) => state.secretActivity === 'deleting');
  const deleteSecret = useCockpit((state) => state.deleteSecret);
  const closeDialog = useCockpit((state) => state.closeDialog);
  const [error, setError] = useState<string | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  const confirm = async () => {
    if (deleting) return;
    setError(null);
    const failure = await deleteSecret(projectId, name);
    if (failure) setError(failure);
    else closeDialog();
  };

  return (
    <Modal
      role="alertdialog"
      title={`Delete ${name}?`}
      description={
        <>
          <p>
            Jobs that list <code className="mono">{name}</code> under <code className="mono">secrets:</code>{' '}
            will fail until it is set again.
          </p>
          <p>
            The value is deleted from this computer{projectName ? ` for ${projectName}` : ''} and cannot be
            recovered.
          </p>
        </>
      }
      onClose={closeDialog}
      initialFocus={cancelRef}
    >
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="modal-footer">
        <button ref={cancelRef} type="button" className="button" onClick={closeDialog}>
          Cancel
        </button>
        <button
          type="button"
          className="button button-danger"
          aria-disabled={deleting}
          onClick={() => void confirm()}
        >
          {deleting ? <Spinner /> : null}
          Delete
        </button>
      </div>
    </Modal>
  );
}
