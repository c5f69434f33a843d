// The log viewer for one job attempt: toolbar (search, first error, follow, copy, download), the
// virtualised lines, and a status line. Keys: / or Ctrl+F search, g / G top / bottom, Esc leaves search.
import { useEffect, useRef } from 'react';
import type { Attempt } from '../../../../shared/domain/run.ts';
import { useCockpit } from '../../stores/store-context.tsx';
import { LogStatusLine } from './LogStatusLine.tsx';
import { LogToolbar } from './LogToolbar.tsx';
import { LogViewport } from './LogViewport.tsx';
import './log.css';

interface LogViewerProps {
  attempt: Attempt;
  /** The run the attempt belongs to: the search term starts empty in each run. */
  runId?: number;
  label: string;
  fileName: string;
}

export function LogViewer({ attempt, runId, label, fileName }: LogViewerProps) {
  const watchLog = useCockpit((state) => state.watchLog);
  const noteLogLength = useCockpit((state) => state.noteLogLength);
  const scrollLogTo = useCockpit((state) => state.scrollLogTo);
  const dialogOpen = useCockpit((state) => state.dialog !== null);
  const scrollerRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const live = attempt.status === 'running';

  useEffect(() => watchLog(attempt.id, runId), [attempt.id, runId, watchLog]);
  useEffect(() => noteLogLength(attempt.id, attempt.logLines), [attempt.id, attempt.logLines, noteLogLength]);

  useEffect(() => {
    if (dialogOpen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target instanceof HTMLElement ? event.target : null;
      const typing =
        target?.closest('input, textarea, select, [contenteditable="true"]') !== null && target !== null;
      const modifier = event.ctrlKey || event.metaKey || event.altKey;
      const find = (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key === 'f';
      if (find || (event.key === '/' && !typing && !modifier)) {
        event.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
        return;
      }
      if (typing || modifier) return;
      if (event.key === 'g') scrollLogTo('top');
      else if (event.key === 'G') scrollLogTo('bottom');
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [dialogOpen, scrollLogTo]);

  return (
    <div className="log-viewer">
      <LogToolbar searchRef={searchRef} scrollerRef={scrollerRef} fileName={fileName} live={live} />
      <LogViewport scrollerRef={scrollerRef} label={label} live={live} groups={attempt.groups} />
      <LogStatusLine attempt={attempt} />
    </div>
  );
}
