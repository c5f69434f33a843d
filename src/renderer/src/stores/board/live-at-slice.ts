// Time travel on the board: while on, the board shows what was live at a past moment
// (insights.liveAt), read-only. Moving the slider refetches, debounced; the latest answer wins.
import type { LiveAt } from '../../../../shared/domain/insights.ts';
import { clampAt } from '../../lib/live-at-scale.ts';
import type { SliceCreator } from '../slice.ts';
import { shownError, type ShownError } from '../error-message.ts';

export interface LiveAtState {
  /** The moment shown. */
  at: number;
  /** "Now" when time travel started: the slider's right end. */
  anchor: number;
  data: LiveAt | null;
  error: ShownError | null;
  loading: boolean;
}

export interface LiveAtSlice {
  /** Null: the board is live. */
  liveAt: LiveAtState | null;
  /** Starts time travel (at an hour ago unless told otherwise). */
  startLiveAt: (at?: number) => void;
  setLiveAt: (at: number) => void;
  stopLiveAt: () => void;
}

const DEBOUNCE_MS = 150;
const HOUR_MS = 3_600_000;

export const createLiveAtSlice: SliceCreator<LiveAtSlice> = (connection) => (set, get) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;

  async function fetchAt(at: number) {
    const id = ++latest;
    try {
      const data = await connection.api.insights.liveAt({ at: Math.round(at) });
      const current = get().liveAt;
      if (id !== latest || !current) return;
      set({ liveAt: { ...current, data, error: null, loading: false } });
    } catch (error) {
      const current = get().liveAt;
      if (id !== latest || !current) return;
      set({ liveAt: { ...current, error: shownError(error), loading: false } });
    }
  }

  const schedule = (at: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => void fetchAt(at), DEBOUNCE_MS);
  };

  return {
    liveAt: null,

    startLiveAt(at) {
      const anchor = Date.now();
      const moment = clampAt(at ?? anchor - HOUR_MS, anchor);
      set({ liveAt: { at: moment, anchor, data: null, error: null, loading: true } });
      clearTimeout(timer);
      void fetchAt(moment);
    },

    setLiveAt(at) {
      const current = get().liveAt;
      if (!current) return;
      const moment = clampAt(at, current.anchor);
      if (moment === current.at) return;
      set({ liveAt: { ...current, at: moment, loading: true } });
      schedule(moment);
    },

    stopLiveAt() {
      clearTimeout(timer);
      latest++;
      set({ liveAt: null });
    },
  };
};
