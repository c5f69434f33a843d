// The top bar: the app's name and the connection state.
import { ConnectionIndicator } from './ConnectionIndicator.tsx';

export function Header() {
  return (
    <header className="app-header">
      <span className="app-brand">
        <span className="app-mark" aria-hidden="true" />
        Release Cockpit
      </span>
      <ConnectionIndicator />
    </header>
  );
}
