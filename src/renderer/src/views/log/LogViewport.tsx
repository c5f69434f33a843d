// The virtualised log: renders only the lines on screen (plus a few), for logs of any length.
// A scroller holds a spacer of capped height and a sticky window that draws the lines at the top
// line the scroll maps to (see log/scroll-geometry.ts). The fractional top line is the truth; the
// native scrollbar follows it. Wheel and keys move by real lines; dragging the thumb is proportional.
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import type { LogGroup } from '../../../../shared/domain/run.ts';
import { logFolds } from '../../log-rendering/log-folds.ts';
import { lineAt } from '../../log-rendering/log-pages.ts';
import {
  LINE_HEIGHT,
  clampTopLine,
  isScaled,
  maxTopLine,
  renderRange,
  scrollForTopLine,
  scrollHeightFor,
  topLineForScroll,
  topLineToReveal,
  type Geometry,
} from '../../log-rendering/scroll-geometry.ts';
import { useCockpit } from '../../stores/store-context.tsx';
import { LogRow } from './LogRow.tsx';

const OVERSCAN = 12;

interface LogViewportProps {
  scrollerRef: RefObject<HTMLDivElement | null>;
  label: string;
  live: boolean;
  /** Collapsible sections of the log (::group::, GitLab sections); they start collapsed. */
  groups: readonly LogGroup[];
}

export function LogViewport({ scrollerRef, label, live, groups }: LogViewportProps) {
  const total = useCockpit((state) => state.logTotalLines);
  const expanded = useCockpit((state) => state.logExpanded);
  const toggleGroup = useCockpit((state) => state.toggleLogGroup);
  const expandGroups = useCockpit((state) => state.expandLogGroups);
  const folds = useMemo(() => {
    const collapsed = new Set(groups.map((group) => group.firstLine).filter((line) => !expanded.has(line)));
    return logFolds(groups, collapsed, total);
  }, [groups, expanded, total]);
  const pages = useCockpit((state) => state.logPages);
  const loaded = useCockpit((state) => state.logLoaded);
  const follow = useCockpit((state) => state.logFollow);
  const reveal = useCockpit((state) => state.logReveal);
  const mark = useCockpit((state) => state.logMark);
  // Matches are marked as the term is typed, before any search runs.
  const query = useCockpit((state) => state.logSearchQuery.trim());
  const setViewport = useCockpit((state) => state.setLogViewport);
  const setFollow = useCockpit((state) => state.setLogFollow);

  const [height, setHeight] = useState(0);
  const [top, setTop] = useState(0);
  const topRef = useRef(0);
  /** The scrollTop we set ourselves, so its scroll event is not taken for the user's. */
  const ownScrollTop = useRef<number | null>(null);
  const lastScrollTop = useRef(0);
  // Rows on screen: lines, less those inside collapsed groups.
  const geometry = useMemo<Geometry>(
    () => ({ totalLines: folds.rows, viewportHeight: height }),
    [folds, height],
  );
  const geometryRef = useRef(geometry);
  const followRef = useRef(follow);
  const handledReveal = useRef(0);

  useLayoutEffect(() => {
    geometryRef.current = geometry;
    followRef.current = follow;
  }, [geometry, follow]);

  // The observer reports the first size as soon as it starts observing.
  useLayoutEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    const observer = new ResizeObserver(() => setHeight(scroller.clientHeight));
    observer.observe(scroller);
    return () => observer.disconnect();
  }, [scrollerRef]);

  /** Moves the top line; `byUser` also turns following on at the bottom and off elsewhere. */
  const moveTo = useCallback(
    (line: number, byUser: boolean) => {
      const scroller = scrollerRef.current;
      const g = geometryRef.current;
      if (!scroller || g.viewportHeight === 0) return;
      const next = clampTopLine(line, g);
      topRef.current = next;
      setTop(next);
      const scrollTop = scrollForTopLine(next, g);
      if (Math.abs(scroller.scrollTop - scrollTop) >= 0.5) {
        scroller.scrollTop = scrollTop;
        ownScrollTop.current = scroller.scrollTop;
      }
      lastScrollTop.current = scroller.scrollTop;
      if (byUser) {
        const atBottom = next >= maxTopLine(g) - 0.5;
        if (atBottom !== followRef.current) setFollow(atBottom);
      }
    },
    [scrollerRef, setFollow],
  );

  // New lines or a new size: stay at the bottom when following, else keep the same top line
  // (when the scroll is proportional, the same scrollTop would now mean another line).
  useLayoutEffect(() => {
    moveTo(follow ? maxTopLine(geometry) : topRef.current, false);
  }, [geometry, follow, moveTo]);

  // A search match or the first error: bring it into view, once per request.
  useLayoutEffect(() => {
    if (!reveal || reveal.seq === handledReveal.current || geometry.viewportHeight === 0) return;
    // A line inside collapsed groups: open them first (this runs again with the new folds).
    const around = groups.filter(
      (g) => g.firstLine < reveal.line && reveal.line <= g.lastLine && !expanded.has(g.firstLine),
    );
    if (around.length > 0) {
      expandGroups(around.map((g) => g.firstLine));
      return;
    }
    handledReveal.current = reveal.seq;
    moveTo(topLineToReveal(folds.rowForLine(reveal.line), topRef.current, geometry), false);
  }, [reveal, geometry, moveTo, folds, groups, expanded, expandGroups]);

  // Tell the store what is on screen, so it fetches those pages.
  useEffect(() => {
    if (height === 0) return;
    const first = Math.floor(top);
    setViewport(folds.lineForRow(first), folds.lineForRow(first + Math.ceil(height / LINE_HEIGHT)));
  }, [top, height, total, setViewport, folds]);

  const onScroll = () => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    const own = ownScrollTop.current;
    ownScrollTop.current = null;
    if (scroller.scrollTop === lastScrollTop.current) return; // sideways only
    lastScrollTop.current = scroller.scrollTop;
    if (own !== null && Math.abs(scroller.scrollTop - own) < 1) return;
    moveTo(topLineForScroll(scroller.scrollTop, geometryRef.current), true);
  };

  // When the scroll is proportional, the wheel moves by real pixels of lines rather than of scrollbar.
  useEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    const onWheel = (event: WheelEvent) => {
      const g = geometryRef.current;
      if (!isScaled(g) || event.ctrlKey) return;
      event.preventDefault();
      const unit = event.deltaMode === 1 ? LINE_HEIGHT : event.deltaMode === 2 ? g.viewportHeight : 1;
      scroller.scrollLeft += event.deltaX * unit;
      moveTo(topRef.current + (event.deltaY * unit) / LINE_HEIGHT, true);
    };
    scroller.addEventListener('wheel', onWheel, { passive: false });
    return () => scroller.removeEventListener('wheel', onWheel);
  }, [scrollerRef, moveTo]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const rows = Math.max(1, Math.floor(height / LINE_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: rows,
      PageUp: -rows,
      ' ': event.shiftKey ? -rows : rows,
      Home: -Infinity,
      End: Infinity,
    };
    const delta = moves[event.key];
    if (delta === undefined) return;
    event.preventDefault();
    const target =
      delta === -Infinity ? 0 : delta === Infinity ? maxTopLine(geometry) : topRef.current + delta;
    moveTo(target, true);
  };

  const { first, last } = renderRange(top, geometry, OVERSCAN);
  const offset = (first - top) * LINE_HEIGHT;
  const rows = [];
  for (let row = first; row <= last; row++) {
    const n = folds.lineForRow(row);
    const marked = mark?.line === n ? mark.kind : null;
    const group = folds.groupAt(n);
    rows.push(
      <LogRow
        key={n}
        n={n}
        line={lineAt(pages, n)}
        mark={marked}
        query={query}
        group={
          group
            ? {
                title: group.title,
                depth: group.depth,
                open: expanded.has(n),
                lines: group.lastLine - group.firstLine,
              }
            : undefined
        }
        onToggle={group ? toggleGroup : undefined}
      />,
    );
  }
  const spacer = Math.max(0, scrollHeightFor(geometry) - height);
  const gutter = { '--log-gutter': `${String(Math.max(total, 1)).length + 1}ch` } as CSSProperties;

  return (
    <div
      ref={scrollerRef}
      className="log-scroller"
      role="region"
      aria-label={label}
      aria-busy={!loaded}
      tabIndex={0}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
      data-testid="log-viewport"
      data-total-lines={total}
      style={{ '--log-rows': total } as CSSProperties}
    >
      <div className="log-window" style={{ height: height || undefined }}>
        <div className="log-rows" style={{ ...gutter, transform: `translateY(${offset}px)` }}>
          {rows}
        </div>
        {loaded && total === 0 ? (
          <p className="log-empty">{live ? 'Waiting for output…' : 'This attempt printed nothing.'}</p>
        ) : null}
      </div>
      <div className="log-spacer" style={{ height: spacer }} aria-hidden="true" />
    </div>
  );
}
