// The notes feature's public entry: what other features, the composition root (engine.ts,
// handlers.ts) and the hosts may use. Everything else in this folder is private to it.
export { createNotesService, type NotesService } from './notes-service.ts';
