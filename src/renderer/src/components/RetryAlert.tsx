// An inline alert for something that failed to load, with a "Try again" button that loads it again.
import type { ReactNode } from 'react';

interface RetryAlertProps {
  /** What failed, e.g. "Could not load the secrets: …". */
  children: ReactNode;
  onRetry: () => unknown;
  testId?: string;
}

export function RetryAlert({ children, onRetry, testId }: RetryAlertProps) {
  return (
    <div className="inline-alert" role="alert" data-testid={testId}>
      <span>{children}</span>
      <button type="button" className="button button-small" onClick={() => void onRetry()}>
        Try again
      </button>
    </div>
  );
}
