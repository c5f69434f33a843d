// Structural sharing of refetched board data: equal parts keep their identity.
import { describe, expect, it } from 'vitest';
import { shareEqual } from './structural-share.ts';

describe('shareEqual', () => {
  it('returns the previous value when everything is equal', () => {
    const previous = { rows: [{ id: 1, cells: [{ v: '1.0.0' }] }], columns: ['staging'] };
    const next = structuredClone(previous);
    expect(shareEqual(previous, next)).toBe(previous);
  });

  it('keeps unchanged rows and cells, replaces changed ones', () => {
    const previous = {
      rows: [
        { id: 1, cells: [{ v: '1.0.0' }, { v: '2.0.0' }] },
        { id: 2, cells: [{ v: '3.0.0' }] },
      ],
    };
    const next = structuredClone(previous);
    next.rows[0]!.cells[1]!.v = '2.1.0';
    const shared = shareEqual(previous, next);
    expect(shared).not.toBe(previous);
    expect(shared.rows[1]).toBe(previous.rows[1]);
    expect(shared.rows[0]).not.toBe(previous.rows[0]);
    expect(shared.rows[0]!.cells[0]).toBe(previous.rows[0]!.cells[0]);
    expect(shared.rows[0]!.cells[1]).toEqual({ v: '2.1.0' });
  });

  it('notices added and removed keys and items, and nulls', () => {
    expect(shareEqual({ a: 1 }, { a: 1, b: 2 })).toEqual({ a: 1, b: 2 });
    const previous = { a: 1, b: 2 };
    expect(shareEqual(previous, { a: 1 })).not.toBe(previous);
    const list = [1, 2];
    expect(shareEqual(list, [1, 2, 3])).toEqual([1, 2, 3]);
    const withNull = { active: null as null | { id: number } };
    expect(shareEqual(withNull, { active: { id: 1 } })).toEqual({ active: { id: 1 } });
    expect(shareEqual({ active: { id: 1 } }, withNull)).toEqual(withNull);
  });
});
