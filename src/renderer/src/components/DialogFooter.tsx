// The footer of a dialog: the button that closes it and, for a dialog with a form, the form's submit
// button, which shows a spinner and is aria-disabled while the submit is under way.
import type { ReactNode } from 'react';
import { BusyButton } from './BusyButton.tsx';

interface DialogFooterProps {
  onCancel: () => void;
  cancelLabel?: string;
  /** The submit button's label; without one the footer has only the cancel button. */
  submitLabel?: ReactNode;
  submitting?: boolean;
  /** 'danger' for a submit that destroys or refuses something. */
  submitTone?: 'primary' | 'danger';
  submitTestId?: string;
}

export function DialogFooter({
  onCancel,
  cancelLabel = 'Cancel',
  submitLabel,
  submitting = false,
  submitTone = 'primary',
  submitTestId,
}: DialogFooterProps) {
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
