// The match count behind "12 of 340": the lines searchLog would visit, counted; bounded on a huge log.
import { afterAll, describe, expect, it } from 'vitest';
import { CockpitError } from '../../../../shared/errors.ts';
import { cleanupFixtures, onCleanup } from '../../../testing/fixtures.ts';
import { countLogMatches } from './log-match-count.ts';
import { createLogSearch } from './log-search.ts';
import { createMemoryLogger } from '../../kernel/diagnostics/logger.ts';
import { attemptDatabase, recordingWriter } from '../../../testing/run-log-writer.ts';

afterAll(cleanupFixtures);

function log(lines: string[]) {
  const { db, attemptId } = attemptDatabase();
  const writer = recordingWriter(db, attemptId, { onLines: () => undefined });
  writer.write('stdout', Buffer.from(`${lines.join('\n')}\n`));
  writer.close();
  return { db, attemptId };
}

describe('countLogMatches', () => {
  it('counts matching lines, case-insensitive unless asked, regex when asked', () => {
    const lines = Array.from({ length: 12_000 }, (_, n) =>
      n % 30 === 0 ? `ERROR in step ${n}` : n % 7 === 0 ? `an error, twice: error` : `line ${n}`,
    );
    const { db, attemptId } = log(lines);
    const expected = lines.filter((line) => /error/i.test(line)).length;
    expect(countLogMatches(db, attemptId, { query: 'error' })).toEqual({
      total: expected,
      complete: true,
      scanned: 12_000,
    });
    expect(countLogMatches(db, attemptId, { query: 'ERROR', caseSensitive: true }).total).toBe(400);
    expect(countLogMatches(db, attemptId, { query: 'step \\d+0 ', regex: true }).total).toBe(0);
    expect(countLogMatches(db, attemptId, { query: 'step \\d*0$', regex: true }).total).toBe(400);
  });

  it('counts the lines the search visits, one by one', async () => {
    const lines = Array.from({ length: 400 }, (_, n) => (n % 9 === 0 ? `Error ${n}` : `line ${n}`));
    const { db, attemptId } = log(lines);
    const search = createLogSearch({ db, logger: createMemoryLogger() });
    onCleanup(() => search.close());
    let visited = 0;
    for (let line = -1; ; visited++) {
      const next = await search.search(attemptId, { query: 'error', fromLine: line, direction: 'next' });
      if (next.line === null) break;
      line = next.line;
    }
    expect(visited).toBeGreaterThan(0);
    expect(countLogMatches(db, attemptId, { query: 'error' }).total).toBe(visited);
  });

  it('stops at its budget and says how far it got', () => {
    const { db, attemptId } = log(Array.from({ length: 50_000 }, (_, n) => `line ${n} ok`));
    const count = countLogMatches(db, attemptId, { query: 'ok', budgetMs: 0 });
    expect(count.complete).toBe(false);
    expect(count.total).toBe(count.scanned);
    expect(count.scanned).toBeLessThan(50_000);
  });

  it('counts with a pattern that backtracks exponentially elsewhere (RE2: linear), and names a broken one', () => {
    const { db, attemptId } = log([`${'x'.repeat(50_000)}`, 'a#', 'b']);
    expect(countLogMatches(db, attemptId, { query: '(.|.)*#', regex: true })).toEqual({
      total: 1,
      complete: true,
      scanned: 3,
    });
    expect(() => countLogMatches(db, attemptId, { query: '(', regex: true })).toThrow(CockpitError);
    expect(() => countLogMatches(db, attemptId, { query: '(', regex: true })).toThrow(
      /Invalid regular expression/,
    );
  });
});
