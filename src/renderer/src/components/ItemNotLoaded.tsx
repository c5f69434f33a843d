// What the view of one numbered item (a run, an environment) shows until the item is there: a loading
// line, or why it could not be loaded with "Try again" (not when it does not exist). Either way the
// line carries the id the view's section is labelled by.
import { LoadingLine } from './LoadingLine.tsx';

interface ItemNotLoadedProps {
  /** The item's name in a sentence: 'run', 'environment'. */
  noun: string;
  id: number;
  /** The id of the element that titles the view. */
  titleId: string;
  error: { code: string; message: string } | null;
  connected: boolean;
  onRetry: () => unknown;
}

export function ItemNotLoaded({ noun, id, titleId, error, connected, onRetry }: ItemNotLoadedProps) {
  if (!error) {
    return (
      <LoadingLine>
        <span id={titleId}>{connected ? `Loading ${noun} #${id}…` : 'Waiting for the engine…'}</span>
      </LoadingLine>
    );
  }
  const missing = error.code === 'NOT_FOUND';
  return (
    <div className="view-error" role="alert">
      <h1 id={titleId} className="view-error-title">
        {missing ? `There is no ${noun} #${id}` : `Could not load ${noun} #${id}`}
      </h1>
      <p>{error.message}</p>
      {missing ? null : (
        <button type="button" className="button" onClick={() => void onRetry()}>
          Try again
        </button>
      )}
    </div>
  );
}
