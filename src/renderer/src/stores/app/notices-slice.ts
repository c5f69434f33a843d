// Short-lived notices (toasts) and reporting of errors that happened in this window.
import type { SliceCreator } from '../slice.ts';

export type NoticeTone = 'info' | 'success' | 'warning' | 'error';

export interface Notice {
  id: number;
  tone: NoticeTone;
  message: string;
  /** Notices about the same thing share a key: a new one replaces the old (say, "recovered" the "down"). */
  key?: string;
}

export interface ClientErrorReport {
  message: string;
  stack?: string;
}

export interface NoticesSlice {
  notices: Notice[];
  notify: (tone: NoticeTone, message: string, key?: string) => void;
  dismissNotice: (id: number) => void;
  /** Writes the error to the engine log (failures ignored) and, unless `quiet`, shows a notice. */
  reportClientError: (report: ClientErrorReport, options?: { quiet?: boolean }) => void;
  /** Sends reports held back while the engine was not connected (called on every connect). */
  flushClientErrorReports: () => void;
}

/** Errors stay until dismissed; everything else fades on its own. */
const AUTO_DISMISS_MS = 6_000;
const MAX_NOTICES = 4;
/** The same error repeating (say, in an animation frame) is reported and shown once, not hundreds of times. */
const REPEAT_WINDOW_MS = 5_000;
/** And however many different errors there are, the log gets at most this many a minute from here. */
const REPORTS_PER_MINUTE = 20;
/** Reports made before the engine is reachable (say, a crash on first render) wait for it, up to this many. */
const MAX_HELD_REPORTS = 10;

export const createNoticesSlice: SliceCreator<NoticesSlice> = (connection) => (set, get) => {
  let nextId = 1;
  const lastSeen = new Map<string, number>();
  let recentReports: number[] = [];
  let heldReports: ClientErrorReport[] = [];

  const send = (report: ClientErrorReport) => {
    connection.api.app
      .reportError({
        source: 'renderer',
        message: report.message.slice(0, 10_000),
        stack: report.stack?.slice(0, 50_000),
      })
      .catch(() => {
        // The engine is gone or refused it: nothing more useful to do with the report.
      });
  };

  return {
    notices: [],
    notify(tone, message, key) {
      const id = nextId++;
      set((state) => ({
        notices: [
          ...state.notices.filter((notice) => key === undefined || notice.key !== key),
          { id, tone, message, key },
        ].slice(-MAX_NOTICES),
      }));
      if (tone !== 'error') setTimeout(() => get().dismissNotice(id), AUTO_DISMISS_MS);
    },
    dismissNotice(id) {
      set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) }));
    },
    reportClientError({ message, stack }, options = {}) {
      const now = Date.now();
      if (now - (lastSeen.get(message) ?? -Infinity) < REPEAT_WINDOW_MS) return;
      lastSeen.set(message, now);
      recentReports = recentReports.filter((at) => now - at < 60_000);
      if (recentReports.length < REPORTS_PER_MINUTE) {
        recentReports.push(now);
        if (connection.getState().status === 'connected') send({ message, stack });
        else heldReports = [...heldReports, { message, stack }].slice(-MAX_HELD_REPORTS);
      }
      if (options.quiet) return;
      get().notify('error', `Something went wrong in the window: ${message}. It was written to the log.`);
    },
    flushClientErrorReports() {
      const held = heldReports;
      heldReports = [];
      for (const report of held) send(report);
    },
  };
};
