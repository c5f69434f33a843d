// Collapsed log groups as a map between rows on screen and lines of the log: a collapsed group shows
// its header line and hides the lines inside it. Nested groups inside a collapsed one stay hidden.
import type { LogGroup } from '../../../shared/domain/run.ts';

export interface LogFolds {
  /** Rows on screen for `total` lines. */
  rows: number;
  lineForRow(row: number): number;
  /** The row showing `line`, or its collapsed group's header row when it is hidden. */
  rowForLine(line: number): number;
  /** The group whose header is this line, if any. */
  groupAt(line: number): LogGroup | undefined;
}

/** Hidden ranges [from, to] (inclusive), sorted and merged, for the collapsed groups. */
export function hiddenRanges(
  groups: readonly LogGroup[],
  collapsed: ReadonlySet<number>,
  total: number,
): [number, number][] {
  const ranges = groups
    .filter((group) => collapsed.has(group.firstLine) && group.lastLine > group.firstLine)
    .map((group): [number, number] => [group.firstLine + 1, Math.min(group.lastLine, total - 1)])
    .filter(([from, to]) => from <= to)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1] + 1) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

export function logFolds(
  groups: readonly LogGroup[],
  collapsed: ReadonlySet<number>,
  total: number,
): LogFolds {
  const hidden = hiddenRanges(groups, collapsed, total);
  const headers = new Map(groups.map((group) => [group.firstLine, group]));
  const hiddenCount = hidden.reduce((sum, [from, to]) => sum + (to - from + 1), 0);
  return {
    rows: total - hiddenCount,
    lineForRow(row) {
      let line = row;
      for (const [from, to] of hidden) {
        if (from > line) break;
        line += to - from + 1;
      }
      return line;
    },
    rowForLine(line) {
      let row = line;
      for (const [from, to] of hidden) {
        if (from > line) break;
        if (line <= to) return from - 1 - (line - row); // inside: the header just before the range
        row -= to - from + 1;
      }
      return row;
    },
    groupAt: (line) => headers.get(line),
  };
}
