// Reads stored job logs: pages by line number, and the first line that looks like an error (searches
// run in a worker: log-search.ts) — each touching only the `log_chunks` rows it needs, via (attempt_id, first_line),
// and only their bytes of the attempt's log file.
import { closeSync, openSync, readSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { CockpitError } from '../../../../shared/errors.ts';
import type { LogLine, LogStream } from '../../../../shared/domain/run.ts';
import { preparedOnce } from '../../kernel/store/prepared-once.ts';

interface ChunkRow {
  first_line: number;
  line_count: number;
  stream: LogStream;
  ts: number;
  byte_offset: number;
  byte_length: number;
}

/**
 * A line is an error line when it matches one of these (ANSI colour codes removed first). Chosen to
 * catch what compilers, test runners and package managers print, at the price of the odd false hit
 * ("0 errors" does not match: "errors" is not the word "error").
 */
export const ERROR_PATTERNS = [
  /\b(error|failed|failure|fatal|exception|panic)\b/i,
  /\b[A-Z]\w*Error\b/, // AssertionError, TypeError, ModuleNotFoundError…
  /^\s*[✖✗×]\s/, // node --test, mocha and friends mark failing tests with a cross
  /^not ok\b/, // TAP
  /^npm ERR!/,
  /^\s*FAIL\b/, // jest, vitest
];

const statementsFor = preparedOnce((db: Database) => {
  const columns = 'first_line, line_count, stream, ts, byte_offset, byte_length';
  return {
    containing: db.prepare<[number, number], ChunkRow>(
      `SELECT ${columns} FROM log_chunks WHERE attempt_id = ? AND first_line <= ? ORDER BY first_line DESC LIMIT 1`,
    ),
    following: db.prepare<[number, number, number], ChunkRow>(
      `SELECT ${columns} FROM log_chunks WHERE attempt_id = ? AND first_line > ? ORDER BY first_line LIMIT ?`,
    ),
    forward: db.prepare<[number, number], ChunkRow>(
      `SELECT ${columns} FROM log_chunks WHERE attempt_id = ? AND first_line >= ? ORDER BY first_line`,
    ),
    backward: db.prepare<[number, number], ChunkRow>(
      `SELECT ${columns} FROM log_chunks WHERE attempt_id = ? AND first_line <= ? ORDER BY first_line DESC`,
    ),
    file: db.prepare<[number], string | null>('SELECT log_file FROM attempts WHERE id = ?').pluck(),
    total: db
      .prepare<[number], number>(
        'SELECT first_line + line_count FROM log_chunks WHERE attempt_id = ? ORDER BY first_line DESC LIMIT 1',
      )
      .pluck(),
  };
});

/** The attempt's log file, opened on first use: `text(row)` is the row's lines joined by "\n". */
class LogFile {
  private fd: number | null = null;
  private buffer = Buffer.allocUnsafe(0);
  private readonly path: string | null | undefined;

  constructor(path: string | null | undefined) {
    this.path = path;
  }

  text(row: ChunkRow): string {
    if (this.path === null || this.path === undefined) return '';
    if (this.fd === null) {
      try {
        this.fd = openSync(this.path, 'r');
      } catch (error) {
        throw new CockpitError(
          'NOT_FOUND',
          `The log file ${this.path} cannot be read: ${(error as Error).message}`,
          {
            path: this.path,
          },
        );
      }
    }
    if (this.buffer.length < row.byte_length) this.buffer = Buffer.allocUnsafe(row.byte_length);
    let read = 0;
    while (read < row.byte_length) {
      const n = readSync(this.fd, this.buffer, read, row.byte_length - read, row.byte_offset + read);
      if (n === 0) break; // the file was cut short: show what is there
      read += n;
    }
    return this.buffer.toString('utf8', 0, read);
  }

  close() {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

function withLogFile<T>(db: Database, attemptId: number, run: (file: LogFile) => T): T {
  const file = new LogFile(statementsFor(db).file.get(attemptId));
  try {
    return run(file);
  } finally {
    file.close();
  }
}

/** Lines [fromLine, fromLine + count) that exist, and how many lines the log has. */
export function readLogPage(
  db: Database,
  attemptId: number,
  fromLine: number,
  count: number,
): { lines: LogLine[]; totalLines: number } {
  const sql = statementsFor(db);
  const totalLines = sql.total.get(attemptId) ?? 0;
  const from = Math.max(0, Math.floor(fromLine));
  const end = Math.min(totalLines, from + Math.max(0, Math.floor(count)));
  const lines: LogLine[] = [];
  if (from >= end) return { lines, totalLines };

  const first = sql.containing.get(attemptId, from);
  if (first === undefined) return { lines, totalLines };
  withLogFile(db, attemptId, (file) => {
    addLines(lines, file, first, from, end);
    // Chunks hold up to ~2,000 lines; ask for enough of them, then stop early if rows are short.
    let last = first.first_line;
    while (lines.length < end - from) {
      const rows = sql.following.all(attemptId, last, 64);
      if (rows.length === 0) break;
      for (const row of rows) {
        if (row.first_line >= end) break;
        addLines(lines, file, row, from, end);
        last = row.first_line;
      }
      if (rows[rows.length - 1]!.first_line >= end) break;
    }
  });
  return { lines, totalLines };
}

function addLines(into: LogLine[], file: LogFile, row: ChunkRow, from: number, end: number) {
  const texts = file.text(row).split('\n');
  const start = Math.max(from, row.first_line);
  const stop = Math.min(end, row.first_line + row.line_count);
  for (let n = start; n < stop; n++) {
    into.push({ n, ts: row.ts, stream: row.stream, text: texts[n - row.first_line] ?? '' });
  }
}

/**
 * The first line that looks like an error: the first stdout/stderr line matching ERROR_PATTERNS;
 * when none does, the first stderr line (many tools print only their failure there); else null.
 * The cockpit's own system lines are never the answer.
 */
export function findFirstError(db: Database, attemptId: number): number | null {
  let firstStderr: number | null = null;
  // Each pattern stays within a line, so with "m" a chunk without a match is skipped whole.
  const anyLine = ERROR_PATTERNS.map((p) => new RegExp(p.source, `${p.flags}m`));
  return withLogFile(db, attemptId, (file) => {
    for (const row of statementsFor(db).forward.iterate(attemptId, 0)) {
      if (row.stream === 'system') continue;
      if (row.stream === 'stderr') firstStderr ??= row.first_line;
      const text = stripAnsi(file.text(row));
      if (!anyLine.some((p) => p.test(text))) continue;
      const texts = text.split('\n');
      for (let i = 0; i < texts.length; i++) {
        if (ERROR_PATTERNS.some((p) => p.test(texts[i]!))) return row.first_line + i;
      }
    }
    return firstStderr;
  });
}

// CSI sequences (colours, cursor moves) and OSC sequences (titles, hyperlinks); ESC is the point.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)/g;

function stripAnsi(text: string): string {
  return text.includes('\x1b') ? text.replace(ANSI, '') : text;
}
