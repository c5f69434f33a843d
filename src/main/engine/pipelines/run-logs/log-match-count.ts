// How many lines of a stored log match a search — the "340" of "12 of 340" — counted the way the
// search worker finds them (RE2 semantics for regular expressions: linear time, so no pattern can
// stall the engine), page by page through readLogPage, and bounded: after a time budget it stops and
// says how far it got.
import type { Database } from 'better-sqlite3';
import { badRequest } from '../../../../shared/errors.ts';
import { RE2JS } from 're2js';
import { readLogPage } from './log-reader.ts';

export interface MatchCountOptions {
  query: string;
  regex?: boolean;
  caseSensitive?: boolean;
  /** Stop counting after this long (default 400 ms): the count is then a lower bound. */
  budgetMs?: number;
}

export interface MatchCount {
  /** Lines that match (each line counts once, as search visits lines). */
  total: number;
  /** False when the budget ran out first: `total` matches were found in the first `scanned` lines. */
  complete: boolean;
  scanned: number;
}

const PAGE = 5000;

export function countLogMatches(db: Database, attemptId: number, options: MatchCountOptions): MatchCount {
  const pattern = patternOf(options);
  const deadline = performance.now() + (options.budgetMs ?? 400);
  let total = 0;
  let from = 0;
  for (;;) {
    const page = readLogPage(db, attemptId, from, PAGE);
    for (const line of page.lines) if (pattern.test(line.text)) total++;
    from += page.lines.length;
    if (page.lines.length === 0 || from >= page.totalLines) return { total, complete: true, scanned: from };
    if (performance.now() > deadline) return { total, complete: false, scanned: from };
  }
}

function patternOf({ query, regex, caseSensitive }: MatchCountOptions): { test(text: string): boolean } {
  if (!regex) return new RegExp(query.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'), caseSensitive ? '' : 'i');
  try {
    return RE2JS.compile(query, caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
  } catch (error) {
    const reason = (error as Error).message.replace(/^error parsing regexp: /, '');
    throw badRequest(`Invalid regular expression: ${reason}`, [{ path: 'query', message: reason }], {
      query,
    });
  }
}
