// How view shortcuts are written: "⌘1" on macOS, "Ctrl+1" elsewhere.

const isMac = /Mac|iPhone|iPad/.test(navigator.userAgent);

export function shortcutLabel(index: number): string {
  return isMac ? `⌘${index + 1}` : `Ctrl+${index + 1}`;
}

export function ariaShortcut(index: number): string {
  return isMac ? `Meta+${index + 1}` : `Control+${index + 1}`;
}
