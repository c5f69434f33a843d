// Run history of the project the Pipelines view shows: newest first, paged with "Load more"
// (beforeId), and refetched in place (as many rows as are loaded) when runs change.
import type { RunSummary } from '../../../../shared/domain/run.ts';
import type { SliceCreator } from '../slice.ts';
import type { NoticesSlice } from '../app/notices-slice.ts';
import type { PipelinesSlice } from './pipelines-slice.ts';
import { humanMessage } from '../error-message.ts';

export interface RunHistorySlice {
  runHistory: RunSummary[] | null;
  runHistoryHasMore: boolean;
  runHistoryLoadingMore: boolean;
  runHistoryError: string | null;
  /** Refetches the rows already shown (at least one page) for the project the view shows. */
  fetchRunHistory: () => Promise<void>;
  loadMoreRuns: () => Promise<void>;
}

export const RUN_HISTORY_PAGE = 25;
const MAX_LIMIT = 500;

/** What this slice reads or calls from other slices. */
type Uses = Pick<NoticesSlice, 'notify'> & Pick<PipelinesSlice, 'pipelinesProjectId'>;

export const createRunHistorySlice: SliceCreator<RunHistorySlice, Uses> = (connection) => (set, get) => {
  let latestFetch = 0;
  let historyProject: number | null = null;

  return {
    runHistory: null,
    runHistoryHasMore: false,
    runHistoryLoadingMore: false,
    runHistoryError: null,

    async fetchRunHistory() {
      const projectId = get().pipelinesProjectId;
      if (projectId === null) return;
      if (historyProject !== projectId) {
        historyProject = projectId;
        set({ runHistory: null, runHistoryHasMore: false, runHistoryError: null });
      }
      const fetchId = ++latestFetch;
      const limit = Math.min(MAX_LIMIT, Math.max(RUN_HISTORY_PAGE, get().runHistory?.length ?? 0));
      try {
        const runs = await connection.api.runs.list({ projectId, limit });
        if (fetchId !== latestFetch) return;
        set({ runHistory: runs, runHistoryHasMore: runs.length === limit, runHistoryError: null });
      } catch (error) {
        if (fetchId === latestFetch) set({ runHistoryError: humanMessage(error) });
      }
    },

    async loadMoreRuns() {
      const { runHistory, pipelinesProjectId: projectId, runHistoryLoadingMore } = get();
      const oldest = runHistory?.[runHistory.length - 1];
      if (projectId === null || !oldest || runHistoryLoadingMore) return;
      // A refetch in flight would replace the list with fewer rows: this answer wins.
      const fetchId = ++latestFetch;
      set({ runHistoryLoadingMore: true });
      try {
        const runs = await connection.api.runs.list({
          projectId,
          limit: RUN_HISTORY_PAGE,
          beforeId: oldest.id,
        });
        if (fetchId !== latestFetch || historyProject !== projectId) return;
        set((state) => ({
          runHistory: [...(state.runHistory ?? []), ...runs.filter((run) => run.id < oldest.id)],
          runHistoryHasMore: runs.length === RUN_HISTORY_PAGE,
          runHistoryError: null,
        }));
      } catch (error) {
        get().notify('error', `Could not load more runs: ${humanMessage(error)}`);
      } finally {
        set({ runHistoryLoadingMore: false });
      }
    },
  };
};
