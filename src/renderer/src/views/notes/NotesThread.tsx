// A notes thread on a deployment or an incident: who wrote what, when (oldest first), and a box to
// add one — Ctrl+Enter (⌘+Enter on a Mac) or the button adds it. The engine records the author.
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { BusyButton } from '../../components/BusyButton.tsx';
import { LoadingLine } from '../../components/LoadingLine.tsx';
import { RelativeTime } from '../../components/RelativeTime.tsx';
import { noteKey, type NoteSubject } from '../../stores/releases/notes-slice.ts';
import { useCockpit } from '../../stores/store-context.tsx';
import './notes.css';

const isMac = /Mac|iPhone|iPad/.test(navigator.userAgent);
const MAX_LENGTH = 10_000;

export function NotesThread({ subject, subjectId }: { subject: NoteSubject; subjectId: number }) {
  const key = noteKey(subject, subjectId);
  const watchNotes = useCockpit((state) => state.watchNotes);
  const notes = useCockpit((state) => state.notes[key]);
  const error = useCockpit((state) => state.notesErrors[key]);
  const adding = useCockpit((state) => state.notesAdding[key] ?? false);
  const addNote = useCockpit((state) => state.addNote);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const fieldId = useId();
  const hintId = useId();
  const problemId = useId();

  useEffect(() => watchNotes(subject, subjectId), [watchNotes, subject, subjectId]);

  const submit = async () => {
    if (adding) return;
    if (text.trim() === '') {
      setProblem('Write something first.');
      return;
    }
    const failure = await addNote(subject, subjectId, text.trim());
    setProblem(failure);
    if (failure === null) setText('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (isMac ? event.metaKey : event.ctrlKey)) {
      event.preventDefault();
      void submit();
    }
  };

  return (
    <div
      className="notes-thread"
      data-testid="notes-thread"
      data-subject={subject}
      data-subject-id={subjectId}
    >
      {notes === undefined ? (
        error ? (
          <p className="notes-error" role="alert">
            Could not load the notes: {error}
          </p>
        ) : (
          <LoadingLine>Loading notes…</LoadingLine>
        )
      ) : notes.length === 0 ? (
        <p className="notes-none">No notes yet.</p>
      ) : (
        <ol className="notes-list" aria-label="Notes, oldest first">
          {notes.map((note) => (
            <li key={note.id} className="note" data-testid="note">
              <p className="note-meta">
                <strong className="note-author">{note.author}</strong> <RelativeTime at={note.at} />
              </p>
              <p className="note-text">{note.text}</p>
            </li>
          ))}
        </ol>
      )}
      <form
        className="note-form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <label htmlFor={fieldId} className="visually-hidden">
          Add a note
        </label>
        <textarea
          id={fieldId}
          className="input textarea note-input"
          rows={2}
          maxLength={MAX_LENGTH}
          placeholder="Add a note: what happened, what was decided…"
          value={text}
          aria-describedby={problem ? `${hintId} ${problemId}` : hintId}
          aria-invalid={problem !== null}
          onChange={(event) => {
            setText(event.target.value);
            if (problem) setProblem(null);
          }}
          onKeyDown={onKeyDown}
        />
        <div className="note-form-row">
          <span id={hintId} className="field-hint">
            <kbd>{isMac ? '⌘' : 'Ctrl'}</kbd>+<kbd>Enter</kbd> adds it
          </span>
          {problem ? (
            <span id={problemId} className="field-error" role="alert">
              {problem}
            </span>
          ) : null}
          <BusyButton type="submit" busy={adding} className="button button-small">
            Add note
          </BusyButton>
        </div>
      </form>
    </div>
  );
}
