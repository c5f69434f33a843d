// Notes on deployments and incidents: each thread shown is fetched while it shows and refetched when
// the engine says its deployment (releases.changed) or environment (environments.changed) changed —
// a note written in another window or the CLI appears here too. Adding is one call, then a refetch.
import type { Note } from '../../../../shared/domain/insights.ts';
import type { SliceCreator } from '../slice.ts';
import { humanMessage } from '../error-message.ts';

export type NoteSubject = Note['subject'];

export interface NotesSlice {
  /** Threads by noteKey(subject, id), oldest first; absent until fetched. */
  notes: Record<string, Note[]>;
  notesErrors: Record<string, string>;
  /** Threads with a note being added. */
  notesAdding: Record<string, boolean>;
  /** Called while a thread shows. Returns "stop watching". */
  watchNotes: (subject: NoteSubject, subjectId: number) => () => void;
  /** Resolves to null when added, else the message to show. */
  addNote: (subject: NoteSubject, subjectId: number, text: string) => Promise<string | null>;
  /** A deployment changed (null: any): refetch its thread if it shows. */
  scheduleDeploymentNotesRefetch: (deploymentId: number | null) => void;
  /** Something about incidents changed: refetch the incident threads that show. */
  scheduleIncidentNotesRefetch: () => void;
}

export const noteKey = (subject: NoteSubject, subjectId: number) => `${subject}:${subjectId}`;

const REFETCH_DELAY_MS = 200;

export const createNotesSlice: SliceCreator<NotesSlice> = (connection) => (set, get) => {
  const watchers = new Map<string, number>();
  const latest = new Map<string, number>();
  const stale = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function fetchThread(subject: NoteSubject, subjectId: number) {
    const key = noteKey(subject, subjectId);
    const id = (latest.get(key) ?? 0) + 1;
    latest.set(key, id);
    try {
      const thread = await connection.api.notes.list({ subject, subjectId });
      if (latest.get(key) !== id || !watchers.has(key)) return;
      set((state) => {
        const notesErrors = { ...state.notesErrors };
        delete notesErrors[key];
        return { notes: { ...state.notes, [key]: thread }, notesErrors };
      });
    } catch (error) {
      if (latest.get(key) !== id) return;
      set((state) => ({ notesErrors: { ...state.notesErrors, [key]: humanMessage(error) } }));
    }
  }

  const refetchStale = () => {
    timer = undefined;
    for (const key of stale) {
      if (!watchers.has(key)) continue;
      const [subject, subjectId] = key.split(':') as [NoteSubject, string];
      void fetchThread(subject, Number(subjectId));
    }
    stale.clear();
  };

  const markStale = (keys: string[]) => {
    for (const key of keys) if (watchers.has(key)) stale.add(key);
    if (stale.size > 0 && timer === undefined) timer = setTimeout(refetchStale, REFETCH_DELAY_MS);
  };

  return {
    notes: {},
    notesErrors: {},
    notesAdding: {},

    watchNotes(subject, subjectId) {
      const key = noteKey(subject, subjectId);
      watchers.set(key, (watchers.get(key) ?? 0) + 1);
      void fetchThread(subject, subjectId);
      return () => {
        const count = (watchers.get(key) ?? 1) - 1;
        if (count > 0) {
          watchers.set(key, count);
          return;
        }
        watchers.delete(key);
        set((state) => {
          const notes = { ...state.notes };
          delete notes[key];
          return { notes };
        });
      };
    },

    async addNote(subject, subjectId, text) {
      const key = noteKey(subject, subjectId);
      if (get().notesAdding[key]) return 'A note is being added already.';
      set((state) => ({ notesAdding: { ...state.notesAdding, [key]: true } }));
      try {
        const note = await connection.api.notes.add({ subject, subjectId, text });
        // Show it at once; the refetch the engine's event causes confirms the order.
        set((state) => {
          const thread = state.notes[key] ?? [];
          if (thread.some((existing) => existing.id === note.id)) return {};
          return { notes: { ...state.notes, [key]: [...thread, note] } };
        });
        return null;
      } catch (error) {
        return humanMessage(error);
      } finally {
        set((state) => ({ notesAdding: { ...state.notesAdding, [key]: false } }));
      }
    },

    scheduleDeploymentNotesRefetch(deploymentId) {
      const keys = [...watchers.keys()].filter((key) =>
        deploymentId === null ? key.startsWith('deployment:') : key === noteKey('deployment', deploymentId),
      );
      markStale(keys);
    },

    scheduleIncidentNotesRefetch() {
      markStale([...watchers.keys()].filter((key) => key.startsWith('incident:')));
    },
  };
};
