// The "Add project" form: what the user typed, what the engine says about that folder
// (inspected while typing, debounced), and the result of adding it.
import type { FolderInspection } from '../../../../shared/domain/project.ts';
import type { SliceCreator } from '../slice.ts';
import type { NoticesSlice } from '../app/notices-slice.ts';
import type { UiSlice } from '../app/ui-slice.ts';
import type { ProjectsSlice } from './projects-slice.ts';
import { humanMessage, shownError, type ShownError } from '../error-message.ts';

export interface AddProjectDraft {
  path: string;
  name: string;
  createConfig: boolean;
}

export interface AddProjectSlice {
  addDraft: AddProjectDraft;
  /** The engine's view of the folder last inspected; `inspection.path` is its resolved path. */
  inspection: FolderInspection | null;
  /** The draft path changed and its inspection has not arrived yet. */
  inspecting: boolean;
  inspectError: string | null;
  adding: boolean;
  addError: ShownError | null;
  openAddProjectDialog: () => void;
  setAddPath: (path: string) => void;
  setAddName: (name: string) => void;
  setCreateConfig: (createConfig: boolean) => void;
  /** Resolves to true when the project was added (and the dialog closed). */
  submitAddProject: () => Promise<boolean>;
}

const INSPECT_DEBOUNCE_MS = 250;
const emptyDraft: AddProjectDraft = { path: '', name: '', createConfig: false };

/** What this slice reads or calls from other slices. */
type Uses = Pick<NoticesSlice, 'notify'> &
  Pick<UiSlice, 'openDialog' | 'closeDialog'> &
  Pick<ProjectsSlice, 'scheduleProjectsRefetch'>;

/** The add-project dialog as it opens: an empty draft, nothing inspected or added yet. */
const freshAddProject: Pick<
  AddProjectSlice,
  'addDraft' | 'inspection' | 'inspecting' | 'inspectError' | 'adding' | 'addError'
> = {
  addDraft: emptyDraft,
  inspection: null,
  inspecting: false,
  inspectError: null,
  adding: false,
  addError: null,
};

export const createAddProjectSlice: SliceCreator<AddProjectSlice, Uses> = (connection) => (set, get) => {
  let inspectTimer: ReturnType<typeof setTimeout> | undefined;
  let latestInspect = 0;

  async function inspect(path: string) {
    const inspectId = ++latestInspect;
    try {
      const inspection = await connection.api.projects.inspect({ path });
      if (inspectId === latestInspect) set({ inspection, inspecting: false, inspectError: null });
    } catch (error) {
      if (inspectId === latestInspect)
        set({ inspection: null, inspecting: false, inspectError: humanMessage(error) });
    }
  }

  return {
    ...freshAddProject,

    openAddProjectDialog() {
      clearTimeout(inspectTimer);
      latestInspect++;
      set(freshAddProject);
      get().openDialog({ kind: 'add-project' });
    },

    setAddPath(path) {
      clearTimeout(inspectTimer);
      // Consent to write a starter cockpit.yml is given for one folder, not for whatever comes next.
      set((state) => ({ addDraft: { ...state.addDraft, path, createConfig: false }, addError: null }));
      if (path.trim() === '') {
        latestInspect++;
        set({ inspection: null, inspecting: false, inspectError: null });
        return;
      }
      set({ inspecting: true });
      inspectTimer = setTimeout(() => void inspect(path), INSPECT_DEBOUNCE_MS);
    },

    setAddName: (name) => set((state) => ({ addDraft: { ...state.addDraft, name } })),

    setCreateConfig(createConfig) {
      set((state) => ({
        addDraft: { ...state.addDraft, createConfig },
        addError: state.addError?.code === 'CONFIG_MISSING' && createConfig ? null : state.addError,
      }));
    },

    async submitAddProject() {
      const { path, name, createConfig } = get().addDraft;
      if (get().adding) return false;
      if (path.trim() === '') {
        set({
          addError: { code: 'BAD_REQUEST', message: 'Enter the path of a folder, for example ~/code/shop.' },
        });
        return false;
      }
      set({ adding: true, addError: null });
      try {
        const project = await connection.api.projects.add({
          path,
          name: name.trim() === '' ? undefined : name.trim(),
          createConfig: createConfig || undefined,
        });
        set({ adding: false });
        get().closeDialog();
        get().notify('success', `Added ${project.name}.`);
        get().scheduleProjectsRefetch();
        return true;
      } catch (error) {
        set({ adding: false, addError: shownError(error) });
        return false;
      }
    },
  };
};
