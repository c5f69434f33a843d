// Maps a scroll position to a line of the log and back, for logs of any length.
//
// Browsers cap an element's height (Chromium near 33M px, Firefox near 17.9M px), so a million lines
// at 18 px can not be laid out at their real height. The scroller's spacer is therefore at most
// MAX_SCROLL_HEIGHT tall, and the scroll position is mapped proportionally onto the line index:
//   topLine = scrollTop / maxScrollTop * maxTopLine
// Below the cap the ratio is exactly one line per LINE_HEIGHT pixels, so short logs scroll natively.
// Above it, wheel and keys move by real lines (the viewer keeps its own fractional top line), and only
// the scrollbar thumb is proportional.

export const LINE_HEIGHT = 18;
/** Well below every browser's limit, and still fine-grained: 1 px of thumb travel ≈ 1 line at 8M lines. */
export const MAX_SCROLL_HEIGHT = 8_000_000;

export interface Geometry {
  totalLines: number;
  viewportHeight: number;
  lineHeight?: number;
  maxScrollHeight?: number;
}

function parts({
  totalLines,
  viewportHeight,
  lineHeight = LINE_HEIGHT,
  maxScrollHeight = MAX_SCROLL_HEIGHT,
}: Geometry) {
  const contentHeight = totalLines * lineHeight;
  const scrollHeight = Math.max(viewportHeight, Math.min(contentHeight, maxScrollHeight));
  return {
    scrollHeight,
    maxScrollTop: Math.max(0, scrollHeight - viewportHeight),
    maxTopLine: Math.max(0, totalLines - viewportHeight / lineHeight),
  };
}

/** The height of the scroller's content. */
export function scrollHeightFor(geometry: Geometry): number {
  return parts(geometry).scrollHeight;
}

/** The first (fractional) line at the top of the viewport when the scroll is at the very bottom. */
export function maxTopLine(geometry: Geometry): number {
  return parts(geometry).maxTopLine;
}

/** Whether the scroll is proportional (more lines than fit under the height cap). */
export function isScaled(geometry: Geometry): boolean {
  const { lineHeight = LINE_HEIGHT, maxScrollHeight = MAX_SCROLL_HEIGHT } = geometry;
  return geometry.totalLines * lineHeight > maxScrollHeight;
}

export function clampTopLine(top: number, geometry: Geometry): number {
  return Math.min(Math.max(0, top), parts(geometry).maxTopLine);
}

export function topLineForScroll(scrollTop: number, geometry: Geometry): number {
  const { maxScrollTop, maxTopLine: maxTop } = parts(geometry);
  if (maxScrollTop <= 0) return 0;
  return (Math.min(Math.max(0, scrollTop), maxScrollTop) / maxScrollTop) * maxTop;
}

export function scrollForTopLine(topLine: number, geometry: Geometry): number {
  const { maxScrollTop, maxTopLine: maxTop } = parts(geometry);
  if (maxTop <= 0) return 0;
  return (Math.min(Math.max(0, topLine), maxTop) / maxTop) * maxScrollTop;
}

/** The lines to render for a top line: whole lines covering the viewport plus `overscan` on each side. */
export function renderRange(
  topLine: number,
  geometry: Geometry,
  overscan: number,
): { first: number; last: number } {
  const { lineHeight = LINE_HEIGHT } = geometry;
  const visible = Math.ceil(geometry.viewportHeight / lineHeight) + 1;
  const first = Math.max(0, Math.floor(topLine) - overscan);
  const last = Math.min(geometry.totalLines - 1, Math.floor(topLine) + visible + overscan);
  return { first, last };
}

/** The top line that shows `line` in the viewport: centred, or unchanged when already visible. */
export function topLineToReveal(line: number, currentTop: number, geometry: Geometry): number {
  const { lineHeight = LINE_HEIGHT } = geometry;
  const rows = geometry.viewportHeight / lineHeight;
  if (line >= currentTop + 1 && line + 2 <= currentTop + rows) return currentTop;
  return clampTopLine(line - rows / 2 + 0.5, geometry);
}
