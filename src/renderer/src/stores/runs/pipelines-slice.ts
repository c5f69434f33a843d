// The Pipelines view's data: which project it shows (remembered), that project's pipelines from
// cockpit.yml with their recent runs, refetched (coalesced, ~100 ms) when the engine says runs changed.
import type { ParamInfo, PipelineInfo } from '../../../../shared/domain/run.ts';
import type { SliceCreator } from '../slice.ts';
import type { ProjectsSlice } from '../projects/projects-slice.ts';
import type { RunHistorySlice } from './run-history-slice.ts';
import { shownError, type ShownError } from '../error-message.ts';
import { loadRememberedProject, rememberProject } from '../../lib/remembered-project.ts';
import { latestRequest } from '../latest-request.ts';

export interface PipelinesSlice {
  /** The project last chosen in the Pipelines view; it may since have been removed. */
  pipelinesProjectChoice: number | null;
  /** The project the Pipelines view is showing (set while the view is open). */
  pipelinesProjectId: number | null;
  /** That project's pipelines; null until they arrive. */
  pipelines: PipelineInfo[] | null;
  pipelinesError: ShownError | null;
  selectPipelinesProject: (projectId: number) => void;
  /** Called by the view while it shows a project: fetches now and on changes. Returns "stop watching". */
  watchPipelines: (projectId: number) => () => void;
  fetchPipelines: () => Promise<void>;
  /** A run of `projectId` changed (null: something did). */
  schedulePipelinesRefetch: (projectId: number | null) => void;
  /** Each valid project's pipelines (names and params), for the command palette (the first 20 projects). */
  palettePipelines: {
    projectId: number;
    projectName: string;
    names: string[];
    params: Record<string, ParamInfo[]>;
  }[];
  fetchPalettePipelines: () => Promise<void>;
}

const PALETTE_PROJECTS = 20;

const STORAGE_KEY = 'cockpit.pipelinesProject';
const REFETCH_DELAY_MS = 100;

/** What this slice reads or calls from other slices. */
type Uses = Pick<ProjectsSlice, 'projects'> & Pick<RunHistorySlice, 'fetchRunHistory'>;

export const createPipelinesSlice: SliceCreator<PipelinesSlice, Uses> = (connection) => (set, get) => {
  let refetchTimer: ReturnType<typeof setTimeout> | undefined;
  const latestFetch = latestRequest();
  let watchers = 0;

  return {
    pipelinesProjectChoice: loadRememberedProject(STORAGE_KEY),
    pipelinesProjectId: null,
    pipelines: null,
    pipelinesError: null,
    palettePipelines: [],

    async fetchPalettePipelines() {
      const projects = get()
        .projects.filter((project) => project.configStatus === 'ok')
        .slice(0, PALETTE_PROJECTS);
      const loaded = await Promise.all(
        projects.map(async (project) => {
          try {
            const list = await connection.api.pipelines.list({ projectId: project.id });
            return {
              projectId: project.id,
              projectName: project.name,
              names: list.map((p) => p.name),
              params: Object.fromEntries(list.map((p) => [p.name, p.params])),
            };
          } catch {
            return { projectId: project.id, projectName: project.name, names: [], params: {} };
          }
        }),
      );
      set({ palettePipelines: loaded });
    },

    selectPipelinesProject(projectId) {
      rememberProject(STORAGE_KEY, projectId);
      set({ pipelinesProjectChoice: projectId });
    },

    watchPipelines(projectId) {
      watchers++;
      if (get().pipelinesProjectId !== projectId) {
        set({ pipelinesProjectId: projectId, pipelines: null, pipelinesError: null });
      }
      void get().fetchPipelines();
      void get().fetchRunHistory();
      return () => {
        watchers--;
        if (watchers > 0) return;
        clearTimeout(refetchTimer);
        refetchTimer = undefined;
      };
    },

    async fetchPipelines() {
      const projectId = get().pipelinesProjectId;
      if (projectId === null) return;
      await latestFetch(
        () => connection.api.pipelines.list({ projectId }),
        (pipelines) => set({ pipelines, pipelinesError: null }),
        (error) => set({ pipelines: null, pipelinesError: shownError(error) }),
      );
    },

    schedulePipelinesRefetch(projectId) {
      const shown = get().pipelinesProjectId;
      if (watchers === 0 || shown === null || (projectId !== null && projectId !== shown)) return;
      // Coalesced rather than debounced: a steady stream of events still refetches every 100 ms.
      if (refetchTimer !== undefined) return;
      refetchTimer = setTimeout(() => {
        refetchTimer = undefined;
        void get().fetchPipelines();
        void get().fetchRunHistory();
      }, REFETCH_DELAY_MS);
    },
  };
};
