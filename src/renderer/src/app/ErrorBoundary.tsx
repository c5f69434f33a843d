// Catches a view that crashed while rendering: shows a readable message and "Try again"
// instead of a blank window, and hands the error to `onError` (which writes it to the log).
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface ErrorBoundaryProps {
  /** What failed, for the message: "the Board view". */
  what: string;
  onError: (error: Error, componentStack: string) => void;
  children: ReactNode;
}

interface ErrorBoundaryState {
  error: Error | null;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    const normalized = error instanceof Error ? error : new Error(String(error));
    this.props.onError(normalized, info.componentStack ?? '');
  }

  private readonly retry = () => this.setState({ error: null });

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="view-error" role="alert">
        <h2 className="view-error-title">Something went wrong in {this.props.what}</h2>
        <p>
          The problem was written to the log. You can try again; if it keeps happening, the log folder (shown
          in Settings) has the details.
        </p>
        <p className="view-error-detail">{error.message}</p>
        <button type="button" className="button" onClick={this.retry}>
          Try again
        </button>
      </div>
    );
  }
}
