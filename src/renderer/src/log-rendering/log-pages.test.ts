// The line cache: consecutive pages, gap-free appends, fetch plans and eviction.
import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../shared/domain/run.ts';
import { PAGE_SIZE, addLines, evictFar, lineAt, pagesToFetch } from './log-pages.ts';

const line = (n: number): LogLine => ({ n, ts: 0, stream: 'stdout', text: `line ${n}` });
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => line(from + i));

describe('log pages', () => {
  it('fills pages across a boundary and finds lines', () => {
    const pages = addLines({}, range(0, PAGE_SIZE + 5));
    expect(lineAt(pages, 0)?.text).toBe('line 0');
    expect(lineAt(pages, PAGE_SIZE + 4)?.text).toBe(`line ${PAGE_SIZE + 4}`);
    expect(lineAt(pages, PAGE_SIZE + 5)).toBeUndefined();
  });

  it('drops lines that would leave a gap, keeps the same object when nothing changes', () => {
    const pages = addLines({}, range(0, 10));
    expect(addLines(pages, [line(12)])).toBe(pages);
    expect(addLines(pages, range(5, 10))).toBe(pages);
    expect(lineAt(addLines(pages, range(10, 12)), 11)?.n).toBe(11);
  });

  it('plans fetches for missing pages and partial tails, nearest the middle first', () => {
    const pages = addLines({}, range(0, 10));
    const plan = pagesToFetch(pages, 0, 3 * PAGE_SIZE - 1, 3 * PAGE_SIZE, new Set([2]));
    expect(plan).toEqual([
      { page: 1, fromLine: PAGE_SIZE, count: PAGE_SIZE },
      { page: 0, fromLine: 10, count: PAGE_SIZE - 10 },
    ]);
    expect(pagesToFetch(pages, 0, 9, 10, new Set())).toEqual([]);
  });

  it('evicts the farthest pages', () => {
    let pages = {};
    for (let p = 0; p < 10; p++) pages = addLines(pages, [line(p * PAGE_SIZE)]);
    const kept = Object.keys(evictFar(pages, 9 * PAGE_SIZE, 3)).map(Number);
    expect(kept.sort()).toEqual([7, 8, 9]);
  });
});
