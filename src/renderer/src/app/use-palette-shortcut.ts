// Ctrl+K (⌘K on macOS) opens the command palette from anywhere, and closes it again; not while a
// dialog is open (it would act behind the dialog).
import { useEffect } from 'react';
import { useCockpit } from '../stores/store-context.tsx';

export function usePaletteShortcut() {
  const dialogOpen = useCockpit((state) => state.dialog !== null);
  const paletteOpen = useCockpit((state) => state.paletteOpen);
  const openPalette = useCockpit((state) => state.openPalette);
  const closePalette = useCockpit((state) => state.closePalette);

  useEffect(() => {
    if (dialogOpen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      if (event.code !== 'KeyK' && event.key.toLowerCase() !== 'k') return;
      event.preventDefault();
      if (paletteOpen) closePalette();
      else openPalette();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [dialogOpen, paletteOpen, openPalette, closePalette]);
}
