// Notices writes made by other processes on the same database (the CLI running a pipeline while
// the app is open) through SQLite's data_version, and tells clients to refetch.
import type { Database } from 'better-sqlite3';
import type { EventBus } from './events.ts';
import type { Logger } from './diagnostics/logger.ts';

export function watchExternalChanges(db: Database, events: EventBus, logger: Logger, intervalMs = 500) {
  let last = db.pragma('data_version', { simple: true }) as number;
  const timer = setInterval(() => {
    try {
      const current = db.pragma('data_version', { simple: true }) as number;
      if (current === last) return;
      last = current;
      events.emit('runs.changed', { projectId: null, runId: null });
      events.emit('projects.changed', { reason: 'updated', ids: [] });
    } catch (error) {
      logger.warn('could not check the database for outside changes', { error });
    }
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
