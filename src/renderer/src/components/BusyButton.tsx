// A button that can be busy: while `busy` it is aria-disabled (it stays focusable) and shows a spinner
// before its label. The caller's onClick or the form's submit decides what a click while busy does.
import type { ButtonHTMLAttributes } from 'react';
import { Spinner } from './Spinner.tsx';

interface BusyButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'aria-disabled'> {
  busy: boolean;
  'data-testid'?: string;
}

export function BusyButton({ busy, type = 'button', children, ...buttonProps }: BusyButtonProps) {
  return (
    <button type={type} aria-disabled={busy} {...buttonProps}>
      {busy ? <Spinner /> : null}
      {children}
    </button>
  );
}
