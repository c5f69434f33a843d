// The log viewer's data for one job attempt: a bounded cache of line pages fetched from the store
// around what is on screen, live lines from `runs.log`, follow-tail, search, jump to the first error,
// copy and download. The viewer component only renders what is here and reports what it shows.
import type { LogLine } from '../../../../shared/domain/run.ts';
import type { EventPayload } from '../../../../shared/protocol.ts';
import {
  addLines,
  evictFar,
  lineAt,
  PAGE_SIZE,
  pagesToFetch,
  type LogPages,
  type PageRequest,
} from '../../log-rendering/log-pages.ts';
import { stripAnsi } from '../../log-rendering/ansi.ts';
import { saveBlob } from '../../lib/save-blob.ts';
import type { SliceCreator } from '../slice.ts';
import type { NoticesSlice } from '../app/notices-slice.ts';
import { humanMessage } from '../error-message.ts';

export type LogSearchStatus = 'idle' | 'searching' | 'found' | 'none' | 'no-more' | 'stopped' | 'error';

export interface LogMark {
  line: number;
  kind: 'match' | 'error';
}

export interface LogSlice {
  logAttemptId: number | null;
  logTotalLines: number;
  /** The first answer from the store arrived. */
  logLoaded: boolean;
  logFinished: boolean;
  logTruncated: boolean;
  logPages: LogPages;
  logError: string | null;
  /** Keep the last line in view as lines arrive. */
  logFollow: boolean;
  /** The viewer brings this line into view whenever `seq` changes. */
  logReveal: { line: number; seq: number } | null;
  /** The current search match or first error line, highlighted. */
  logMark: LogMark | null;
  logSearchQuery: string;
  /** How many lines match the query, as the engine counted them; null until counted (or no query). */
  logMatchCount: { total: number; complete: boolean } | null;
  /** Which of those the current match is (1-based), when known: the "12" of "12 of 340". */
  logMatchIndex: number | null;
  logSearchStatus: LogSearchStatus;
  /** The error, or the engine's "search stopped after N s" message. */
  logSearchError: string | null;
  /** Where a search that ran out of time got to: the next search goes on from there. */
  logSearchResume: number | null;
  logFirstErrorStatus: 'idle' | 'searching' | 'none';
  /** Lines assembled so far while downloading; null when no download is running. */
  logDownload: { done: number; total: number } | null;
  /** Header lines of the log groups the user opened (groups start collapsed). */
  logExpanded: ReadonlySet<number>;

  /** Shows an attempt's log; a different run (`runId`) starts with an empty search. */
  watchLog: (attemptId: number, runId?: number) => () => void;
  /** The run says the attempt has at least this many lines (covers events missed while away). */
  noteLogLength: (attemptId: number, lines: number) => void;
  setLogViewport: (first: number, last: number) => void;
  setLogFollow: (follow: boolean) => void;
  /** Top (stops following) or bottom (follows). */
  scrollLogTo: (where: 'top' | 'bottom') => void;
  setLogSearchQuery: (query: string) => void;
  searchLog: (direction: 'next' | 'previous') => Promise<void>;
  jumpToFirstError: () => Promise<void>;
  copyLog: (selection: string) => Promise<void>;
  downloadLog: (fileName: string) => Promise<void>;
  cancelLogDownload: () => void;
  onRunLog: (event: EventPayload<'runs.log'>) => void;
  refetchLog: () => void;
  toggleLogGroup: (firstLine: number) => void;
  /** Opens these groups (a search match or the first error inside them). */
  expandLogGroups: (firstLines: number[]) => void;
  /** Scrolls to a line and marks it (a step's first line, an annotation). */
  revealLogLine: (line: number) => void;
}

/** Lines fetched beyond the screen in each direction. */
const OVERSCAN_LINES = 200;
const MAX_IN_FLIGHT = 3;
/** The most `runs.logPage` returns in one call. */
const MAX_PAGE_CALL = 5000;
/** Logs up to this many lines are copied whole; longer ones a chunk of this size at a time. */
const COPY_LIMIT = 5000;
/** Typing pauses this long before the matches are counted (highlighting on screen is immediate). */
const COUNT_DEBOUNCE_MS = 150;

const plainText = (lines: readonly LogLine[]) => lines.map((line) => `${stripAnsi(line.text)}\n`).join('');

const initialLogState = {
  logTotalLines: 0,
  logLoaded: false,
  logFinished: false,
  logTruncated: false,
  logPages: {},
  logError: null,
  logFollow: true,
  logReveal: null,
  logMark: null,
  logMatchCount: null,
  logMatchIndex: null,
  logSearchStatus: 'idle',
  logSearchError: null,
  logSearchResume: null,
  logFirstErrorStatus: 'idle',
  logDownload: null,
  logExpanded: new Set<number>(),
} satisfies Partial<LogSlice>;

/** What this slice reads or calls from other slices. */
type Uses = Pick<NoticesSlice, 'notify'>;

export const createLogSlice: SliceCreator<LogSlice, Uses> = (connection) => (set, get) => {
  /** Bumped when the attempt changes: answers for an older attempt are dropped. */
  let generation = 0;
  let viewport = { first: 0, last: 0 };
  const busy = new Set<number>();
  let revealSeq = 0;
  let downloadId = 0;
  let watchedRunId: number | undefined;
  let countTimer: ReturnType<typeof setTimeout> | undefined;
  let countSeq = 0;

  const reveal = (line: number) => ({ line, seq: ++revealSeq });

  function ensurePages() {
    const { logAttemptId, logPages, logTotalLines } = get();
    if (logAttemptId === null) return;
    const wanted = pagesToFetch(
      logPages,
      viewport.first - OVERSCAN_LINES,
      viewport.last + OVERSCAN_LINES,
      logTotalLines,
      busy,
    );
    for (const request of wanted) {
      if (busy.size >= MAX_IN_FLIGHT) break;
      void fetchPage(logAttemptId, request);
    }
  }

  async function fetchPage(attemptId: number, request: PageRequest) {
    const gen = generation;
    busy.add(request.page);
    let complete = false;
    try {
      const page = await connection.api.runs.logPage({
        attemptId,
        fromLine: request.fromLine,
        count: request.count,
      });
      if (gen !== generation) return;
      complete = page.lines.length === request.count;
      set((state) => ({
        logPages: evictFar(addLines(state.logPages, page.lines), (viewport.first + viewport.last) / 2),
        // Fewer lines than asked for: the store is the truth about how many there are.
        logTotalLines: complete ? Math.max(state.logTotalLines, page.totalLines) : page.totalLines,
        logFinished: page.finished,
        logTruncated: page.truncated,
        logLoaded: true,
        logError: null,
      }));
    } catch (error) {
      if (gen === generation) set({ logError: humanMessage(error), logLoaded: true });
    } finally {
      if (gen === generation) {
        busy.delete(request.page);
        // Keep filling the screen; after a short answer, wait for the next change instead of looping.
        if (complete) ensurePages();
      }
    }
  }

  /** Counts the query's matches in the shown attempt soon (after typing pauses, or new lines). */
  function scheduleCount(delay = COUNT_DEBOUNCE_MS) {
    clearTimeout(countTimer);
    const query = get().logSearchQuery.trim();
    if (query === '' || get().logAttemptId === null) {
      countSeq++;
      set({ logMatchCount: null, logMatchIndex: null });
      return;
    }
    countTimer = setTimeout(() => void count(), delay);
  }

  async function count() {
    const attemptId = get().logAttemptId;
    const query = get().logSearchQuery.trim();
    if (attemptId === null || query === '') return;
    const seq = ++countSeq;
    try {
      const { total, complete } = await connection.api.runs.logMatches({ attemptId, query });
      if (seq !== countSeq || get().logAttemptId !== attemptId || get().logSearchQuery.trim() !== query)
        return;
      set((state) => ({
        logMatchCount: { total, complete },
        logMatchIndex:
          state.logMatchIndex !== null && state.logMatchIndex > total ? null : state.logMatchIndex,
      }));
    } catch {
      // The count is a nicety: search itself reports its own errors.
      if (seq === countSeq) set({ logMatchCount: null });
    }
  }

  async function readAll(attemptId: number, from: number, to: number, onPage?: (done: number) => void) {
    const parts: string[] = [];
    let line = from;
    while (line < to) {
      const page = await connection.api.runs.logPage({
        attemptId,
        fromLine: line,
        count: Math.min(MAX_PAGE_CALL, to - line),
      });
      if (page.lines.length === 0) break;
      parts.push(plainText(page.lines));
      line = page.lines[page.lines.length - 1]!.n + 1;
      onPage?.(line);
    }
    return parts;
  }

  return {
    logAttemptId: null,
    ...initialLogState,
    logSearchQuery: '',

    watchLog(attemptId, runId) {
      // The search term belongs to the run it was typed in: another run starts with none.
      if (runId !== undefined && runId !== watchedRunId) {
        watchedRunId = runId;
        countSeq++;
        clearTimeout(countTimer);
        set((state) => ({
          logSearchQuery: '',
          logSearchStatus: 'idle',
          logSearchError: null,
          logMatchCount: null,
          logMatchIndex: null,
          logMark: state.logMark?.kind === 'match' ? null : state.logMark,
        }));
      }
      if (get().logAttemptId !== attemptId) {
        generation++;
        busy.clear();
        downloadId++;
        viewport = { first: 0, last: 0 };
        set({ logAttemptId: attemptId, ...initialLogState });
        void fetchPage(attemptId, { page: 0, fromLine: 0, count: PAGE_SIZE });
        scheduleCount(0);
      } else {
        ensurePages();
      }
      return () => {
        // The cache stays for a quick return; a different attempt replaces it.
      };
    },

    noteLogLength(attemptId, lines) {
      if (attemptId !== get().logAttemptId || lines <= get().logTotalLines) return;
      set({ logTotalLines: lines });
      ensurePages();
    },

    setLogViewport(first, last) {
      viewport = { first, last };
      ensurePages();
    },

    setLogFollow: (follow) => set({ logFollow: follow }),

    scrollLogTo(where) {
      if (where === 'top') set({ logFollow: false, logReveal: reveal(0) });
      else set({ logFollow: true, logReveal: reveal(Math.max(0, get().logTotalLines - 1)) });
    },

    setLogSearchQuery(query) {
      const changed = query.trim() !== get().logSearchQuery.trim();
      set({ logSearchQuery: query, logSearchStatus: 'idle', logSearchError: null });
      if (!changed) return;
      // A new term: matches are highlighted at once (on screen), counted once typing pauses; a search
      // stopped over budget does not resume with another term.
      set((state) => ({
        logSearchResume: null,
        logMatchCount: null,
        logMatchIndex: null,
        logMark: state.logMark?.kind === 'match' ? null : state.logMark,
      }));
      scheduleCount();
    },

    async searchLog(direction) {
      const {
        logAttemptId: attemptId,
        logSearchQuery,
        logMark,
        logTotalLines,
        logPages,
        logSearchResume,
      } = get();
      const query = logSearchQuery.trim();
      if (attemptId === null || query === '' || get().logSearchStatus === 'searching') return;
      const current = logMark?.kind === 'match' ? logMark.line : null;
      const found = (line: number) =>
        set((state) => {
          // Moving one match on or back from a known one; the first from the top is 1, from the end the last.
          const total = state.logMatchCount?.complete ? state.logMatchCount.total : null;
          const index =
            current !== null && state.logMatchIndex !== null
              ? state.logMatchIndex + (direction === 'next' ? 1 : -1)
              : current === null
                ? direction === 'next'
                  ? 1
                  : total
                : null;
          return {
            logSearchStatus: 'found',
            logMark: { line, kind: 'match' },
            logMatchIndex: index,
            logReveal: reveal(line),
            logFollow: false,
          };
        });
      // The engine searches from `fromLine` exclusive. The first search starts above the top (next) or
      // below the bottom (previous); line 0 can not be "after" anything, so it is checked here.
      if (current === null && logSearchResume === null && direction === 'next') {
        const first = lineAt(logPages, 0);
        if (first && stripAnsi(first.text).toLowerCase().includes(query.toLowerCase())) {
          found(0);
          return;
        }
      }
      const fromLine = logSearchResume ?? current ?? (direction === 'next' ? 0 : logTotalLines);
      if (
        (direction === 'previous' && fromLine <= 0) ||
        (direction === 'next' && fromLine >= logTotalLines - 1)
      ) {
        set({ logSearchStatus: current === null ? 'none' : 'no-more' });
        return;
      }
      const gen = generation;
      set({ logSearchStatus: 'searching', logSearchError: null });
      try {
        const { line, stopped } = await connection.api.runs.logSearch({
          attemptId,
          query,
          fromLine,
          direction,
        });
        if (gen !== generation) return;
        if (stopped !== null) {
          set({
            logSearchStatus: 'stopped',
            logSearchError: stopped.message,
            logSearchResume: stopped.throughLine,
          });
        } else if (line === null)
          set({ logSearchStatus: current === null ? 'none' : 'no-more', logSearchResume: null });
        else {
          set({ logSearchResume: null });
          found(line);
        }
      } catch (error) {
        if (gen === generation) set({ logSearchStatus: 'error', logSearchError: humanMessage(error) });
      }
    },

    async jumpToFirstError() {
      const attemptId = get().logAttemptId;
      if (attemptId === null) return;
      const gen = generation;
      set({ logFirstErrorStatus: 'searching' });
      try {
        const { line } = await connection.api.runs.firstError({ attemptId });
        if (gen !== generation) return;
        if (line === null) set({ logFirstErrorStatus: 'none' });
        else {
          set({
            logFirstErrorStatus: 'idle',
            logMark: { line, kind: 'error' },
            logReveal: reveal(line),
            logFollow: false,
          });
        }
      } catch (error) {
        if (gen === generation) set({ logFirstErrorStatus: 'idle' });
        get().notify('error', `Could not look for the first error: ${humanMessage(error)}`);
      }
    },

    async copyLog(selection) {
      const { logAttemptId: attemptId, logTotalLines: total } = get();
      let text = selection;
      let what = 'the selected text';
      try {
        if (text === '' && attemptId !== null) {
          if (total <= COPY_LIMIT) {
            text = (await readAll(attemptId, 0, total)).join('');
            what = `the whole log (${total.toLocaleString()} lines)`;
          } else {
            // A chunk around what is on screen, so everything visible is in it.
            const visible = viewport.last - viewport.first;
            const from = Math.max(
              0,
              Math.min(total - COPY_LIMIT, viewport.first - Math.floor((COPY_LIMIT - visible) / 2)),
            );
            const to = Math.min(total, from + COPY_LIMIT);
            text = (await readAll(attemptId, from, to)).join('');
            what = `lines ${(from + 1).toLocaleString()}–${to.toLocaleString()} of ${total.toLocaleString()} (a long log is copied ${COPY_LIMIT.toLocaleString()} lines at a time; Download saves all of it)`;
          }
        }
        if (text === '') return;
        await navigator.clipboard.writeText(text);
        get().notify('success', `Copied ${what}.`);
      } catch (error) {
        get().notify('error', `Could not copy the log: ${humanMessage(error)}`);
      }
    },

    async downloadLog(fileName) {
      const attemptId = get().logAttemptId;
      if (attemptId === null || get().logDownload) return;
      const id = ++downloadId;
      const total = get().logTotalLines;
      set({ logDownload: { done: 0, total } });
      try {
        const parts = await readAll(attemptId, 0, Number.MAX_SAFE_INTEGER, (done) => {
          if (id !== downloadId) throw new Error('cancelled');
          set({ logDownload: { done, total: Math.max(total, get().logTotalLines, done) } });
        });
        if (id !== downloadId) return;
        saveBlob(new Blob(parts, { type: 'text/plain;charset=utf-8' }), fileName);
      } catch (error) {
        if (id === downloadId) get().notify('error', `Could not download the log: ${humanMessage(error)}`);
      } finally {
        if (id === downloadId) set({ logDownload: null });
      }
    },

    cancelLogDownload() {
      downloadId++;
      set({ logDownload: null });
    },

    onRunLog(event) {
      if (event.attemptId !== get().logAttemptId) return;
      const last = event.lines[event.lines.length - 1];
      set((state) => ({
        logPages: last
          ? evictFar(addLines(state.logPages, event.lines), (viewport.first + viewport.last) / 2)
          : state.logPages,
        logTotalLines: last ? Math.max(state.logTotalLines, last.n + 1) : state.logTotalLines,
      }));
      if (!last && event.skipped > 0) {
        // Lines were written to the store without being sent: learn how many there are now.
        const total = get().logTotalLines;
        void fetchPage(event.attemptId, { page: Math.floor(total / PAGE_SIZE), fromLine: total, count: 1 });
      }
      ensurePages();
      // New lines may hold new matches.
      if (last && get().logSearchQuery.trim() !== '') scheduleCount(1000);
    },

    toggleLogGroup(firstLine) {
      const expanded = new Set(get().logExpanded);
      if (expanded.has(firstLine)) expanded.delete(firstLine);
      else expanded.add(firstLine);
      set({ logExpanded: expanded });
    },

    expandLogGroups(firstLines) {
      const current = get().logExpanded;
      if (firstLines.every((line) => current.has(line))) return;
      set({ logExpanded: new Set([...current, ...firstLines]) });
    },

    revealLogLine(line) {
      set({ logFollow: false, logReveal: reveal(line), logMark: { line, kind: 'match' } });
    },

    refetchLog() {
      const attemptId = get().logAttemptId;
      if (attemptId === null) return;
      const total = get().logTotalLines;
      void fetchPage(attemptId, { page: Math.floor(total / PAGE_SIZE), fromLine: total, count: 1 });
    },
  };
};
