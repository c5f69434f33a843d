// Turns a job's raw output into masked lines: stored as it arrives (so other processes see progress)
// and handed to live subscribers in batches, within a per-attempt size cap. The lines go to one file
// per attempt (<logDir>/<attempt id>.log, written once); `log_chunks` rows index it by line number.
import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { TextDecoder } from 'node:util';
import type { Database, Statement } from 'better-sqlite3';
import type { LogLine, LogStream } from '../../../../shared/domain/run.ts';
import { ensurePrivateDir, tightenFd } from '../../kernel/private-files.ts';
import { MIN_MASKED_LENGTH, type Masker } from '../../kernel/masking/masker.ts';

/** The workflow command that asks for a value to be masked from then on (as in GitHub Actions). */
export const ADD_MASK = '::add-mask::';

export interface LogWriterOptions {
  db: Database; // better-sqlite3, migrated
  attemptId: number;
  /** Where the attempt's log file is created (0600), e.g. <dataDir>/run-logs. */
  logDir: string;
  masker: Masker;
  capBytes: number; // per attempt; default chosen by the caller (100 MB)
  now: () => number;
  /** Batched live lines for subscribers: called at most every flushMs and on close. When more than
   *  maxLinesPerBatch lines arrived since the last call, pass only the LAST maxLinesPerBatch and the
   *  number of earlier lines in `skipped` (they are in the store). */
  onLines: (lines: LogLine[], skipped: number) => void;
  flushMs?: number; // default 100
  maxLinesPerBatch?: number; // default 1000
}

export interface LogWriter {
  write(stream: 'stdout' | 'stderr', chunk: Buffer): void;
  /** A line from the cockpit itself (stream 'system'), e.g. "$ npm test" or "Retrying (attempt 2 of 3)". */
  system(text: string): void;
  /** How many lines were accepted so far: the number the next line will get. */
  lineCount(): number;
  /**
   * Flushes everything (including a final partial line) and stops timers. Throws the first error of
   * the database (output after it was discarded; write never throws) or of onLines.
   */
  close(): { lines: number; bytes: number; truncated: boolean };
}

/** Longer lines are split (in UTF-16 code units, the cost of holding them). */
export const MAX_LINE_LENGTH = 64 * 1024;
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

/** Lines that arrived together: `text` is the lines joined by "\n", already masked. */
interface Block {
  stream: LogStream;
  ts: number;
  firstLine: number;
  lineCount: number;
  text: string;
}

interface Row {
  stream: LogStream;
  ts: number;
  firstLine: number;
  lineCount: number;
  chars: number;
  pieces: string[];
}

interface StreamState {
  decoder: TextDecoder;
  /** The raw (unmasked) start of the line still being printed. */
  partial: string;
  /**
   * The raw end of the last line handed on (kept in memory only): a secret form split across lines
   * that were printed in separate writes is still masked where it continues.
   */
  tail: string;
  /**
   * The last complete line, held back (raw) until more output, the other stream, a cockpit line or
   * the next flush: a secret form that goes on in the next write is then masked on both lines.
   */
  held: { text: string; ts: number } | null;
}

/** Each database's statements, prepared once (a writer is made per attempt; preparing cost more than the rows). */
const preparedFor = new WeakMap<
  LogWriterOptions['db'],
  { insertRow: Statement; updateAttempt: Statement; setLogFile: Statement }
>();

function statementsFor(db: LogWriterOptions['db']) {
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

export function createLogWriter(options: LogWriterOptions): LogWriter {
  const { db, attemptId, masker, capBytes, now, onLines } = options;
  const flushMs = options.flushMs ?? 100;
  const maxLinesPerBatch = options.maxLinesPerBatch ?? 1000;
  /** A split line must keep this much back: the masker's patterns can grow (`::add-mask::`). */
  const keepBack = () => Math.max(0, masker.longest - 1);

  const { insertRow, updateAttempt, setLogFile } = statementsFor(db);
  const logFile = resolve(options.logDir, `${attemptId}.log`); // absolute: other processes read it
  let fd: number | null = null;
  let fileSize = 0;
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

  const streams: Record<'stdout' | 'stderr', StreamState> = {
    stdout: { decoder: new TextDecoder('utf-8'), partial: '', tail: '', held: null },
    stderr: { decoder: new TextDecoder('utf-8'), partial: '', tail: '', held: null },
  };
  let nextLine = 0; // lines accepted (stored or waiting to be)
  let bytes = 0; // their UTF-8 size, each counted with a line break
  let storedLines = 0; // lines in committed rows, for attempts.log_lines
  let storedBytes = 0;
  let truncated = false;
  let closed = false;
  let failure: { error: unknown } | null = null; // storage failed: output is discarded from then on
  let listenerFailure: { error: unknown } | null = null;

  let row: Row | null = null;
  let ready: Row[] = [];
  let readyChars = 0;

  // Live lines since the last onLines: only the blocks holding the last maxLinesPerBatch are kept.
  let recent: Block[] = [];
  let recentLines = 0;
  let sinceEmit = 0;
  let timer: NodeJS.Timeout | null = null;
  let drain: NodeJS.Immediate | null = null;

  function write(stream: 'stdout' | 'stderr', chunk: Buffer): void {
    if (closed || truncated || failure !== null) return; // discard cheaply; the caller keeps draining
    const state = streams[stream];
    const text = state.decoder.decode(chunk, { stream: true });
    if (text.length === 0) return;
    const ts = now();
    const end = text.lastIndexOf('\n');
    if (end === -1) {
      state.partial += text;
    } else {
      let complete = state.partial.length > 0 ? state.partial + text.slice(0, end) : text.slice(0, end);
      state.partial = text.slice(end + 1);
      if (complete.includes('\r')) {
        complete = complete.replaceAll('\r\n', '\n');
        if (complete.endsWith('\r')) complete = complete.slice(0, -1); // it stood before the last "\n"
      }
      emit(stream, ts, complete, true);
    }
    splitLongPartial(stream, state, ts);
    schedule();
  }

  function system(text: string): void {
    if (closed || failure !== null) return;
    // Kept after truncation too: "Timed out", "Failed with exit code 1" belong at the end of the log.
    release('stdout');
    release('stderr');
    acceptUncapped('system', now(), masker.mask(text.replaceAll('\r\n', '\n')));
    schedule();
  }

  function close(): { lines: number; bytes: number; truncated: boolean } {
    if (!closed) {
      for (const name of ['stdout', 'stderr'] as const) {
        const state = streams[name];
        if (truncated || failure !== null) break;
        state.partial += state.decoder.decode();
        if (state.partial.length > 0) {
          splitLongPartial(name, state, now());
          // The output ended without a line end: a secret it began to print must not show in part.
          const unfinished = masker.maskUnfinished?.(state.partial) ?? state.partial;
          if (state.partial.length > 0) emit(name, now(), unfinished, false);
          state.partial = '';
        }
        release(name);
      }
      closed = true;
      if (timer !== null) clearTimeout(timer);
      if (drain !== null) clearImmediate(drain);
      timer = null;
      drain = null;
      tick();
      if (fd !== null) {
        try {
          closeSync(fd);
        } catch (error) {
          failure ??= { error };
        }
        fd = null;
      }
    }
    const thrown = failure ?? listenerFailure;
    if (thrown !== null) throw thrown.error;
    return { lines: nextLine, bytes, truncated };
  }

  /**
   * Hands on whole lines of a job's output, masked: `::add-mask::VALUE` lines (GitHub Actions'
   * workflow command) first add VALUE to the masker — for every job of the run, from now on — and are
   * stored as `::add-mask::***`; then every secret form is masked, also one that began at the end of
   * the previous output. With `hold`, the last line waits for what follows (see StreamState.held).
   */
  function emit(stream: 'stdout' | 'stderr', ts: number, raw: string, hold: boolean) {
    const state = streams[stream];
    release(stream === 'stdout' ? 'stderr' : 'stdout'); // output keeps the order it arrived in
    let text = raw;
    let at = ts;
    if (state.held !== null) {
      text = `${state.held.text}\n${raw}`;
      at = state.held.ts;
      state.held = null;
    }
    if (text.includes(ADD_MASK)) text = addMasks(text);
    const masked = masker.mask(text, state.tail);
    const cut = hold ? text.lastIndexOf('\n') : text.length;
    if (cut === -1) {
      state.held = { text, ts: at };
      return;
    }
    if (hold) state.held = { text: text.slice(cut + 1), ts };
    const head = text.slice(0, cut);
    const lastLine = head.slice(head.lastIndexOf('\n') + 1);
    const keep = keepBack();
    state.tail = lastLine.length > keep ? lastLine.slice(lastLine.length - keep) : lastLine;
    accept(stream, at, hold ? masked.slice(0, masked.lastIndexOf('\n')) : masked);
  }

  /** Hands on the stream's held line, if any (dropped once the log is truncated). */
  function release(stream: 'stdout' | 'stderr') {
    const state = streams[stream];
    if (state.held === null) return;
    const held = state.held;
    state.held = null;
    if (!truncated && failure === null) emit(stream, held.ts, held.text, false);
  }

  function addMasks(text: string): string {
    return text
      .split('\n')
      .map((line) => {
        const at = line.indexOf(ADD_MASK);
        if (at === -1 || line.slice(0, at).trim() !== '') return line;
        const value = line.slice(at + ADD_MASK.length).trim();
        if (value === '' || value === '***') return line; // '***': a held line seen again
        if (!(masker.add?.(value) ?? false)) {
          acceptUncapped(
            'system',
            now(),
            `[cockpit] ::add-mask:: cannot mask a value shorter than ${MIN_MASKED_LENGTH} characters; it is shown wherever it is printed.`,
          );
        }
        return `${line.slice(0, at)}${ADD_MASK}***`;
      })
      .join('\n');
  }

  /** A line without an end longer than the limit: emit its head, keep a tail that may hold a secret's start. */
  function splitLongPartial(stream: 'stdout' | 'stderr', state: StreamState, ts: number) {
    while (state.partial.length > MAX_LINE_LENGTH && !truncated) {
      let cut = Math.min(MAX_LINE_LENGTH, state.partial.length - keepBack());
      cut = masker.safeCut?.(state.partial, cut) ?? cut;
      if (isHighSurrogate(state.partial.charCodeAt(cut - 1))) cut--;
      if (cut <= 0) return; // a secret longer than the limit: let the line grow until it ends
      emit(stream, ts, state.partial.slice(0, cut), false);
      state.partial = state.partial.slice(cut);
    }
  }

  /** Adds masked whole lines (joined by "\n") within the cap. */
  function accept(stream: 'stdout' | 'stderr', ts: number, text: string) {
    const measured = measure(text);
    let lines = measured.lines;
    if (measured.longest > MAX_LINE_LENGTH) {
      text = splitLongLines(text);
      lines = measure(text).lines;
    }
    const size = Buffer.byteLength(text, 'utf8') + 1;
    if (bytes + size <= capBytes) {
      add(stream, ts, text, lines, size);
      return;
    }
    // The cap falls inside this block: keep the lines that fit, then say why the rest is missing.
    let start = 0;
    let kept = 0;
    let keptBytes = 0;
    while (start <= text.length) {
      const next = text.indexOf('\n', start);
      const lineEnd = next === -1 ? text.length : next;
      const lineBytes = Buffer.byteLength(text.slice(start, lineEnd), 'utf8') + 1;
      if (bytes + keptBytes + lineBytes > capBytes) break;
      keptBytes += lineBytes;
      kept++;
      start = lineEnd + 1;
    }
    if (kept > 0) add(stream, ts, text.slice(0, start - 1), kept, keptBytes);
    truncated = true;
    streams.stdout.partial = '';
    streams.stderr.partial = '';
    acceptUncapped(
      'system',
      ts,
      `[cockpit] Log truncated: this job printed more than ${formatSize(capBytes)}; the rest was discarded. The job keeps running.`,
    );
  }

  function acceptUncapped(stream: LogStream, ts: number, text: string) {
    if (measure(text).longest > MAX_LINE_LENGTH) text = splitLongLines(text);
    add(stream, ts, text, measure(text).lines, Buffer.byteLength(text, 'utf8') + 1);
  }

  function add(stream: LogStream, ts: number, text: string, lines: number, size: number) {
    const firstLine = nextLine;
    nextLine += lines;
    bytes += size;
    addToRows(stream, ts, firstLine, lines, text);

    recent.push({ stream, ts, firstLine, lineCount: lines, text });
    recentLines += lines;
    sinceEmit += lines;
    while (recent.length > 1 && recentLines - recent[0]!.lineCount >= maxLinesPerBatch) {
      recentLines -= recent.shift()!.lineCount;
    }
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

  function schedule() {
    if (timer !== null || closed) return;
    timer = setTimeout(() => {
      timer = null;
      tick();
    }, flushMs);
    timer.unref();
  }

  function tick() {
    release('stdout');
    release('stderr');
    store(true);
    if (sinceEmit === 0) return;
    const lines = lastLines(recent, Math.min(sinceEmit, maxLinesPerBatch));
    const skipped = sinceEmit - lines.length;
    recent = [];
    recentLines = 0;
    sinceEmit = 0;
    try {
      onLines(lines, skipped);
    } catch (error) {
      listenerFailure ??= { error }; // never thrown from a timer: that would take the engine down
    }
  }

  /** Lines handed on so far, counting a held line as the number it will get. */
  const lineCount = () =>
    nextLine + (streams.stdout.held === null ? 0 : 1) + (streams.stderr.held === null ? 0 : 1);

  return { write, system, close, lineCount };
}

/** Number of lines in `text` (lines joined by "\n") and the length of the longest. */
function measure(text: string): { lines: number; longest: number } {
  let lines = 1;
  let longest = 0;
  let start = 0;
  for (let next = text.indexOf('\n'); next !== -1; next = text.indexOf('\n', start)) {
    if (next - start > longest) longest = next - start;
    lines++;
    start = next + 1;
  }
  return { lines, longest: Math.max(longest, text.length - start) };
}

/** Whole lines are already masked, so splitting them anywhere is safe. */
function splitLongLines(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      if (line.length <= MAX_LINE_LENGTH) return line;
      const parts: string[] = [];
      for (let start = 0; start < line.length;) {
        let end = Math.min(start + MAX_LINE_LENGTH, line.length);
        if (end < line.length && isHighSurrogate(line.charCodeAt(end - 1))) end--;
        parts.push(line.slice(start, end));
        start = end;
      }
      return parts.join('\n');
    })
    .join('\n');
}

/** The last `count` lines of the blocks, oldest first. */
function lastLines(blocks: Block[], count: number): LogLine[] {
  const lines: LogLine[] = [];
  for (let b = blocks.length - 1; b >= 0 && lines.length < count; b--) {
    const block = blocks[b]!;
    let end = block.text.length;
    for (let n = block.firstLine + block.lineCount - 1; n >= block.firstLine && lines.length < count; n--) {
      const start = n === block.firstLine ? 0 : block.text.lastIndexOf('\n', end - 1) + 1;
      lines.push({ n, ts: block.ts, stream: block.stream, text: block.text.slice(start, end) });
      end = start - 1;
    }
  }
  return lines.reverse();
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** "100 MB", "1.5 MB", "512 KB", "900 bytes" (binary units, as the cap is usually given). */
export function formatSize(size: number): string {
  const units: [number, string][] = [
    [1024 ** 3, 'GB'],
    [1024 ** 2, 'MB'],
    [1024, 'KB'],
  ];
  for (const [unit, name] of units) {
    if (size >= unit) return `${Number((size / unit).toFixed(1))} ${name}`;
  }
  return `${size} bytes`;
}
