// The Secrets settings' data: which project they are for (remembered), that project's secret names
// and dates, and set / delete (each followed by a refetch). Values only pass through `saveSecret`
// on their way to the engine: they are never put in the store, and the engine never sends them back.
import type { SecretInfo } from '../../../../shared/domain/run.ts';
import type { SliceCreator } from '../slice.ts';
import type { NoticesSlice } from '../app/notices-slice.ts';
import { humanMessage, shownError, type ShownError } from '../error-message.ts';
import { loadRememberedProject, rememberProject } from '../../lib/remembered-project.ts';
import { latestRequest } from '../latest-request.ts';

export type SecretActivity = 'saving' | 'deleting';

export type SaveSecretOutcome = { ok: true; warning: string | null } | { ok: false; message: string };

export interface SecretsSlice {
  /** The project last chosen for secrets; it may since have been removed. */
  secretsProjectChoice: number | null;
  /** The project whose secrets are listed (set while the section is open). */
  secretsProjectId: number | null;
  /** Names and dates, never values; null until they arrive. */
  secrets: SecretInfo[] | null;
  secretsError: ShownError | null;
  /** A save or delete in flight (one at a time). */
  secretActivity: SecretActivity | null;
  /** The engine's advice about the value last saved (e.g. too short to mask), until dismissed. */
  secretWarning: { name: string; message: string } | null;
  selectSecretsProject: (projectId: number) => void;
  /** Called by the section while it shows a project: fetches now and on reconnect. Returns "stop watching". */
  watchSecrets: (projectId: number) => () => void;
  fetchSecrets: () => Promise<void>;
  /** Refetches if the section is open (after a reconnect). */
  refetchSecrets: () => void;
  /** Sets or replaces a secret; the value is sent and forgotten. */
  saveSecret: (projectId: number, name: string, value: string) => Promise<SaveSecretOutcome>;
  /** Resolves to null on success, or the message to show. */
  deleteSecret: (projectId: number, name: string) => Promise<string | null>;
  dismissSecretWarning: () => void;
}

const STORAGE_KEY = 'cockpit.secretsProject';

/** What this slice reads or calls from other slices. */
type Uses = Pick<NoticesSlice, 'notify'>;

export const createSecretsSlice: SliceCreator<SecretsSlice, Uses> = (connection) => (set, get) => {
  const latestFetch = latestRequest();
  let watchers = 0;

  return {
    secretsProjectChoice: loadRememberedProject(STORAGE_KEY),
    secretsProjectId: null,
    secrets: null,
    secretsError: null,
    secretActivity: null,
    secretWarning: null,

    selectSecretsProject(projectId) {
      rememberProject(STORAGE_KEY, projectId);
      set({ secretsProjectChoice: projectId });
    },

    watchSecrets(projectId) {
      watchers++;
      if (get().secretsProjectId !== projectId) {
        set({ secretsProjectId: projectId, secrets: null, secretsError: null, secretWarning: null });
      }
      void get().fetchSecrets();
      return () => {
        watchers--;
      };
    },

    async fetchSecrets() {
      const projectId = get().secretsProjectId;
      if (projectId === null) return;
      await latestFetch(
        () => connection.api.secrets.list({ projectId }),
        (secrets) => set({ secrets, secretsError: null }),
        (error) => set({ secrets: null, secretsError: shownError(error) }),
      );
    },

    refetchSecrets() {
      if (watchers > 0) void get().fetchSecrets();
    },

    async saveSecret(projectId, name, value) {
      if (get().secretActivity !== null)
        return { ok: false, message: 'Another change is still being saved.' };
      set({ secretActivity: 'saving', secretWarning: null });
      try {
        const { warning } = await connection.api.secrets.set({ projectId, name, value });
        if (warning) set({ secretWarning: { name, message: warning } });
        else get().notify('success', `Saved secret ${name}.`);
        return { ok: true, warning };
      } catch (error) {
        return { ok: false, message: humanMessage(error) };
      } finally {
        set({ secretActivity: null });
        if (get().secretsProjectId === projectId) void get().fetchSecrets();
      }
    },

    async deleteSecret(projectId, name) {
      if (get().secretActivity !== null) return 'Another change is still being saved.';
      set({ secretActivity: 'deleting' });
      try {
        await connection.api.secrets.delete({ projectId, name });
        set((state) => ({
          secrets: state.secrets?.filter((secret) => secret.name !== name) ?? null,
          secretWarning: state.secretWarning?.name === name ? null : state.secretWarning,
        }));
        get().notify('success', `Deleted secret ${name}.`);
        return null;
      } catch (error) {
        return humanMessage(error);
      } finally {
        set({ secretActivity: null });
        if (get().secretsProjectId === projectId) void get().fetchSecrets();
      }
    },

    dismissSecretWarning() {
      set({ secretWarning: null });
    },
  };
};
