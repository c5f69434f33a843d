// The connection state in the header: a coloured dot and a word.
import { useCockpit } from '../stores/store-context.tsx';
import { connectionLabel } from './connection-text.ts';

export function ConnectionIndicator() {
  const status = useCockpit((state) => state.connection.status);
  return (
    <span className={`connection-indicator connection-${status}`}>
      <span className="connection-dot" aria-hidden="true" />
      {connectionLabel(status)}
    </span>
  );
}
