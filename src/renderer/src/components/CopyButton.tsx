// A small "Copy" button for a value (paths, versions) with a brief "Copied" confirmation.
import { useEffect, useState } from 'react';
import { Icon } from './Icon.tsx';

interface CopyButtonProps {
  value: string;
  /** What is copied, for the accessible name: "Copy data directory". */
  label: string;
  onError: (message: string) => void;
}

const CONFIRM_MS = 1_500;

export function CopyButton({ value, label, onError }: CopyButtonProps) {
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), CONFIRM_MS);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = () => {
    navigator.clipboard.writeText(value).then(
      () => setCopied(true),
      () => onError(`Could not copy the ${label} to the clipboard.`),
    );
  };

  return (
    <>
      <button
        type="button"
        className="button button-small button-quiet"
        aria-label={`Copy ${label}`}
        onClick={copy}
      >
        <Icon name={copied ? 'check' : 'copy'} />
        <span aria-hidden="true">{copied ? 'Copied' : 'Copy'}</span>
      </button>
      <span className="visually-hidden" role="status">
        {copied ? `Copied the ${label}` : ''}
      </span>
    </>
  );
}
