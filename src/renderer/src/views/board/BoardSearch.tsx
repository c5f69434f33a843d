// The board's project filter. `/` focuses it from anywhere on the board (not while typing elsewhere
// or while a dialog is open); Esc clears it, and a second Esc returns to the grid.
import { useEffect, useId, type RefObject } from 'react';
import { Icon } from '../../components/Icon.tsx';
import { useCockpit } from '../../stores/store-context.tsx';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}

export function BoardSearch({ inputRef }: { inputRef: RefObject<HTMLInputElement | null> }) {
  const query = useCockpit((state) => state.boardQuery);
  const setQuery = useCockpit((state) => state.setBoardQuery);
  const blocked = useCockpit((state) => state.dialog !== null || state.paletteOpen);
  const id = useId();

  useEffect(() => {
    if (blocked) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target))
        return;
      event.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [blocked, inputRef]);

  return (
    <div className="board-search">
      <label htmlFor={id} className="visually-hidden">
        Filter projects
      </label>
      <Icon name="search" className="board-search-icon" />
      <input
        ref={inputRef}
        id={id}
        type="search"
        className="input board-search-input"
        placeholder="Filter projects"
        value={query}
        aria-keyshortcuts="/"
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            if (query !== '') {
              setQuery('');
              return;
            }
            document.querySelector<HTMLElement>('[role="grid"] [tabindex="0"]')?.focus();
          } else if (event.key === 'ArrowDown' || event.key === 'Enter') {
            event.preventDefault();
            document.querySelector<HTMLElement>('[role="grid"] [tabindex="0"]')?.focus();
          }
        }}
      />
      <kbd className="board-search-key" aria-hidden="true">
        /
      </kbd>
    </div>
  );
}
