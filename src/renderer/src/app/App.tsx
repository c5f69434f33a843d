// The app frame: skip link, header, connection banner, sidebar, the current view, the status bar,
// dialogs, the command palette (Ctrl/⌘+K), toasts.
import { CommandPalette } from './CommandPalette.tsx';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import { DialogHost } from './DialogHost.tsx';
import { Header } from './Header.tsx';
import { Sidebar } from './Sidebar.tsx';
import { SkipLink } from './SkipLink.tsx';
import { StatusBar } from './StatusBar.tsx';
import { Toasts } from './Toasts.tsx';
import { usePaletteShortcut } from './use-palette-shortcut.ts';
import { useViewShortcuts } from './use-view-shortcuts.ts';
import { ViewOutlet } from './ViewOutlet.tsx';
import { useCockpit } from '../stores/store-context.tsx';
import './app-frame.css';

export function App() {
  useViewShortcuts();
  usePaletteShortcut();
  const sidebarCollapsed = useCockpit((state) => state.sidebarCollapsed);
  return (
    <>
      <div className="app-frame">
        <SkipLink />
        <Header />
        <ConnectionBanner />
        <div className="app-body" data-sidebar={sidebarCollapsed ? 'collapsed' : undefined}>
          <Sidebar />
          <main id="main" className="app-main" tabIndex={-1}>
            <ViewOutlet />
          </main>
        </div>
        <StatusBar />
      </div>
      <DialogHost />
      <CommandPalette />
      <Toasts />
    </>
  );
}
