// Test helpers for the log tests: a real migrated database in a temp dir with one attempt to log to,
// and a writer whose live batches are recorded.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { LogLine } from '../../shared/domain/run.ts';
import { tempDir } from './fixtures.ts';
import { openDatabase } from '../engine/kernel/store/database.ts';
import {
  createLogWriter,
  type LogWriter,
  type LogWriterOptions,
} from '../engine/pipelines/run-logs/log-writer.ts';
import { createMasker } from '../engine/kernel/masking/masker.ts';

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
    logDir: logDirOf(db),
    capBytes: 100 * 1024 * 1024,
    now: () => 1_700_000_000_000,
    onLines: (lines, skipped) => batches.push({ lines, skipped }),
    ...options,
  });
  return Object.assign(writer, { batches });
}

/** Where test writers keep their log files: beside the database. */
export function logDirOf(db: Database): string {
  return join(dirname(db.name), 'run-logs');
}

/** The stored rows of an attempt, oldest first, each with its bytes of the log file. */
export function storedRows(db: Database, attemptId: number) {
  const file = db
    .prepare<[number], string | null>('SELECT log_file FROM attempts WHERE id = ?')
    .pluck()
    .get(attemptId);
  const bytes = file === null || file === undefined ? Buffer.alloc(0) : readFileSync(file);
  return db
    .prepare<
      [number],
      { first_line: number; line_count: number; stream: string; byte_offset: number; byte_length: number }
    >(
      'SELECT first_line, line_count, stream, byte_offset, byte_length FROM log_chunks WHERE attempt_id = ? ORDER BY first_line',
    )
    .all(attemptId)
    .map((row) => ({ ...row, data: bytes.subarray(row.byte_offset, row.byte_offset + row.byte_length) }));
}

export function storedText(db: Database, attemptId: number): string[] {
  return storedRows(db, attemptId).flatMap((row) => row.data.toString('utf8').split('\n'));
}

export function attemptRow(db: Database, attemptId: number) {
  return db
    .prepare<[number], { log_lines: number; log_bytes: number; log_truncated: number }>(
      'SELECT log_lines, log_bytes, log_truncated FROM attempts WHERE id = ?',
    )
    .get(attemptId)!;
}
