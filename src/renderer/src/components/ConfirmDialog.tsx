// Asks before something that cannot be undone: an alertdialog with Cancel focused first, so Enter or
// Space never confirms by accident, and a destructive button that shows a spinner while it works.
import { useRef, type ReactNode } from 'react';
import { BusyButton } from './BusyButton.tsx';
import { Modal } from './Modal.tsx';

interface ConfirmDialogProps {
  title: string;
  description: ReactNode;
  /** The name of the destructive button, such as "Remove" or "Delete". */
  confirmLabel: string;
  /** The name of the button that backs out; "Cancel" unless that would be ambiguous. */
  cancelLabel?: string;
  /** The action is under way: the confirm button shows a spinner and ignores further clicks. */
  busy: boolean;
  /** Why the last attempt failed, shown above the buttons. */
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({
  title,
  description,
  confirmLabel,
  cancelLabel = 'Cancel',
  busy,
  error,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <Modal
      role="alertdialog"
      title={title}
      description={description}
      onClose={onCancel}
      initialFocus={cancelRef}
    >
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="modal-footer">
        <button ref={cancelRef} type="button" className="button" onClick={onCancel}>
          {cancelLabel}
        </button>
        <BusyButton
          busy={busy}
          className="button button-danger"
          onClick={() => {
            if (!busy) onConfirm();
          }}
        >
          {confirmLabel}
        </BusyButton>
      </div>
    </Modal>
  );
}
