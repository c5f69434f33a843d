import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CockpitError } from '../../../../shared/errors.ts';
import { cleanupFixtures } from '../../../testing/fixtures.ts';
import { findFirstError, readLogPage, searchLog } from './log-reader.ts';
import { attemptDatabase, recordingWriter } from './test-helpers.ts';

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

describe('searchLog', () => {
  const search = (query: string, fromLine: number, direction: 'next' | 'previous', extra = {}) =>
    searchLog(db, bigLog, { query, fromLine, direction, ...extra });

  it('finds the next and previous match, never the line it starts from', () => {
    expect(search('line 500000 ', 0, 'next')).toBe(500_000);
    expect(search('warning', 1998, 'next')).toBe(1999);
    expect(search('warning', 1999, 'next')).toBe(2999); // repeated "next" advances
    expect(search('warning', 1999, 'previous')).toBe(999);
    expect(search('warning', 999, 'previous')).toBeNull();
    expect(search('line 3 ', 10, 'previous')).toBe(3);
    expect(search('no such text', 0, 'next')).toBeNull();
    expect(search('line', TOTAL - 1, 'next')).toBeNull();
  });

  it('ignores case unless asked, and treats plain queries literally', () => {
    expect(search('step', 0, 'next')).toBe(1);
    expect(search('step', 0, 'next', { caseSensitive: true })).toBe(777_777);
    expect(search('line 1.', 0, 'next')).toBeNull();
  });

  it('supports regular expressions and reports a bad one as a bad request', () => {
    expect(search('^warning \\d+9{3}$', 1000, 'next', { regex: true })).toBe(1999);
    expect(search('ERROR.*broke', TOTAL - 1, 'previous', { regex: true })).toBe(777_777);
    let error: unknown;
    try {
      search('line (', 0, 'next', { regex: true });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CockpitError);
    expect((error as CockpitError).code).toBe('BAD_REQUEST');
    expect((error as CockpitError).message).toMatch(/^Invalid regular expression: .*Unterminated group/);
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

describe('regex search guard', () => {
  it('recognises patterns that can backtrack exponentially, and only those', async () => {
    const { hasNestedQuantifier } = await import('./log-reader.ts');
    for (const bad of ['(a+)+$', '(\\w*)*x', '((ab)+)+', '(x{2,})+', '(?:a|b+)*c'])
      expect(hasNestedQuantifier(bad)).toBe(true);
    for (const fine of ['error: (\\d+) failed', '(ab)+', '[(a+)+]', 'a+b*', '\\(a+\\)+', '(foo)?bar+']) {
      expect(hasNestedQuantifier(fine)).toBe(false);
    }
  });
});
