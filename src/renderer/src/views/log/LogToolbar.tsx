// Above the log: search with previous/next (Enter, Shift+Enter), jump to the first error,
// follow the tail, copy, and download with progress.
import { useId, type KeyboardEvent, type RefObject } from 'react';
import { Icon } from '../../components/Icon.tsx';
import { Spinner } from '../../components/Spinner.tsx';
import { safeFileName } from '../../lib/save-blob.ts';
import type { LogSearchStatus } from '../../stores/runs/log-slice.ts';
import { useCockpit } from '../../stores/store-context.tsx';

interface LogToolbarProps {
  searchRef: RefObject<HTMLInputElement | null>;
  scrollerRef: RefObject<HTMLDivElement | null>;
  fileName: string;
  live: boolean;
}

interface MatchFacts {
  line: number | null;
  index: number | null;
  count: { total: number; complete: boolean } | null;
}

/** "12 of 340" on a match, "340 matches" while typing, else what the search found or not. */
function searchText(
  status: LogSearchStatus,
  { line, index, count }: MatchFacts,
  error: string | null,
): string {
  const total = count ? `${count.total.toLocaleString()}${count.complete ? '' : '+'}` : null;
  if (status === 'searching') return 'Searching…';
  if (status === 'stopped') return error ?? 'Search stopped';
  if (status === 'error') return error ?? 'Search failed';
  if (status === 'found' && index !== null && total !== null) return `${index.toLocaleString()} of ${total}`;
  if (status === 'found' && line !== null) return `Line ${(line + 1).toLocaleString()}`;
  if (status === 'no-more') return total !== null ? `No more matches (${total})` : 'No more matches';
  if (status === 'none' || count?.total === 0) return 'No matches';
  if (total !== null) return `${total} ${count!.total === 1 ? 'match' : 'matches'}`;
  return '';
}

export function LogToolbar({ searchRef, scrollerRef, fileName, live }: LogToolbarProps) {
  const query = useCockpit((state) => state.logSearchQuery);
  const status = useCockpit((state) => state.logSearchStatus);
  const matchLine = useCockpit((state) => (state.logMark?.kind === 'match' ? state.logMark.line : null));
  const searchError = useCockpit((state) => state.logSearchError);
  const matchIndex = useCockpit((state) => state.logMatchIndex);
  const matchCount = useCockpit((state) => state.logMatchCount);
  const firstErrorStatus = useCockpit((state) => state.logFirstErrorStatus);
  const follow = useCockpit((state) => state.logFollow);
  const download = useCockpit((state) => state.logDownload);
  const hasLines = useCockpit((state) => state.logTotalLines > 0);
  const setQuery = useCockpit((state) => state.setLogSearchQuery);
  const search = useCockpit((state) => state.searchLog);
  const jumpToFirstError = useCockpit((state) => state.jumpToFirstError);
  const scrollLogTo = useCockpit((state) => state.scrollLogTo);
  const setFollow = useCockpit((state) => state.setLogFollow);
  const copyLog = useCockpit((state) => state.copyLog);
  const downloadLog = useCockpit((state) => state.downloadLog);
  const cancelDownload = useCockpit((state) => state.cancelLogDownload);
  const inputId = useId();
  const statusId = useId();

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void search(event.shiftKey ? 'previous' : 'next');
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      scrollerRef.current?.focus();
    }
  };

  const copy = () => {
    const selection = window.getSelection();
    const inLog = selection?.anchorNode ? scrollerRef.current?.contains(selection.anchorNode) : false;
    void copyLog(inLog && selection ? selection.toString() : '');
  };

  const statusText = searchText(
    status,
    { line: matchLine, index: matchIndex, count: query.trim() === '' ? null : matchCount },
    searchError,
  );

  return (
    <div className="log-toolbar">
      <form className="log-search" role="search" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor={inputId} className="visually-hidden">
          Search the log
        </label>
        <Icon name="search" className="log-search-icon" />
        <input
          ref={searchRef}
          id={inputId}
          className="input log-search-input"
          type="text"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onSearchKey}
          placeholder="Search the log"
          aria-describedby={statusId}
          aria-keyshortcuts="/ Control+F"
          autoComplete="off"
          spellCheck={false}
        />
        <button
          type="button"
          className="button button-small button-icon"
          aria-label="Previous match"
          title="Previous match (Shift+Enter)"
          onClick={() => void search('previous')}
        >
          <Icon name="chevron-up" />
        </button>
        <button
          type="button"
          className="button button-small button-icon"
          aria-label="Next match"
          title="Next match (Enter)"
          onClick={() => void search('next')}
        >
          <Icon name="chevron-down" />
        </button>
        <span
          id={statusId}
          className={`log-search-status${status === 'none' || status === 'no-more' || status === 'stopped' || status === 'error' || matchCount?.total === 0 ? ' log-search-status-miss' : ''}`}
          role="status"
          data-testid="log-search-status"
        >
          {statusText}
        </span>
      </form>
      <div className="log-actions">
        <button
          type="button"
          className="button button-small"
          aria-disabled={!hasLines}
          onClick={() => {
            if (hasLines) void jumpToFirstError();
          }}
        >
          {firstErrorStatus === 'searching' ? <Spinner /> : <Icon name="alert" />}
          {firstErrorStatus === 'none' ? 'No error found' : 'First error'}
        </button>
        <button
          type="button"
          className="button button-small button-quiet"
          aria-label="Top"
          title="Top (g)"
          onClick={() => scrollLogTo('top')}
        >
          <Icon name="to-top" />
        </button>
        <button
          type="button"
          className="button button-small"
          aria-pressed={follow}
          title={live ? 'Keep the newest line in view (G)' : 'Go to the last line and stay there (G)'}
          onClick={() => (follow ? setFollow(false) : scrollLogTo('bottom'))}
        >
          <Icon name="to-bottom" />
          Follow
        </button>
        <button type="button" className="button button-small" aria-disabled={!hasLines} onClick={copy}>
          <Icon name="copy" />
          Copy
        </button>
        {download ? (
          <button type="button" className="button button-small" onClick={cancelDownload}>
            <Spinner />
            <span>
              {download.total > 0
                ? `${Math.min(99, Math.floor((download.done / download.total) * 100))}%`
                : '…'}{' '}
              Cancel
            </span>
          </button>
        ) : (
          <button
            type="button"
            className="button button-small"
            aria-disabled={!hasLines}
            onClick={() => {
              if (hasLines) void downloadLog(safeFileName(fileName));
            }}
          >
            <Icon name="download" />
            Download
          </button>
        )}
      </div>
    </div>
  );
}
