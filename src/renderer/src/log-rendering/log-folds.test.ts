import { describe, expect, it } from 'vitest';
import { logFolds } from './log-folds.ts';

const groups = [
  { firstLine: 2, lastLine: 5, depth: 0, title: 'A' },
  { firstLine: 3, lastLine: 4, depth: 1, title: 'A.1' },
  { firstLine: 8, lastLine: 9, depth: 0, title: 'B' },
];

describe('log folds', () => {
  it('maps rows to lines around collapsed groups, nested ones included', () => {
    const folds = logFolds(groups, new Set([2, 8]), 12);
    expect(folds.rows).toBe(12 - 3 - 1);
    expect(Array.from({ length: folds.rows }, (_, row) => folds.lineForRow(row))).toEqual([
      0, 1, 2, 6, 7, 8, 10, 11,
    ]);
    expect([0, 2, 3, 5, 6, 9, 10].map((line) => folds.rowForLine(line))).toEqual([0, 2, 2, 2, 3, 5, 6]);
    expect(folds.groupAt(8)?.title).toBe('B');
  });

  it('is the identity with nothing collapsed, and a collapsed inner group hides only its own lines', () => {
    const open = logFolds(groups, new Set(), 12);
    expect(open.rows).toBe(12);
    expect(open.lineForRow(7)).toBe(7);
    const inner = logFolds(groups, new Set([3]), 12);
    expect(Array.from({ length: inner.rows }, (_, row) => inner.lineForRow(row)).slice(0, 5)).toEqual([
      0, 1, 2, 3, 5,
    ]);
  });
});
