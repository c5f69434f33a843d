// A log search in a worker thread, so that no pattern and no log size can hold up the engine:
// regular expressions run on RE2 (re2js: linear time, no backtracking), plain text on a literal
// pattern; the engine ends the worker when the search is over its time budget. Reads only the
// byte ranges of the rows it is given, reports how far it got every ~50 ms, then the match or null.
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { RE2JS } from 're2js';

/** One `log_chunks` row: its lines sit at [byteOffset, byteOffset + byteLength) of the log file. */
export interface SearchRow {
  firstLine: number;
  lineCount: number;
  byteOffset: number;
  byteLength: number;
}

export interface SearchJob {
  file: string | null;
  /** In search order: ascending for 'next', descending for 'previous'. */
  rows: SearchRow[];
  /** The first line to look at (inclusive). */
  start: number;
  direction: 'next' | 'previous';
  query: string;
  regex: boolean;
  caseSensitive: boolean;
}

export type SearchMessage =
  | { type: 'progress'; through: number }
  | { type: 'done'; line: number | null }
  | { type: 'invalid'; message: string }
  | { type: 'failed'; message: string };

const PROGRESS_MS = 50;

interface LineTest {
  line(text: string): boolean;
  /** Whether a whole row (lines joined by "\n") may hold a match; false skips it at once. */
  block(text: string): boolean;
}

function compile(job: SearchJob): LineTest {
  if (!job.regex) {
    const literal = new RegExp(
      job.query.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'),
      job.caseSensitive ? '' : 'i',
    );
    return { line: (text) => literal.test(text), block: (text) => literal.test(text) };
  }
  const pattern = RE2JS.compile(job.query, job.caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
  return { line: (text) => pattern.test(text), block: () => true };
}

function search(job: SearchJob, post: (message: SearchMessage) => void): void {
  let test: LineTest;
  try {
    test = compile(job);
  } catch (error) {
    const reason = (error as Error).message.replace(/^error parsing regexp: /, '');
    post({ type: 'invalid', message: `Invalid regular expression: ${reason}` });
    return;
  }
  if (job.file === null) return post({ type: 'done', line: null });
  const fd = openSync(job.file, 'r');
  try {
    let buffer = Buffer.allocUnsafe(0);
    let reported = performance.now();
    const next = job.direction === 'next';
    for (const row of job.rows) {
      if (buffer.length < row.byteLength) buffer = Buffer.allocUnsafe(row.byteLength);
      let read = 0;
      while (read < row.byteLength) {
        const n = readSync(fd, buffer, read, row.byteLength - read, row.byteOffset + read);
        if (n === 0) break; // cut short: search what is there
        read += n;
      }
      const text = buffer.toString('utf8', 0, read);
      if (test.block(text)) {
        const lines = text.split('\n');
        if (next) {
          for (let i = Math.max(0, job.start - row.firstLine); i < lines.length; i++) {
            if (test.line(lines[i]!)) return post({ type: 'done', line: row.firstLine + i });
          }
        } else {
          for (let i = Math.min(lines.length - 1, job.start - row.firstLine); i >= 0; i--) {
            if (test.line(lines[i]!)) return post({ type: 'done', line: row.firstLine + i });
          }
        }
      }
      if (performance.now() - reported >= PROGRESS_MS) {
        reported = performance.now();
        post({ type: 'progress', through: next ? row.firstLine + row.lineCount - 1 : row.firstLine });
      }
    }
    post({ type: 'done', line: null });
  } finally {
    closeSync(fd);
  }
}

if (parentPort !== null) {
  const port = parentPort;
  try {
    search(workerData as SearchJob, (message) => port.postMessage(message));
  } catch (error) {
    port.postMessage({ type: 'failed', message: (error as Error).message } satisfies SearchMessage);
  }
}
