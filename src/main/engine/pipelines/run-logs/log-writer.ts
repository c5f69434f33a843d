// Turns a job's raw output into masked lines: stored as it arrives (so other processes see progress;
// log-store.ts writes the attempt's file and its index) and handed to live subscribers in batches,
// within a per-attempt size cap.
import { TextDecoder } from 'node:util';
import type { Database } from 'better-sqlite3';
import type { LogLine, LogStream } from '../../../../shared/domain/run.ts';
import { MIN_MASKED_LENGTH, type Masker } from '../../kernel/masking/masker.ts';
import {
  formatSize,
  isHighSurrogate,
  lastLines,
  MAX_LINE_LENGTH,
  measure,
  splitLongLines,
  type Block,
} from './log-lines.ts';
import { createLogStore } from './log-store.ts';

export { formatSize, MAX_LINE_LENGTH } from './log-lines.ts';

/** The workflow command that asks for a value to be masked from then on (as in GitHub Actions). */
export const ADD_MASK = '::add-mask::';

/**
 * How long a held line that ends like the start of a secret form waits for the rest on the next
 * line (a value printed in two halves) before it is handed on with that end masked. Shorter waits
 * leak the first half whenever the job (or a loaded machine) pauses between the two writes.
 */
export const SECRET_START_WAIT_MS = 2000;

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
   * the next flush: a secret form that goes on in the next write is then masked on both lines. A
   * line that ends like the start of a secret form outlasts flushes for SECRET_START_WAIT_MS, and
   * is handed on without its continuation only with that end masked.
   */
  held: { text: string; ts: number } | null;
}

export function createLogWriter(options: LogWriterOptions): LogWriter {
  const { masker, capBytes, now, onLines } = options;
  const store = createLogStore(options);
  const flushMs = options.flushMs ?? 100;
  const maxLinesPerBatch = options.maxLinesPerBatch ?? 1000;
  /** A split line must keep this much back: the masker's patterns can grow (`::add-mask::`). */
  const keepBack = () => Math.max(0, masker.longest - 1);

  const streams: Record<'stdout' | 'stderr', StreamState> = {
    stdout: { decoder: new TextDecoder('utf-8'), partial: '', tail: '', held: null },
    stderr: { decoder: new TextDecoder('utf-8'), partial: '', tail: '', held: null },
  };
  let nextLine = 0; // lines accepted (stored or waiting to be)
  let bytes = 0; // their UTF-8 size, each counted with a line break
  let truncated = false;
  let closed = false;
  let listenerFailure: { error: unknown } | null = null;

  // Live lines since the last onLines: only the blocks holding the last maxLinesPerBatch are kept.
  let recent: Block[] = [];
  let recentLines = 0;
  let sinceEmit = 0;
  let timer: NodeJS.Timeout | null = null;

  function write(stream: 'stdout' | 'stderr', chunk: Buffer): void {
    if (closed || truncated || store.failure() !== null) return; // discard cheaply; the caller keeps draining
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
    if (closed || store.failure() !== null) return;
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
        if (truncated || store.failure() !== null) break;
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
      timer = null;
      tick();
      store.close();
    }
    const thrown = store.failure() ?? listenerFailure;
    if (thrown !== null) throw thrown.error;
    return { lines: nextLine, bytes, truncated };
  }

  /**
   * Hands on whole lines of a job's output, masked: `::add-mask::VALUE` lines (GitHub Actions'
   * workflow command) first add VALUE to the masker — for every job of the run, from now on — and are
   * stored as `::add-mask::***`; then every secret form is masked, also one that began at the end of
   * the previous output. With `hold`, the last line waits for what follows (see StreamState.held).
   */
  function emit(stream: 'stdout' | 'stderr', ts: number, raw: string, hold: boolean, unfinished = false) {
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
    let masked = masker.mask(text, state.tail);
    if (unfinished) masked = masker.maskUnfinished?.(masked) ?? masked;
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

  /**
   * Hands on the stream's held line, if any (dropped once the log is truncated), with a trailing
   * start of a secret form masked: what would have continued it is not coming first. On a flush
   * (`onTick`) such a line waits instead, up to SECRET_START_WAIT_MS.
   */
  function release(stream: 'stdout' | 'stderr', onTick = false) {
    const state = streams[stream];
    if (state.held === null) return;
    const held = state.held;
    const endsLikeSecret = (masker.maskUnfinished?.(held.text) ?? held.text) !== held.text;
    if (onTick && endsLikeSecret && now() - held.ts < SECRET_START_WAIT_MS) return;
    state.held = null;
    if (!truncated && store.failure() === null) emit(stream, held.ts, held.text, false, endsLikeSecret);
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
    store.markTruncated();
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
    store.add(stream, ts, firstLine, lines, text);

    recent.push({ stream, ts, firstLine, lineCount: lines, text });
    recentLines += lines;
    sinceEmit += lines;
    while (recent.length > 1 && recentLines - recent[0]!.lineCount >= maxLinesPerBatch) {
      recentLines -= recent.shift()!.lineCount;
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
    release('stdout', true);
    release('stderr', true);
    if (streams.stdout.held !== null || streams.stderr.held !== null) schedule(); // one still waits
    store.flush();
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
