// Searches stored job logs off the engine's thread: each search runs in its own worker
// (log-search-worker.ts, RE2 semantics for regular expressions) with a time budget. The engine keeps
// answering every other request meanwhile; a search over budget is ended and answers "search stopped
// after N s" with how far it got, so the user can search on from there.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import { badRequest, CockpitError } from '../../../../shared/errors.ts';
import type { Logger } from '../../kernel/diagnostics/logger.ts';
import type { SearchJob, SearchMessage, SearchRow } from './log-search-worker.ts';

export interface SearchOptions {
  query: string;
  regex?: boolean;
  caseSensitive?: boolean;
  /** The line the search starts from; it is not itself a result, so repeated "next" advances. */
  fromLine: number;
  direction: 'next' | 'previous';
}

export interface SearchStopped {
  afterSeconds: number;
  /** The last line searched (the lowest one for 'previous'): no match lies between fromLine and it. */
  throughLine: number;
  message: string;
}

export interface SearchResult {
  line: number | null;
  /** Set when the search ran out of time before finding a match or the end of the log. */
  stopped: SearchStopped | null;
}

export interface LogSearchOptions {
  db: Database;
  logger: Logger;
  /** How long one search may run; default 10 s (COCKPIT_LOG_SEARCH_BUDGET_MS overrides it). */
  budgetMs?: number;
  /** The worker script; the Electron bundle passes its built copy. */
  workerPath?: string;
  /** Searches running at once; more are refused until one ends. Default 4. */
  maxRunning?: number;
}

export const DEFAULT_SEARCH_BUDGET_MS = 10_000;
const sourceWorker = join(dirname(fileURLToPath(import.meta.url)), 'log-search-worker.ts');

export function createLogSearch(options: LogSearchOptions) {
  const { db, logger } = options;
  const budgetMs = options.budgetMs ?? DEFAULT_SEARCH_BUDGET_MS;
  const maxRunning = options.maxRunning ?? 4;
  const running = new Set<Worker>();
  const sql = {
    file: db.prepare<[number], string | null>('SELECT log_file FROM attempts WHERE id = ?').pluck(),
    containing: db
      .prepare<[number, number], number>(
        'SELECT first_line FROM log_chunks WHERE attempt_id = ? AND first_line <= ? ORDER BY first_line DESC LIMIT 1',
      )
      .pluck(),
    total: db
      .prepare<[number], number>(
        'SELECT first_line + line_count FROM log_chunks WHERE attempt_id = ? ORDER BY first_line DESC LIMIT 1',
      )
      .pluck(),
    forward: db.prepare<[number, number], SearchRow>(
      `SELECT first_line AS firstLine, line_count AS lineCount, byte_offset AS byteOffset, byte_length AS byteLength
       FROM log_chunks WHERE attempt_id = ? AND first_line >= ? ORDER BY first_line`,
    ),
    backward: db.prepare<[number, number], SearchRow>(
      `SELECT first_line AS firstLine, line_count AS lineCount, byte_offset AS byteOffset, byte_length AS byteLength
       FROM log_chunks WHERE attempt_id = ? AND first_line <= ? ORDER BY first_line DESC`,
    ),
  };

  /** The nearest line after (next) or before (previous) `fromLine` that matches, or null. */
  function search(attemptId: number, request: SearchOptions, signal?: AbortSignal): Promise<SearchResult> {
    if (request.query.length === 0) return Promise.resolve({ line: null, stopped: null });
    const next = request.direction === 'next';
    const start = next ? request.fromLine + 1 : request.fromLine - 1;
    if (start < 0) return Promise.resolve({ line: null, stopped: null });
    if (running.size >= maxRunning) {
      throw new CockpitError(
        'UNAVAILABLE',
        `${running.size} log searches are already running; try again when one has finished.`,
      );
    }
    const rows = next
      ? sql.forward.all(attemptId, sql.containing.get(attemptId, start) ?? start)
      : sql.backward.all(attemptId, start);
    const job: SearchJob = {
      file: sql.file.get(attemptId) ?? null,
      rows,
      start,
      direction: request.direction,
      query: request.query,
      regex: request.regex ?? false,
      caseSensitive: request.caseSensitive ?? false,
    };
    const totalLines = sql.total.get(attemptId) ?? 0;
    const worker = new Worker(options.workerPath ?? sourceWorker, { workerData: job });
    worker.unref(); // a search never keeps a closing process alive
    running.add(worker);
    const started = performance.now();

    return new Promise<SearchResult>((resolve, reject) => {
      let through: number | null = null;
      let settled = false;
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        running.delete(worker);
        void worker.terminate();
        outcome();
      };
      const timer = setTimeout(() => {
        const afterSeconds = Number((budgetMs / 1000).toPrecision(2));
        // Nothing searched yet: resume from where this search started.
        const reached = through ?? request.fromLine;
        finish(() =>
          resolve({
            line: null,
            stopped: {
              afterSeconds,
              throughLine: reached,
              message: stoppedMessage(afterSeconds, start, through, totalLines, next),
            },
          }),
        );
      }, budgetMs);
      const onAbort = () =>
        finish(() => reject(new CockpitError('CANCELLED', 'The log search was cancelled.')));
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.on('message', (message: SearchMessage) => {
        if (message.type === 'progress') through = message.through;
        else if (message.type === 'done') finish(() => resolve({ line: message.line, stopped: null }));
        else if (message.type === 'invalid') {
          finish(() =>
            reject(
              badRequest(message.message, [{ path: 'query', message: message.message }], {
                query: request.query,
              }),
            ),
          );
        } else {
          logger.warn('a log search failed', { attemptId, error: message.message });
          finish(() => reject(new CockpitError('INTERNAL', `The log search failed: ${message.message}`)));
        }
      });
      worker.on('error', (error) => {
        logger.error('the log search worker failed', { attemptId, error });
        finish(() => reject(new CockpitError('INTERNAL', 'The log search could not run.')));
      });
      worker.on('exit', () => {
        if (!settled)
          finish(() => reject(new CockpitError('INTERNAL', 'The log search ended unexpectedly.')));
      });
      logger.debug('log search started', {
        attemptId,
        rows: rows.length,
        ms: Math.round(performance.now() - started),
      });
    });
  }

  return {
    search,
    /** Ends every running search (when the engine closes). */
    async close(): Promise<void> {
      await Promise.allSettled([...running].map((worker) => worker.terminate()));
      running.clear();
    },
    runningCount: () => running.size,
  };
}

export type LogSearch = ReturnType<typeof createLogSearch>;

function stoppedMessage(
  seconds: number,
  start: number,
  through: number | null,
  total: number,
  next: boolean,
): string {
  const stopped = `Search stopped after ${seconds} s`;
  if (through === null) return `${stopped} before it could search a line. Search again to try once more.`;
  const line = (n: number) => (n + 1).toLocaleString('en');
  const range = next ? `lines ${line(start)}–${line(through)}` : `lines ${line(through)}–${line(start)}`;
  return `${stopped}: no match in ${range} of ${total.toLocaleString('en')}. Search again to go on from there.`;
}
