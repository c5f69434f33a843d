import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CockpitError } from '../../../../shared/errors.ts';
import { cleanupFixtures } from '../../../testing/fixtures.ts';
import { createMemoryLogger } from '../../kernel/diagnostics/logger.ts';
import { findFirstError, readLogPage } from './log-reader.ts';
import { createLogSearch } from './log-search.ts';
import { attemptDatabase, recordingWriter } from '../../../testing/run-log-writer.ts';

const TOTAL = 1_000_000;
let db: Database;
let bigLog: number;

/** Line n of the big log: every 1000th goes to stderr, line 777_777 says ERROR. */
function bigLine(n: number): string {
  if (n === 777_777) return `\x1b[31mERROR\x1b[0m: step ${n} broke`;
  return n % 1000 === 999 ? `warning ${n}` : `line ${n} Step`;
}

beforeAll(() => {
  ({ db, attemptId: bigLog } = attemptDatabase());
  const writer = recordingWriter(db, bigLog, { onLines: () => undefined });
  for (let start = 0; start < TOTAL; start += 1000) {
    const lines: string[] = [];
    for (let n = start; n < start + 999; n++) lines.push(bigLine(n));
    writer.write('stdout', Buffer.from(`${lines.join('\n')}\n`));
    writer.write('stderr', Buffer.from(`${bigLine(start + 999)}\n`));
  }
  expect(writer.close().lines).toBe(TOTAL);
});

afterAll(cleanupFixtures);

function timed<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}

describe('readLogPage on a 1,000,000-line log', () => {
  it.each([
    ['start', 0, 100, 100],
    ['middle', 500_123, 100, 100],
    ['end', TOTAL - 50, 100, 50],
    ['a page spanning many chunks', 12_345, 5_000, 5_000],
  ])('reads a page at the %s quickly', (_where, from, count, expected) => {
    readLogPage(db, bigLog, from, count); // warm the statement cache
    const { value, ms } = timed(() => readLogPage(db, bigLog, from, count));
    expect(value.totalLines).toBe(TOTAL);
    expect(value.lines).toHaveLength(expected);
    value.lines.forEach((line, i) => {
      expect(line.n).toBe(from + i);
      expect(line.text).toBe(bigLine(from + i));
      expect(line.stream).toBe((from + i) % 1000 === 999 ? 'stderr' : 'stdout');
    });
    expect(ms).toBeLessThan(count > 1000 ? 100 : 20);
  });

  it('returns no lines past the end, and nothing for an attempt without a log', () => {
    expect(readLogPage(db, bigLog, TOTAL, 10)).toEqual({ lines: [], totalLines: TOTAL });
    expect(readLogPage(db, bigLog + 1, 0, 10)).toEqual({ lines: [], totalLines: 0 });
  });
});

describe('log search (in a worker)', () => {
  const search = (query: string, fromLine: number, direction: 'next' | 'previous', extra = {}) =>
    createLogSearch({ db, logger: createMemoryLogger() })
      .search(bigLog, { query, fromLine, direction, ...extra })
      .then((result) => result.line);

  it('finds the next and previous match, never the line it starts from', async () => {
    expect(await search('line 500000 ', 0, 'next')).toBe(500_000);
    expect(await search('warning', 1998, 'next')).toBe(1999);
    expect(await search('warning', 1999, 'next')).toBe(2999); // repeated "next" advances
    expect(await search('warning', 1999, 'previous')).toBe(999);
    expect(await search('warning', 999, 'previous')).toBeNull();
    expect(await search('line 3 ', 10, 'previous')).toBe(3);
    expect(await search('no such text', 0, 'next')).toBeNull();
    expect(await search('line', TOTAL - 1, 'next')).toBeNull();
  });

  it('ignores case unless asked, and treats plain queries literally', async () => {
    expect(await search('step', 0, 'next')).toBe(1);
    expect(await search('step', 0, 'next', { caseSensitive: true })).toBe(777_777);
    expect(await search('line 1.', 0, 'next')).toBeNull();
  });

  it('supports regular expressions (RE2 syntax) and reports a bad one as a bad request', async () => {
    expect(await search('^warning \\d+9{3}$', 1000, 'next', { regex: true })).toBe(1999);
    expect(await search('ERROR.*broke', TOTAL - 1, 'previous', { regex: true })).toBe(777_777);
    // Patterns that backtrack exponentially elsewhere are linear here.
    expect(await search('(a+)+$', 0, 'next', { regex: true })).toBeNull();
    for (const [bad, reason] of [
      ['line (', /^Invalid regular expression: .*missing closing \)/],
      ['(?<=line) 5', /^Invalid regular expression: /], // lookbehind is not RE2
    ] as const) {
      let error: unknown;
      try {
        await search(bad, 0, 'next', { regex: true });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(CockpitError);
      expect((error as CockpitError).code).toBe('BAD_REQUEST');
      expect((error as CockpitError).message).toMatch(reason);
    }
  });
});

describe('findFirstError', () => {
  it('finds an error word behind colour codes', () => {
    expect(findFirstError(db, bigLog)).toBe(777_777);
  });

  it('prefers an error line, falls back to the first stderr line, ignores system lines', () => {
    const cases: [string, (w: ReturnType<typeof recordingWriter>) => void, number | null][] = [
      [
        'npm',
        (w) => {
          w.system('[cockpit] Failed with exit code 1');
          w.write('stderr', Buffer.from('npm WARN deprecated\n'));
          w.write('stdout', Buffer.from('0 errors so far\nnpm ERR! code ELIFECYCLE\n'));
        },
        3,
      ],
      [
        'stderr only',
        (w) => {
          w.write('stdout', Buffer.from('building\n'));
          w.write('stderr', Buffer.from('cannot open file\n'));
        },
        1,
      ],
      ['clean', (w) => w.write('stdout', Buffer.from('all good\n')), null],
      ['vitest', (w) => w.write('stdout', Buffer.from('ok\n FAIL  src/a.test.ts > adds\n')), 1],
    ];
    for (const [, fill, expected] of cases) {
      const { db: own, attemptId } = attemptDatabase();
      const writer = recordingWriter(own, attemptId);
      fill(writer);
      writer.close();
      expect(findFirstError(own, attemptId)).toBe(expected);
      own.close();
    }
  });
});
