// Asks before deleting a secret, and says what breaks: jobs that need it fail until it is set again.
import { useState } from 'react';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { useCockpit } from '../../../stores/store-context.tsx';

export function DeleteSecretDialog({ projectId, name }: { projectId: number; name: string }) {
  const projectName = useCockpit((state) => state.projects.find((p) => p.id === projectId)?.name ?? null);
  const deleting = useCockpit((state) => state.secretActivity === 'deleting');
  const deleteSecret = useCockpit((state) => state.deleteSecret);
  const closeDialog = useCockpit((state) => state.closeDialog);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    if (deleting) return;
    setError(null);
    const failure = await deleteSecret(projectId, name);
    if (failure) setError(failure);
    else closeDialog();
  };

  return (
    <ConfirmDialog
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
      confirmLabel="Delete"
      busy={deleting}
      error={error}
      onConfirm={() => void confirm()}
      onCancel={closeDialog}
    />
  );
}
