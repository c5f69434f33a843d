// The run the run view shows: fetched while watched, refetched (coalesced, ~100 ms) on `runs.changed` for it,
// its actions (cancel, re-run, re-run failed jobs) and which job and attempt the log shows.
import type { Artifact, JobState, RunDetail } from '../../../../shared/domain/run.ts';
import { SHOW_ARTIFACT_MESSAGE, type ShowArtifactRequest } from '../../../../shared/engine-port.ts';
import { isFailedJob } from '../../lib/run-status.ts';
import { saveBlob } from '../../lib/save-blob.ts';
import type { SliceCreator } from '../slice.ts';
import type { NoticesSlice } from '../app/notices-slice.ts';
import type { UiSlice } from '../app/ui-slice.ts';
import { humanMessage, shownError, type ShownError } from '../error-message.ts';

export type RunAction = 'cancel' | 'rerun' | 'rerun-failed' | 'play';

export interface RunSlice {
  /** The watched run; null until it arrives (or when it could not be loaded). */
  run: RunDetail | null;
  runError: ShownError | null;
  runAction: RunAction | null;
  /** The job the user picked; null follows `autoJob`. */
  pickedJob: string | null;
  /** The first failed job, else the first running one, else the one shown before (kept when it ends). */
  autoJob: string | null;
  /** The attempt number the user picked in that job; null shows the latest. */
  pickedAttempt: number | null;
  watchRun: (runId: number) => () => void;
  fetchRun: () => Promise<void>;
  scheduleRunRefetch: (runId: number | null) => void;
  cancelRun: () => Promise<void>;
  rerunRun: (failedOnly: boolean) => Promise<void>;
  /** Plays a manual job (the engine runs it, reopening a finished run). */
  playJob: (job: string) => Promise<void>;
  pickJob: (job: string) => void;
  pickAttempt: (attempt: number) => void;
  /** Artifact ids being read for a save (the desktop app reads them through the protocol). */
  artifactsSaving: number[];
  /** Desktop app: reads the artifact through the engine in chunks and saves it (the save dialog asks where). */
  saveArtifact: (artifact: Artifact) => Promise<void>;
  /** Desktop app: shows the stored copy in the file manager. */
  showArtifactInFolder: (job: string, artifact: Artifact) => void;
}

const ARTIFACT_CHUNK = 512 * 1024;

const REFETCH_DELAY_MS = 100;

/** What this slice reads or calls from other slices. */
type Uses = Pick<NoticesSlice, 'notify'> & Pick<UiSlice, 'openRun'>;

/** The run state before a run arrives, and again when the view switches to another run. */
const noRun: Pick<RunSlice, 'run' | 'runError' | 'runAction' | 'pickedJob' | 'autoJob' | 'pickedAttempt'> = {
  run: null,
  runError: null,
  runAction: null,
  pickedJob: null,
  autoJob: null,
  pickedAttempt: null,
};

export const createRunSlice: SliceCreator<RunSlice, Uses> = (connection) => (set, get) => {
  let watchedRunId: number | null = null;
  let refetchTimer: ReturnType<typeof setTimeout> | undefined;
  let latestFetch = 0;

  return {
    ...noRun,

    watchRun(runId) {
      watchedRunId = runId;
      if (get().run?.id !== runId) {
        set(noRun);
      }
      void get().fetchRun();
      return () => {
        if (watchedRunId !== runId) return;
        watchedRunId = null;
        clearTimeout(refetchTimer);
        refetchTimer = undefined;
      };
    },

    async fetchRun() {
      const runId = watchedRunId;
      if (runId === null) return;
      const fetchId = ++latestFetch;
      try {
        const run = await connection.api.runs.get({ runId });
        if (fetchId === latestFetch && watchedRunId === runId) {
          set({ run, runError: null, autoJob: autoJobFor(run, get().autoJob) });
        }
      } catch (error) {
        if (fetchId === latestFetch && watchedRunId === runId) set({ runError: shownError(error) });
      }
    },

    scheduleRunRefetch(runId) {
      if (watchedRunId === null || (runId !== null && runId !== watchedRunId)) return;
      // Coalesced rather than debounced: a steady stream of events still refetches every 100 ms.
      if (refetchTimer !== undefined) return;
      refetchTimer = setTimeout(() => {
        refetchTimer = undefined;
        void get().fetchRun();
      }, REFETCH_DELAY_MS);
    },

    async cancelRun() {
      const run = get().run;
      if (!run || get().runAction) return;
      set({ runAction: 'cancel' });
      try {
        await connection.api.runs.cancel({ runId: run.id });
        get().scheduleRunRefetch(run.id);
      } catch (error) {
        get().notify('error', `Could not cancel run #${run.id}: ${humanMessage(error)}`);
      } finally {
        set({ runAction: null });
      }
    },

    async rerunRun(failedOnly) {
      const run = get().run;
      if (!run || get().runAction) return;
      set({ runAction: failedOnly ? 'rerun-failed' : 'rerun' });
      try {
        const next = await connection.api.runs.rerun({ runId: run.id, failedOnly: failedOnly || undefined });
        set({ runAction: null });
        get().openRun(next.id);
      } catch (error) {
        set({ runAction: null });
        get().notify('error', `Could not re-run #${run.id}: ${humanMessage(error)}`);
      }
    },

    async playJob(job) {
      const run = get().run;
      if (!run || get().runAction) return;
      set({ runAction: 'play' });
      try {
        await connection.api.runs.play({ runId: run.id, job });
        set({ pickedJob: job, pickedAttempt: null });
        get().scheduleRunRefetch(run.id);
      } catch (error) {
        get().notify('error', `Could not play ${job}: ${humanMessage(error)}`);
      } finally {
        set({ runAction: null });
      }
    },

    pickJob: (job) => set({ pickedJob: job, pickedAttempt: null }),
    pickAttempt: (attempt) => set({ pickedAttempt: attempt }),

    artifactsSaving: [],
    async saveArtifact(artifact) {
      if (get().artifactsSaving.includes(artifact.id)) return;
      set({ artifactsSaving: [...get().artifactsSaving, artifact.id] });
      try {
        const parts: Uint8Array<ArrayBuffer>[] = [];
        for (let offset = 0, done = false; !done;) {
          const chunk = await connection.api.artifacts.read({
            artifactId: artifact.id,
            offset,
            length: ARTIFACT_CHUNK,
          });
          const bytes = Uint8Array.from(atob(chunk.data), (char) => char.charCodeAt(0));
          parts.push(bytes);
          offset += bytes.length;
          done = chunk.done || bytes.length === 0;
        }
        saveBlob(new Blob(parts), artifact.path.split('/').pop() ?? 'artifact');
      } catch (error) {
        get().notify('error', `Could not save ${artifact.path}: ${humanMessage(error)}`);
      } finally {
        set({ artifactsSaving: get().artifactsSaving.filter((id) => id !== artifact.id) });
      }
    },
    showArtifactInFolder(job, artifact) {
      const run = get().run;
      if (!run) return;
      const request: ShowArtifactRequest = { runId: run.id, job, path: artifact.path };
      // The preload passes it to the shell, which checks it again (src/main/electron/artifact-ipc.ts).
      window.postMessage({ t: SHOW_ARTIFACT_MESSAGE, request }, '*');
    },
  };
};

/** Jobs in graph order: wave by wave. */
export function jobsInOrder(run: RunDetail): JobState[] {
  const byName = new Map(run.jobs.map((job) => [job.name, job]));
  const ordered = run.waves.flat().flatMap((name) => byName.get(name) ?? []);
  const placed = new Set(ordered.map((job) => job.name));
  return [...ordered, ...run.jobs.filter((job) => !placed.has(job.name))];
}

function autoJobFor(run: RunDetail, previous: string | null): string | null {
  const jobs = jobsInOrder(run);
  const chosen =
    jobs.find((job) => isFailedJob(job.status) && job.attempts.length > 0) ??
    jobs.find((job) => job.status === 'running') ??
    jobs.find((job) => job.name === previous) ??
    jobs.find((job) => job.attempts.length > 0) ??
    jobs[0];
  return chosen?.name ?? null;
}
