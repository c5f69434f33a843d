// A popup menu (WAI-ARIA menu button pattern) anchored under an element: focus moves to the first
// enabled item; Up/Down/Home/End move, Enter/Space choose, a letter jumps to the next item starting
// with it, Esc or Tab close, and closing returns focus to the anchor. Disabled items stay readable
// and say why.
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import './menu.css';

export interface MenuItem {
  id: string;
  label: string;
  /** Why it cannot be chosen; null when it can. */
  disabledReason?: string | null;
  tone?: 'danger';
  onSelect: () => void;
}

interface MenuProps {
  /** Names the menu for assistive tech: "Actions for Demo shop API in staging". */
  label: string;
  items: MenuItem[];
  anchor: HTMLElement;
  onClose: (options: { restoreFocus: boolean }) => void;
  /** Shown above the items: a line about what the actions act on. */
  heading?: string;
}

const MENU_WIDTH = 260;

export function Menu({ label, items, anchor, onClose, heading }: MenuProps) {
  const menuRef = useRef<HTMLDivElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);
  const idPrefix = useId();

  useLayoutEffect(() => {
    const place = () => {
      const rect = anchor.getBoundingClientRect();
      const height = menuRef.current?.offsetHeight ?? 0;
      const below = rect.bottom + 4;
      const top = below + height > window.innerHeight - 8 ? Math.max(8, rect.top - height - 4) : below;
      const left = Math.min(Math.max(8, rect.left), window.innerWidth - MENU_WIDTH - 8);
      setPosition({ top, left });
    };
    place();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [anchor]);

  // Once placed (a hidden menu cannot take focus), focus the first item that can be chosen.
  const focused = useRef(false);
  const placed = position !== null;
  useEffect(() => {
    if (!placed || focused.current) return;
    focused.current = true;
    const first = items.findIndex((item) => !item.disabledReason);
    itemRefs.current[first === -1 ? 0 : first]?.focus();
  }, [placed, items]);

  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      // A click on the anchor is left to the anchor, which toggles the menu.
      if (menuRef.current?.contains(target) || anchor.contains(target)) return;
      onClose({ restoreFocus: false });
    };
    const onScroll = (event: Event) => {
      if (event.target instanceof Node && menuRef.current?.contains(event.target)) return;
      onClose({ restoreFocus: false });
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('scroll', onScroll, true);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('scroll', onScroll, true);
    };
  }, [anchor, onClose]);

  const focusAt = (index: number) => {
    const count = items.length;
    if (count === 0) return;
    itemRefs.current[((index % count) + count) % count]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = itemRefs.current.findIndex((element) => element === document.activeElement);
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        focusAt(current + 1);
        return;
      case 'ArrowUp':
        event.preventDefault();
        focusAt(current - 1);
        return;
      case 'Home':
        event.preventDefault();
        focusAt(0);
        return;
      case 'End':
        event.preventDefault();
        focusAt(items.length - 1);
        return;
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        onClose({ restoreFocus: true });
        return;
      case 'Tab':
        event.preventDefault();
        onClose({ restoreFocus: true });
        return;
    }
    if (event.key.length === 1 && /\S/.test(event.key) && !event.ctrlKey && !event.metaKey) {
      const letter = event.key.toLowerCase();
      for (let step = 1; step <= items.length; step++) {
        const index = (current + step) % items.length;
        if (items[index]?.label.toLowerCase().startsWith(letter)) {
          focusAt(index);
          break;
        }
      }
    }
  };

  return createPortal(
    <div
      ref={menuRef}
      className="menu"
      role="menu"
      aria-label={label}
      style={
        position ? { top: position.top, left: position.left, width: MENU_WIDTH } : { visibility: 'hidden' }
      }
      onKeyDown={onKeyDown}
    >
      {heading ? (
        <p className="menu-heading" aria-hidden="true">
          {heading}
        </p>
      ) : null}
      {items.map((item, index) => {
        const reasonId = `${idPrefix}-${item.id}-reason`;
        return (
          <button
            key={item.id}
            ref={(element) => {
              itemRefs.current[index] = element;
            }}
            type="button"
            role="menuitem"
            tabIndex={-1}
            className={item.tone === 'danger' ? 'menu-item menu-item-danger' : 'menu-item'}
            aria-disabled={item.disabledReason ? true : undefined}
            aria-describedby={item.disabledReason ? reasonId : undefined}
            onClick={() => {
              if (item.disabledReason) return;
              onClose({ restoreFocus: true });
              item.onSelect();
            }}
          >
            <span className="menu-item-label">{item.label}</span>
            {item.disabledReason ? (
              <span id={reasonId} className="menu-item-reason">
                {item.disabledReason}
              </span>
            ) : null}
          </button>
        );
      })}
    </div>,
    document.body,
  );
}
