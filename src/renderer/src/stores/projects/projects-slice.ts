// The project list: fetched on connect, refetched (debounced) when the engine says projects changed,
// and the per-project actions (refresh, remove, open the demo).
import type { Project } from '../../../../shared/domain/project.ts';
import type { SliceCreator } from '../slice.ts';
import type { NoticesSlice } from '../app/notices-slice.ts';
import { humanMessage } from '../error-message.ts';
import { latestRequest } from '../latest-request.ts';

export type ProjectActivity = 'refreshing' | 'removing';

export interface ProjectsSlice {
  projects: Project[];
  /** False until the first list arrives: the board shows "loading", not "empty". */
  projectsLoaded: boolean;
  projectsError: string | null;
  projectActivity: Partial<Record<number, ProjectActivity>>;
  demoOpening: boolean;
  demoError: string | null;
  fetchProjects: () => Promise<void>;
  scheduleProjectsRefetch: () => void;
  refreshProject: (id: number) => Promise<void>;
  /** Resolves to null on success, or the message to show. */
  removeProject: (id: number) => Promise<string | null>;
  openDemoProject: () => Promise<void>;
}

const REFETCH_DEBOUNCE_MS = 100;

/** What this slice reads or calls from other slices. */
type Uses = Pick<NoticesSlice, 'notify'>;

export const createProjectsSlice: SliceCreator<ProjectsSlice, Uses> = (connection) => (set, get) => {
  let refetchTimer: ReturnType<typeof setTimeout> | undefined;
  const latestFetch = latestRequest();

  const setActivity = (id: number, activity: ProjectActivity | undefined) =>
    set((state) => ({ projectActivity: { ...state.projectActivity, [id]: activity } }));

  return {
    projects: [],
    projectsLoaded: false,
    projectsError: null,
    projectActivity: {},
    demoOpening: false,
    demoError: null,

    async fetchProjects() {
      await latestFetch(
        () => connection.api.projects.list(),
        (projects) => set({ projects, projectsLoaded: true, projectsError: null }),
        (error) => set({ projectsError: humanMessage(error) }),
      );
    },

    scheduleProjectsRefetch() {
      clearTimeout(refetchTimer);
      refetchTimer = setTimeout(() => void get().fetchProjects(), REFETCH_DEBOUNCE_MS);
    },

    async refreshProject(id) {
      setActivity(id, 'refreshing');
      try {
        const updated = await connection.api.projects.refresh({ id });
        set((state) => ({ projects: state.projects.map((p) => (p.id === id ? updated : p)) }));
      } catch (error) {
        get().notify('error', humanMessage(error));
      } finally {
        setActivity(id, undefined);
      }
    },

    async removeProject(id) {
      setActivity(id, 'removing');
      try {
        await connection.api.projects.remove({ id });
        const name = get().projects.find((p) => p.id === id)?.name ?? 'The project';
        set((state) => ({ projects: state.projects.filter((p) => p.id !== id) }));
        get().notify('success', `Removed ${name} from the cockpit. Its folder was not touched.`);
        get().scheduleProjectsRefetch();
        return null;
      } catch (error) {
        return humanMessage(error);
      } finally {
        setActivity(id, undefined);
      }
    },

    async openDemoProject() {
      set({ demoOpening: true, demoError: null });
      try {
        const project = await connection.api.projects.openDemo();
        get().notify('success', `Opened the demo project "${project.name}".`);
        get().scheduleProjectsRefetch();
      } catch (error) {
        set({ demoError: humanMessage(error) });
      } finally {
        set({ demoOpening: false });
      }
    },
  };
};
