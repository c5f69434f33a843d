// The release board's data: projects × environments from `releases.board`, fetched while something
// shows it (the Board, the command palette) and refetched on releases, environments and runs events,
// coalesced to at most two refetches a second. Unchanged rows and cells keep their identity, so a
// row selecting its own data re-renders only when that row changed.
import type { BoardRow } from '../../../../shared/domain/release.ts';
import { createCoalescer } from '../../lib/coalescer.ts';
import { shareEqual } from '../../lib/structural-share.ts';
import type { SliceCreator } from '../slice.ts';
import { shownError, type ShownError } from '../error-message.ts';

export interface BoardSlice {
  /** Environments in lifecycle order (the union of every project's). */
  boardColumns: string[];
  /** Each project's row, by project id. */
  boardRows: Record<number, BoardRow>;
  /** Project ids in the order the engine listed them. */
  boardOrder: number[];
  /** False until the first board arrives. */
  boardLoaded: boolean;
  boardError: ShownError | null;
  /** The project filter typed on the board (`/` focuses it). */
  boardQuery: string;
  setBoardQuery: (query: string) => void;
  /** Called while something shows the board: fetches now and on changes. Returns "stop watching". */
  watchBoard: () => () => void;
  fetchBoard: () => Promise<void>;
  /** Something on the board may have changed: refetch soon, if it is shown. */
  scheduleBoardRefetch: () => void;
}

/** At most two refetches a second, whatever the engine sends. */
const MIN_INTERVAL_MS = 500;
const GATHER_MS = 80;

export const createBoardSlice: SliceCreator<BoardSlice> = (connection) => (set, get) => {
  let watchers = 0;
  let latestFetch = 0;

  const fetchBoard = async () => {
    const fetchId = ++latestFetch;
    try {
      const board = await connection.api.releases.board();
      if (fetchId !== latestFetch) return;
      const state = get();
      const rows: Record<number, BoardRow> = {};
      for (const row of board.rows) rows[row.projectId] = shareEqual(state.boardRows[row.projectId], row);
      set({
        boardColumns: shareEqual(state.boardColumns, board.columns),
        boardRows: shareEqual(state.boardRows, rows),
        boardOrder: shareEqual(
          state.boardOrder,
          board.rows.map((row) => row.projectId),
        ),
        boardLoaded: true,
        boardError: null,
      });
    } catch (error) {
      if (fetchId === latestFetch) set({ boardError: shownError(error), boardLoaded: true });
    }
  };

  const refetch = createCoalescer({ run: fetchBoard, minIntervalMs: MIN_INTERVAL_MS, gatherMs: GATHER_MS });

  return {
    boardColumns: [],
    boardRows: {},
    boardOrder: [],
    boardLoaded: false,
    boardError: null,
    boardQuery: '',
    setBoardQuery: (boardQuery) => set({ boardQuery }),

    watchBoard() {
      watchers++;
      refetch.schedule();
      return () => {
        watchers--;
        if (watchers === 0) refetch.cancel();
      };
    },

    fetchBoard,

    scheduleBoardRefetch() {
      if (watchers > 0) refetch.schedule();
    },
  };
};
