// Reading a job attempt's log: a page of lines, a search (in a worker, with a time budget), match
// counts and the first error line. Each answers NOT_FOUND for an attempt that does not exist.
import type { Database } from 'better-sqlite3';
import { CockpitError } from '../../../shared/errors.ts';
import type { Logger } from '../kernel/diagnostics/logger.ts';
import { findFirstError, readLogPage } from './run-logs/log-reader.ts';
import type { MatchCountOptions } from './run-logs/log-match-count.ts';
import { createLogSearch, type SearchOptions } from './run-logs/log-search.ts';
import type { RunsRepo } from './runs-repo.ts';

export interface RunLogQueryDeps {
  db: Database;
  repo: RunsRepo;
  logger: Logger;
  /** How long one log search may run (default 10 s). */
  logSearchBudgetMs?: number;
  /** The log search worker script (the Electron bundle passes its built copy). */
  logSearchWorker?: string;
}

export function createRunLogQueries(deps: RunLogQueryDeps) {
  const logSearch = createLogSearch({
    db: deps.db,
    logger: deps.logger,
    budgetMs: deps.logSearchBudgetMs,
    workerPath: deps.logSearchWorker,
  });

  function attemptOf(attemptId: number) {
    const attempt = deps.repo.attempt(attemptId);
    if (!attempt)
      throw new CockpitError('NOT_FOUND', `There is no job attempt #${attemptId}.`, { attemptId });
    return attempt;
  }

  return {
    logPage: (attemptId: number, fromLine: number, count: number) => {
      const attempt = attemptOf(attemptId);
      const page = readLogPage(deps.db, attemptId, fromLine, count);
      return {
        attemptId,
        fromLine,
        lines: page.lines,
        totalLines: page.totalLines,
        truncated: attempt.log_truncated === 1,
        finished: attempt.status !== 'running',
      };
    },
    /** Runs in a worker with a time budget: the engine answers everything else meanwhile. */
    logSearch: (attemptId: number, options: SearchOptions, signal?: AbortSignal) => {
      attemptOf(attemptId);
      return logSearch.search(attemptId, options, signal);
    },
    /** Its matcher (RE2) loads with the first count asked for, not with the engine. */
    logMatches: async (attemptId: number, options: MatchCountOptions) => {
      attemptOf(attemptId);
      const { countLogMatches } = await import('./run-logs/log-match-count.ts');
      return countLogMatches(deps.db, attemptId, options);
    },
    firstError: (attemptId: number) => {
      attemptOf(attemptId);
      return { line: findFirstError(deps.db, attemptId) };
    },
    /** Ends the search worker. */
    close: () => logSearch.close(),
  };
}
