// The log viewer's line cache: fixed-size pages of consecutive lines, filled from the store
// (`runs.logPage`) and from live `runs.log` events, with far pages evicted so memory stays bounded.
import type { LogLine } from '../../../shared/domain/run.ts';

export const PAGE_SIZE = 1000;
/** At most this many pages (lines) are kept; the ones farthest from the viewport go first. */
export const MAX_PAGES = 40;

/** Page index → the page's lines from its first line on, consecutive (a page may be partly filled). */
export type LogPages = Readonly<Record<number, readonly LogLine[]>>;

export interface PageRequest {
  page: number;
  fromLine: number;
  count: number;
}

export const pageOf = (line: number) => Math.floor(line / PAGE_SIZE);

export function lineAt(pages: LogPages, n: number): LogLine | undefined {
  return pages[pageOf(n)]?.[n - pageOf(n) * PAGE_SIZE];
}

/** Adds lines (sorted by n) where they continue a page; lines that would leave a gap are dropped. */
export function addLines(pages: LogPages, lines: readonly LogLine[]): LogPages {
  let next: Record<number, readonly LogLine[]> | null = null;
  let i = 0;
  while (i < lines.length) {
    const first = lines[i]!;
    const page = pageOf(first.n);
    const start = page * PAGE_SIZE;
    const current = (next ?? pages)[page] ?? [];
    let j = i;
    const added: LogLine[] = [];
    while (j < lines.length && pageOf(lines[j]!.n) === page) {
      if (lines[j]!.n === start + current.length + added.length) added.push(lines[j]!);
      j++;
    }
    if (added.length > 0) {
      next ??= { ...pages };
      next[page] = current.length === 0 ? added : [...current, ...added];
    }
    i = j;
  }
  return next ?? pages;
}

/** The pages (or their missing tails) needed to show lines first…last, nearest the middle first. */
export function pagesToFetch(
  pages: LogPages,
  first: number,
  last: number,
  totalLines: number,
  busy: ReadonlySet<number>,
): PageRequest[] {
  if (totalLines <= 0 || last < first) return [];
  const from = pageOf(Math.max(0, first));
  const to = pageOf(Math.min(totalLines - 1, last));
  const middle = (from + to) / 2;
  const requests: PageRequest[] = [];
  for (let page = from; page <= to; page++) {
    if (busy.has(page)) continue;
    const start = page * PAGE_SIZE;
    const have = pages[page]?.length ?? 0;
    const want = Math.min(PAGE_SIZE, totalLines - start);
    if (have < want) requests.push({ page, fromLine: start + have, count: want - have });
  }
  return requests.sort((a, b) => Math.abs(a.page - middle) - Math.abs(b.page - middle));
}

/** Drops the pages farthest from `aroundLine` beyond MAX_PAGES. */
export function evictFar(pages: LogPages, aroundLine: number, maxPages = MAX_PAGES): LogPages {
  const keys = Object.keys(pages).map(Number);
  if (keys.length <= maxPages) return pages;
  const centre = pageOf(aroundLine);
  const keep = keys.sort((a, b) => Math.abs(a - centre) - Math.abs(b - centre)).slice(0, maxPages);
  const next: Record<number, readonly LogLine[]> = {};
  for (const key of keep) next[key] = pages[key]!;
  return next;
}
