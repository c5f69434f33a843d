// Notes on deployments and incidents: who wrote what and when — the shared record of what happened.
import type { Database } from 'better-sqlite3';
import type { Note } from '../../../shared/domain/insights.ts';
import { CockpitError } from '../../../shared/errors.ts';
import { currentActor } from '../kernel/actor.ts';
import type { Clock } from '../kernel/clock.ts';
import type { EventBus } from '../kernel/events.ts';

interface NoteRow {
  id: number;
  subject: Note['subject'];
  subject_id: number;
  author: string;
  text: string;
  at: number;
}

export type NotesService = ReturnType<typeof createNotesService>;

export function createNotesService(db: Database, clock: Clock, events: EventBus) {
  const insert = db.prepare<[string, number, string, string, number]>(
    'INSERT INTO notes (subject, subject_id, author, text, at) VALUES (?, ?, ?, ?, ?)',
  );
  const byId = db.prepare<[number], NoteRow>('SELECT * FROM notes WHERE id = ?');
  const forSubject = db.prepare<[string, number], NoteRow>(
    'SELECT * FROM notes WHERE subject = ? AND subject_id = ? ORDER BY id',
  );
  const subjectExists = {
    deployment: db.prepare<[number], { projectId: number }>(
      'SELECT project_id AS projectId FROM deployments WHERE id = ?',
    ),
    incident: db.prepare<[number], { projectId: number; environmentId: number }>(
      'SELECT e.project_id AS projectId, e.id AS environmentId FROM incidents i JOIN environments e ON e.id = i.environment_id WHERE i.id = ?',
    ),
  };
  const toNote = (row: NoteRow): Note => ({
    id: row.id,
    subject: row.subject,
    subjectId: row.subject_id,
    author: row.author,
    text: row.text,
    at: row.at,
  });

  function owner(subject: Note['subject'], subjectId: number): { projectId: number; environmentId?: number } {
    const found = subjectExists[subject].get(subjectId);
    if (!found)
      throw new CockpitError('NOT_FOUND', `There is no ${subject} #${subjectId}.`, { subject, subjectId });
    return found;
  }

  return {
    list(subject: Note['subject'], subjectId: number): Note[] {
      owner(subject, subjectId);
      return forSubject.all(subject, subjectId).map(toNote);
    },
    add(subject: Note['subject'], subjectId: number, text: string): Note {
      const { projectId, environmentId } = owner(subject, subjectId);
      const { lastInsertRowid } = insert.run(subject, subjectId, currentActor(), text, clock.now());
      if (subject === 'deployment') events.emit('releases.changed', { projectId, deploymentId: subjectId });
      else events.emit('environments.changed', { projectId, environmentId: environmentId ?? null });
      return toNote(byId.get(Number(lastInsertRowid))!);
    },
  };
}
