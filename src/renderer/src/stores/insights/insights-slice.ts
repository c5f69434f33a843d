// The Insights view's data: the filter (project, environment, range — the range remembered), the
// DORA summary and pipeline insights for it, fetched while the view shows and refetched (coalesced,
// at most every few seconds) when deployments, runs or environments change; and report exports.
import type {
  DoraSummary,
  InsightRange,
  PipelineInsights,
  Report,
} from '../../../../shared/domain/insights.ts';
import { insightRanges } from '../../../../shared/domain/insights.ts';
import { createCoalescer } from '../../lib/coalescer.ts';
import { rangeDaysOf } from '../../lib/insights-look.ts';
import { saveBlob } from '../../lib/save-blob.ts';
import type { SliceCreator } from '../slice.ts';
import type { NoticesSlice } from '../app/notices-slice.ts';
import { humanMessage, shownError, type ShownError } from '../error-message.ts';

export interface InsightsFilter {
  projectId: number | 'all';
  /** An environment name; null: production (by tier), the engine's default. */
  environment: string | null;
  range: InsightRange;
}

export type ReportExport =
  { format: 'md' | 'html' } | { format: 'csv'; table: 'deployments' | 'runs' | 'incidents' };

export interface InsightsSlice {
  insightsFilter: InsightsFilter;
  dora: DoraSummary | null;
  doraError: ShownError | null;
  pipelineInsights: PipelineInsights | null;
  pipelineInsightsError: ShownError | null;
  /** An export in flight (its format, or csv table). */
  exporting: string | null;
  setInsightsFilter: (patch: Partial<InsightsFilter>) => void;
  /** Called while the Insights view shows. Returns "stop watching". */
  watchInsights: () => () => void;
  fetchInsights: () => Promise<void>;
  /** History changed: refetch soon, if the view shows. */
  scheduleInsightsRefetch: () => void;
  /** Asks the engine for a report of the current filter's window and saves it as a file. */
  exportReport: (what: ReportExport) => Promise<void>;
}

const RANGE_KEY = 'cockpit.insights.range';
const DAY_MS = 86_400_000;

function loadRange(): InsightRange {
  try {
    const stored = localStorage.getItem(RANGE_KEY);
    return insightRanges.find((range) => range === stored) ?? '30d';
  } catch {
    return '30d';
  }
}

function saveRange(range: InsightRange): void {
  try {
    localStorage.setItem(RANGE_KEY, range);
  } catch {
    // Without storage the choice lasts for this session.
  }
}

/** What this slice reads or calls from other slices. */
type Uses = Pick<NoticesSlice, 'notify'>;

export const createInsightsSlice: SliceCreator<InsightsSlice, Uses> = (connection) => (set, get) => {
  let watchers = 0;
  let latest = 0;

  const params = () => {
    const { projectId, environment, range } = get().insightsFilter;
    return { projectId: projectId === 'all' ? undefined : projectId, environment, range };
  };

  async function fetchInsights() {
    const id = ++latest;
    const { projectId, environment, range } = params();
    const [dora, pipelines] = await Promise.allSettled([
      connection.api.insights.dora({ projectId, range, environment: environment ?? undefined }),
      connection.api.insights.pipelines({ projectId, range }),
    ]);
    if (id !== latest) return;
    set({
      ...(dora.status === 'fulfilled'
        ? { dora: dora.value, doraError: null }
        : { doraError: shownError(dora.reason) }),
      ...(pipelines.status === 'fulfilled'
        ? { pipelineInsights: pipelines.value, pipelineInsightsError: null }
        : { pipelineInsightsError: shownError(pipelines.reason) }),
    });
  }

  // Insights move slowly: a burst of run or deploy events becomes one refetch every few seconds.
  const refetch = createCoalescer({ run: fetchInsights, minIntervalMs: 3_000, gatherMs: 500 });

  return {
    insightsFilter: { projectId: 'all', environment: null, range: loadRange() },
    dora: null,
    doraError: null,
    pipelineInsights: null,
    pipelineInsightsError: null,
    exporting: null,

    setInsightsFilter(patch) {
      const insightsFilter = { ...get().insightsFilter, ...patch };
      if (patch.range) saveRange(patch.range);
      latest++;
      set({
        insightsFilter,
        dora: null,
        doraError: null,
        pipelineInsights: null,
        pipelineInsightsError: null,
      });
      void fetchInsights();
    },

    watchInsights() {
      watchers++;
      void fetchInsights();
      return () => {
        watchers--;
        if (watchers === 0) refetch.cancel();
      };
    },

    fetchInsights,

    scheduleInsightsRefetch() {
      if (watchers > 0) refetch.schedule();
    },

    async exportReport(what) {
      const label = what.format === 'csv' ? what.table : what.format;
      if (get().exporting !== null) return;
      set({ exporting: label });
      const { projectId, range } = params();
      const until = Date.now();
      try {
        const report: Report = await connection.api.reports.export({
          format: what.format,
          since: until - rangeDaysOf(range) * DAY_MS,
          until,
          projectId,
          table: what.format === 'csv' ? what.table : undefined,
        });
        saveBlob(new Blob([report.content], { type: report.mimeType }), report.fileName);
        get().notify('success', `Exported ${report.fileName}.`);
      } catch (error) {
        get().notify('error', `Could not export the report: ${humanMessage(error)}`);
      } finally {
        set({ exporting: null });
      }
    },
  };
};
