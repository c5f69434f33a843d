// The command palette (Ctrl+K, ⌘K on macOS): every action in one list — go to a view, and for each
// project × environment deploy, promote, roll back, approve, release notes, history — filtered as you
// type (fuzzy-ish), Up/Down to choose, Enter to run, Esc to close. A modal dialog with a combobox
// and its listbox; the rest of the app is inert while it is open, and focus returns afterwards.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../components/Icon.tsx';
import { fuzzyFilter, type Ranked } from '../lib/fuzzy-match.ts';
import { paletteCommands, type PaletteCommand } from '../lib/palette-commands.ts';
import { useCockpit } from '../stores/store-context.tsx';
import { resolveTheme } from '../theme/theme-sync.ts';
import './palette.css';

const SHOWN = 60;

const kindLabels: Record<PaletteCommand['kind'], string> = {
  view: 'View',
  cell: 'Release',
  run: 'Pipeline',
  'choose-pipeline': 'Pipeline',
  'add-project': 'Project',
  check: 'Environment',
  'toggle-theme': 'Appearance',
};

function Highlighted({ text, indexes }: { text: string; indexes: number[] }) {
  if (indexes.length === 0) return <>{text}</>;
  const marked = new Set(indexes);
  const parts: { text: string; mark: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const mark = marked.has(i);
    const last = parts[parts.length - 1];
    if (last && last.mark === mark) last.text += text[i];
    else parts.push({ text: text[i] ?? '', mark });
  }
  return (
    <>
      {parts.map((part, index) =>
        part.mark ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
      )}
    </>
  );
}

export function CommandPalette() {
  const open = useCockpit((state) => state.paletteOpen);
  if (!open) return null;
  return <PaletteDialog />;
}

function PaletteDialog() {
  const closePalette = useCockpit((state) => state.closePalette);
  const setView = useCockpit((state) => state.setView);
  const runCellAction = useCockpit((state) => state.runCellAction);
  const requestRun = useCockpit((state) => state.requestRun);
  const openAddProject = useCockpit((state) => state.openAddProjectDialog);
  const checkEnvironment = useCockpit((state) => state.checkEnvironment);
  const themePreference = useCockpit((state) => state.themePreference);
  const setThemePreference = useCockpit((state) => state.setThemePreference);
  const pipelines = useCockpit((state) => state.palettePipelines);
  const fetchPalettePipelines = useCockpit((state) => state.fetchPalettePipelines);
  const theme = resolveTheme(themePreference, window.matchMedia('(prefers-color-scheme: dark)').matches);
  const watchBoard = useCockpit((state) => state.watchBoard);
  const boardLoaded = useCockpit((state) => state.boardLoaded);
  const rows = useCockpit(
    useShallow((state) =>
      state.boardOrder.map((id) => state.boardRows[id]).filter((row) => row !== undefined),
    ),
  );
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const ids = { title: useId(), list: useId(), option: useId() };

  useEffect(() => watchBoard(), [watchBoard]);
  useEffect(() => void fetchPalettePipelines(), [fetchPalettePipelines]);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const appRoot = document.getElementById('root');
    appRoot?.setAttribute('aria-hidden', 'true');
    if (appRoot) appRoot.inert = true;
    inputRef.current?.focus();
    return () => {
      appRoot?.removeAttribute('aria-hidden');
      if (appRoot) appRoot.inert = false;
      (opener?.isConnected ? opener : document.getElementById('main'))?.focus();
    };
  }, []);

  const commands = useMemo(() => paletteCommands(rows, { pipelines, theme }), [rows, pipelines, theme]);
  const matches: Ranked<PaletteCommand>[] = useMemo(
    () => fuzzyFilter(commands, query, (command) => command.label),
    [commands, query],
  );
  const shown = matches.slice(0, SHOWN);
  const activeIndex = Math.min(active, Math.max(0, shown.length - 1));

  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${activeIndex}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex]);

  const run = (command: PaletteCommand | undefined) => {
    if (!command) return;
    closePalette();
    switch (command.kind) {
      case 'view':
        setView(command.view);
        return;
      case 'cell':
        runCellAction(command.action);
        return;
      case 'run':
        requestRun(command.projectId, command.pipeline);
        return;
      case 'choose-pipeline':
        setView('pipelines');
        return;
      case 'add-project':
        openAddProject();
        return;
      case 'check':
        void checkEnvironment(command.environmentId, command.name);
        return;
      case 'toggle-theme':
        setThemePreference(theme === 'dark' ? 'light' : 'dark');
        return;
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    switch (event.key) {
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        closePalette();
        return;
      case 'ArrowDown':
        event.preventDefault();
        setActive(shown.length === 0 ? 0 : (activeIndex + 1) % shown.length);
        return;
      case 'ArrowUp':
        event.preventDefault();
        setActive(shown.length === 0 ? 0 : (activeIndex - 1 + shown.length) % shown.length);
        return;
      case 'PageDown':
        event.preventDefault();
        setActive(Math.min(shown.length - 1, activeIndex + 8));
        return;
      case 'PageUp':
        event.preventDefault();
        setActive(Math.max(0, activeIndex - 8));
        return;
      case 'Enter':
        event.preventDefault();
        run(shown[activeIndex]?.item);
        return;
      case 'Tab':
        // Focus stays in the search field: the list is reached with the arrows.
        event.preventDefault();
        return;
    }
  };

  return createPortal(
    <div
      className="palette-backdrop"
      onPointerDown={(event) => {
        if (event.target === event.currentTarget) closePalette();
      }}
    >
      <div
        className="palette"
        role="dialog"
        aria-modal="true"
        aria-labelledby={ids.title}
        onKeyDown={onKeyDown}
      >
        <h2 id={ids.title} className="visually-hidden">
          Command palette
        </h2>
        <div className="palette-search">
          <Icon name="search" />
          <input
            ref={inputRef}
            className="palette-input"
            type="text"
            role="combobox"
            aria-expanded="true"
            aria-controls={ids.list}
            aria-autocomplete="list"
            aria-activedescendant={shown.length > 0 ? `${ids.option}-${activeIndex}` : undefined}
            aria-label="Type a command"
            placeholder="Deploy, promote, approve, go to…"
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setActive(0);
            }}
            autoComplete="off"
            spellCheck={false}
          />
          <kbd className="palette-key" aria-hidden="true">
            Esc
          </kbd>
        </div>
        <ul ref={listRef} id={ids.list} className="palette-list" role="listbox" aria-label="Commands">
          {shown.map(({ item, match }, index) => (
            <li
              key={item.id}
              id={`${ids.option}-${index}`}
              role="option"
              aria-selected={index === activeIndex}
              className="palette-option"
              data-index={index}
              data-testid="palette-option"
              onPointerMove={() => {
                if (index !== activeIndex) setActive(index);
              }}
              onClick={() => run(item)}
            >
              <span className="palette-option-label">
                <Highlighted text={item.label} indexes={match.indexes} />
              </span>
              <span className="palette-option-kind">{kindLabels[item.kind]}</span>
            </li>
          ))}
        </ul>
        <p className="palette-status" role="status">
          {shown.length === 0
            ? 'No command matches.'
            : matches.length > shown.length
              ? `${matches.length} commands; showing the best ${shown.length}. Keep typing to narrow.`
              : `${matches.length} ${matches.length === 1 ? 'command' : 'commands'}`}
          {!boardLoaded ? ' · loading the board…' : ''}
        </p>
      </div>
    </div>,
    document.body,
  );
}
