// The top bar: the app's name, the command palette's button, and the connection state.
import { Icon } from '../components/Icon.tsx';
import { useCockpit } from '../stores/store-context.tsx';
import { ConnectionIndicator } from './ConnectionIndicator.tsx';

const isMac = /Mac|iPhone|iPad/.test(navigator.userAgent);

export function Header() {
  return (
    <header className="app-header">
      <span className="app-brand">
        <span className="app-mark" aria-hidden="true" />
        Release Cockpit
      </span>
      <div className="app-header-end">
        <PaletteButton />
        <ConnectionIndicator />
      </div>
    </header>
  );
}

function PaletteButton() {
  const openPalette = useCockpit((state) => state.openPalette);
  return (
    <button
      type="button"
      className="button button-small button-quiet palette-button"
      aria-keyshortcuts={isMac ? 'Meta+K' : 'Control+K'}
      onClick={openPalette}
    >
      <Icon name="search" />
      Commands
      <kbd aria-hidden="true">{isMac ? '⌘K' : 'Ctrl+K'}</kbd>
    </button>
  );
}
