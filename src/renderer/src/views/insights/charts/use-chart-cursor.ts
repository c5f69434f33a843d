// The point a chart is reading out: follows the pointer (nearest slot) and the arrow keys
// (Home/End jump, Escape hides it), shared by the bar and line charts.
import { useState, type KeyboardEvent, type PointerEvent } from 'react';

export function useChartCursor(count: number, slotAt: (px: number) => number | null) {
  const [active, setActive] = useState<number | null>(null);
  const shown = active !== null && active < count ? active : null;

  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    setActive(slotAt(event.clientX - box.left));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (count === 0) return;
    const last = count - 1;
    let next: number | null | undefined;
    if (event.key === 'ArrowLeft') next = Math.max(0, (shown ?? last + 1) - 1);
    else if (event.key === 'ArrowRight') next = Math.min(last, (shown ?? -1) + 1);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = last;
    else if (event.key === 'Escape' && shown !== null) next = null;
    if (next === undefined) return;
    event.preventDefault();
    setActive(next);
  };
  return {
    active: shown,
    svgHandlers: { onPointerMove, onPointerLeave: () => setActive(null) },
    containerHandlers: { onKeyDown, onBlur: () => setActive(null) },
  };
}
