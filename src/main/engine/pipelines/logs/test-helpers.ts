// Test helpers for the log tests: a real migrated database in a temp dir with one attempt to log to,
// and a writer whose live batches are recorded.
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { LogLine } from '../../../../shared/domain/run.ts';
import { tempDir } from '../../../testing/fixtures.ts';
import { openDatabase } from '../../store/database.ts';
import { createLogWriter, type LogWriter, type LogWriterOptions } from './log-writer.ts';
import { createMasker } from './masker.ts';

export function attemptDatabase(): { db: Database; attemptId: number } {
  const db = openDatabase(join(tempDir(), 'cockpit.db'));
  const projectId = db
    .prepare(
      "INSERT INTO projects (name, path, added_at, config_status, checked_at) VALUES ('p', '/srv/p', 1, 'ok', 1)",
    )
    .run().lastInsertRowid;
  const runId = db
    .prepare(
      "INSERT INTO runs (project_id, pipeline, status, trigger, actor, queued_at, definition) VALUES (?, 'ci', 'running', 'manual', 'me', 1, '{}')",
    )
    .run(projectId).lastInsertRowid;
  const jobId = db
    .prepare("INSERT INTO jobs (run_id, name, position, status) VALUES (?, 'test', 0, 'running')")
    .run(runId).lastInsertRowid;
  const attemptId = db
    .prepare("INSERT INTO attempts (job_id, number, status, started_at) VALUES (?, 1, 'running', 1)")
    .run(jobId).lastInsertRowid;
  return { db, attemptId: Number(attemptId) };
}

export interface RecordingWriter extends LogWriter {
  batches: { lines: LogLine[]; skipped: number }[];
}

export function recordingWriter(
  db: Database,
  attemptId: number,
  options: Partial<LogWriterOptions> & { secrets?: string[] } = {},
): RecordingWriter {
  const batches: RecordingWriter['batches'] = [];
  const writer = createLogWriter({
    db,
    attemptId,
    masker: createMasker(options.secrets ?? []),
    capBytes: 100 * 1024 * 1024,
    now: () => 1_700_000_000_000,
    onLines: (lines, skipped) => batches.push({ lines, skipped }),
    ...options,
  });
  return Object.assign(writer, { batches });
}

export function storedText(db: Database, attemptId: number): string[] {
  const rows = db
    .prepare<[number], { data: Buffer }>(
      'SELECT data FROM log_chunks WHERE attempt_id = ? ORDER BY first_line',
    )
    .all(attemptId);
  return rows.flatMap((row) => row.data.toString('utf8').split('\n'));
}

export function attemptRow(db: Database, attemptId: number) {
  return db
    .prepare<[number], { log_lines: number; log_bytes: number; log_truncated: number }>(
      'SELECT log_lines, log_bytes, log_truncated FROM attempts WHERE id = ?',
    )
    .get(attemptId)!;
}
