// The footer of a dialog with a form: a button that closes it and the form's submit button, which
// shows a spinner and is aria-disabled while the submit is under way.
import type { ReactNode } from 'react';
import { BusyButton } from './BusyButton.tsx';

interface FormDialogFooterProps {
  onCancel: () => void;
  cancelLabel?: string;
  /** The submit button's label; without one the footer has only the cancel button. */
  submitLabel?: ReactNode;
  submitting: boolean;
  /** 'danger' for a submit that destroys or refuses something. */
  submitTone?: 'primary' | 'danger';
  submitTestId?: string;
}

export function FormDialogFooter({
  onCancel,
  cancelLabel = 'Cancel',
  submitLabel,
  submitting,
  submitTone = 'primary',
  submitTestId,
}: FormDialogFooterProps) {
  return (
    <div className="modal-footer">
      <button type="button" className="button" onClick={onCancel}>
        {cancelLabel}
      </button>
      {submitLabel ? (
        <BusyButton
          type="submit"
          busy={submitting}
          className={`button button-${submitTone}`}
          data-testid={submitTestId}
        >
          {submitLabel}
        </BusyButton>
      ) : null}
    </div>
  );
}
