// The sidebar navigation: links to each view (#/board, …) with one Tab stop (roving tabindex), and a
// button to collapse it to icons (a window narrower than 1000 px shows icons anyway);
// Up/Down/Home/End move between them, Enter or Space opens one, the open view has aria-current="page".
// Following a link changes the hash, and the hash router (navigation/hash-route.ts) switches the view.
import { useRef, useState, type KeyboardEvent } from 'react';
import { Icon } from '../components/Icon.tsx';
import { hashForView } from '../navigation/hash-route.ts';
import { views, type ViewId } from '../navigation/views.ts';
import { useCockpit } from '../stores/store-context.tsx';
import { ariaShortcut, shortcutLabel } from './shortcut-label.ts';

const movement: Record<string, (index: number, last: number) => number> = {
  ArrowDown: (index, last) => (index >= last ? 0 : index + 1),
  ArrowUp: (index, last) => (index <= 0 ? last : index - 1),
  Home: () => 0,
  End: (_index, last) => last,
};

export function Sidebar() {
  const current = useCockpit((state) => state.view);
  const setView = useCockpit((state) => state.setView);
  const collapsed = useCockpit((state) => state.sidebarCollapsed);
  const toggleSidebar = useCockpit((state) => state.toggleSidebar);
  const [focused, setFocused] = useState<ViewId | null>(null);
  const links = useRef(new Map<ViewId, HTMLAnchorElement>());
  const tabStop = focused ?? current;

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const index = views.findIndex((view) => view.id === tabStop);
    if (event.key === ' ') {
      // Links open on Enter natively; Space opens them here too, as for buttons.
      event.preventDefault();
      const view = views[index];
      if (view) setView(view.id);
      return;
    }
    const move = movement[event.key];
    if (!move) return;
    event.preventDefault();
    const target = views[move(index, views.length - 1)];
    if (target) links.current.get(target.id)?.focus();
  };

  return (
    <nav
      className="sidebar"
      aria-label="Views"
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setFocused(null);
      }}
    >
      <ul className="sidebar-list">
        {views.map((view, index) => (
          <li key={view.id}>
            <a
              ref={(element) => {
                if (element) links.current.set(view.id, element);
                else links.current.delete(view.id);
              }}
              href={hashForView(view.id)}
              className="sidebar-item"
              aria-current={view.id === current ? 'page' : undefined}
              aria-keyshortcuts={ariaShortcut(index)}
              tabIndex={view.id === tabStop ? 0 : -1}
              onFocus={() => setFocused(view.id)}
            >
              <Icon name={view.id} />
              <span className="sidebar-label">{view.label}</span>
              <kbd className="sidebar-shortcut" aria-hidden="true">
                {shortcutLabel(index)}
              </kbd>
            </a>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="button button-icon button-quiet sidebar-toggle"
        aria-label={collapsed ? 'Expand the sidebar' : 'Collapse the sidebar'}
        title={collapsed ? 'Expand the sidebar' : 'Collapse the sidebar'}
        aria-expanded={!collapsed}
        onClick={toggleSidebar}
      >
        <Icon name={collapsed ? 'chevron-right' : 'chevron-left'} />
      </button>
    </nav>
  );
}
