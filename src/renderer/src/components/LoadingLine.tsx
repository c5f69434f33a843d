// The line a list or panel shows while it loads: a spinner and what it waits for, announced politely.
// With `failure`, the same line says why loading failed instead (no spinner).
import type { ReactNode } from 'react';
import { Spinner } from './Spinner.tsx';

interface LoadingLineProps {
  children: ReactNode;
  failure?: string | null;
}

export function LoadingLine({ children, failure }: LoadingLineProps) {
  return (
    <p className="loading-line" role="status">
      {failure ? (
        failure
      ) : (
        <>
          <Spinner />
          {children}
        </>
      )}
    </p>
  );
}
