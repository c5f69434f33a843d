// Ctrl+1…6 (⌘ on macOS) switch views from anywhere, except while a dialog or the palette is open.
import { useEffect } from 'react';
import { views } from '../navigation/views.ts';
import { useCockpit } from '../stores/store-context.tsx';

export function useViewShortcuts() {
  const setView = useCockpit((state) => state.setView);
  const dialogOpen = useCockpit((state) => state.dialog !== null || state.paletteOpen);

  useEffect(() => {
    if (dialogOpen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      // `code` so the shortcut works on layouts where the digit needs Shift (AZERTY).
      const match = /^Digit([1-9])$/.exec(event.code);
      const view = match ? views[Number(match[1]) - 1] : undefined;
      if (!view) return;
      event.preventDefault();
      setView(view.id);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [dialogOpen, setView]);
}
