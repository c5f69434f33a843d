// Stores a job attempt's masked lines: one file per attempt (<logDir>/<attempt id>.log, written once)
// and `log_chunks` rows that index it by line number. Lines are gathered into rows and written between
// reads, a slice per event-loop turn, so the job is never stalled on its pipe.
import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Database, Statement } from 'better-sqlite3';
import type { LogStream } from '../../../../shared/domain/run.ts';
import { ensurePrivateDir, tightenFd } from '../../kernel/private-files.ts';
import { MAX_LINE_LENGTH } from './log-lines.ts';

/** A stored row holds at most about this many characters or lines. */
const ROW_MAX_CHARS = 256 * 1024;
const ROW_MAX_LINES = 2000;
/**
 * Finished rows are written between reads, one transaction of about this size per event-loop turn,
 * so the job can keep printing into the pipe meanwhile (a pipe holds only 64 KiB: a long synchronous
 * write stalls the job).
 */
const SLICE_CHARS = 1024 * 1024;
/** When this much waits anyway (the job prints faster than SQLite stores), write it all at once. */
const HIGH_WATER_CHARS = 16 * 1024 * 1024;

interface Row {
  stream: LogStream;
  ts: number;
  firstLine: number;
  lineCount: number;
  chars: number;
  pieces: string[];
}

export interface LogStoreOptions {
  db: Database; // better-sqlite3, migrated
  attemptId: number;
  /** Where the attempt's log file is created (0600). */
  logDir: string;
}

/** Each database's statements, prepared once (a writer is made per attempt; preparing cost more than the rows). */
const preparedFor = new WeakMap<
  Database,
  { insertRow: Statement; updateAttempt: Statement; setLogFile: Statement }
>();

function statementsFor(db: Database) {
  let prepared = preparedFor.get(db);
  if (!prepared) {
    prepared = {
      insertRow: db.prepare(
        'INSERT INTO log_chunks (attempt_id, first_line, line_count, stream, ts, byte_offset, byte_length) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      updateAttempt: db.prepare(
        'UPDATE attempts SET log_lines = ?, log_bytes = ?, log_truncated = ? WHERE id = ?',
      ),
      setLogFile: db.prepare('UPDATE attempts SET log_file = ? WHERE id = ?'),
    };
    preparedFor.set(db, prepared);
  }
  return prepared;
}

export type LogStore = ReturnType<typeof createLogStore>;

export function createLogStore(options: LogStoreOptions) {
  const { db, attemptId } = options;
  const { insertRow, updateAttempt, setLogFile } = statementsFor(db);
  const logFile = resolve(options.logDir, `${attemptId}.log`); // absolute: other processes read it
  let fd: number | null = null;
  let fileSize = 0;
  let storedLines = 0; // lines in committed rows, for attempts.log_lines
  let storedBytes = 0;
  let truncated = false;
  let closed = false;
  let failure: { error: unknown } | null = null; // storage failed: output is discarded from then on

  let row: Row | null = null;
  let ready: Row[] = [];
  let readyChars = 0;
  let drain: NodeJS.Immediate | null = null;

  // Rows are encoded into one reused buffer, each followed by "\n" (the file reads as the log).
  let scratch = Buffer.allocUnsafe(3 * (ROW_MAX_CHARS + MAX_LINE_LENGTH) + 1);
  const encode = (r: Row): Buffer => {
    if (3 * r.chars + 1 > scratch.length) scratch = Buffer.allocUnsafe(3 * r.chars + 1); // a UTF-16 unit is ≤ 3 bytes
    let offset = 0;
    for (let i = 0; i < r.pieces.length; i++) {
      if (i > 0) scratch[offset++] = 0x0a;
      offset += scratch.write(r.pieces[i]!, offset, 'utf8');
    }
    scratch[offset++] = 0x0a;
    return scratch.subarray(0, offset);
  };
  const openFile = () => {
    ensurePrivateDir(options.logDir);
    const opened = openSync(logFile, 'w', 0o600);
    tightenFd(opened);
    setLogFile.run(logFile, attemptId);
    return opened;
  };
  // The bytes reach the file before the rows that point at them are committed: readers never see a
  // row whose lines are missing (after a failure the file may hold bytes no row points at).
  const commit = db.transaction((rows: Row[]) => {
    fd ??= openFile();
    let lines = storedLines;
    let size = storedBytes;
    for (const r of rows) {
      const data = encode(r);
      for (let written = 0; written < data.length;) {
        written += writeSync(fd, data, written, data.length - written, fileSize + written);
      }
      insertRow.run(attemptId, r.firstLine, r.lineCount, r.stream, r.ts, fileSize, data.length - 1);
      fileSize += data.length;
      lines += r.lineCount;
      size += data.length; // each line counted with its break (the row is followed by one)
    }
    updateAttempt.run(lines, size, truncated ? 1 : 0, attemptId);
    return { lines, size };
  });

  /** Adds accepted lines (joined by "\n"): written soon, or at once when too much waits. */
  function add(stream: LogStream, ts: number, firstLine: number, lines: number, text: string) {
    addToRows(stream, ts, firstLine, lines, text);
    if (readyChars >= HIGH_WATER_CHARS) store(false);
    else if (ready.length > 0) drain ??= setImmediate(drainSlice);
  }

  function drainSlice() {
    drain = null;
    if (closed) return;
    store(false, SLICE_CHARS);
    if (ready.length > 0) drain = setImmediate(drainSlice);
  }

  function addToRows(stream: LogStream, ts: number, firstLine: number, lines: number, text: string) {
    let line = firstLine;
    let remaining = lines;
    let start = 0;
    while (remaining > 0) {
      if (
        row !== null &&
        (row.stream !== stream || row.lineCount >= ROW_MAX_LINES || row.chars >= ROW_MAX_CHARS)
      ) {
        finishRow();
      }
      row ??= { stream, ts, firstLine: line, lineCount: 0, chars: 0, pieces: [] };
      const roomLines = ROW_MAX_LINES - row.lineCount;
      const roomChars = ROW_MAX_CHARS - row.chars;
      let take: number;
      let end: number;
      if (remaining <= roomLines && text.length - start <= roomChars) {
        take = remaining;
        end = text.length;
      } else {
        // Up to the line that fills the row (always at least one line).
        take = 0;
        end = start - 1;
        do {
          const next = text.indexOf('\n', end + 1);
          end = next === -1 ? text.length : next;
          take++;
        } while (take < roomLines && take < remaining && end - start < roomChars);
      }
      const piece = start === 0 && end === text.length ? text : text.slice(start, end);
      row.pieces.push(piece);
      row.lineCount += take;
      row.chars += piece.length + 1;
      line += take;
      remaining -= take;
      start = end + 1;
    }
  }

  function finishRow() {
    if (row === null) return;
    ready.push(row);
    readyChars += row.chars;
    row = null;
  }

  /** Writes finished rows (up to about `limit` characters; with `all` also the open one) in one transaction. */
  function store(all: boolean, limit = Infinity) {
    if (all) finishRow();
    if (ready.length === 0 && !all) return;
    let count = 0;
    for (let chars = 0; count < ready.length && chars < limit; count++) chars += ready[count]!.chars;
    const rows = count === ready.length ? ready : ready.slice(0, count);
    ready = count === ready.length ? [] : ready.slice(count);
    for (const r of rows) readyChars -= r.chars;
    if (failure !== null) return;
    try {
      ({ lines: storedLines, size: storedBytes } = commit.immediate(rows));
    } catch (error) {
      failure = { error };
    }
  }

  return {
    add,
    /** Writes everything accepted so far, the open row too. */
    flush: () => store(true),
    /** From now on the attempt is recorded as truncated. */
    markTruncated() {
      truncated = true;
    },
    /** The first error of storing, if any (output after it is discarded). */
    failure: () => failure,
    /** Stops the background writing and closes the file (flush first). */
    close() {
      closed = true;
      if (drain !== null) clearImmediate(drain);
      drain = null;
      if (fd !== null) {
        try {
          closeSync(fd);
        } catch (error) {
          failure ??= { error };
        }
        fd = null;
      }
    },
  };
}
