// Keyboard movement in the release board grid.
import { describe, expect, it } from 'vitest';
import { moveGridFocus, physicalColumn, type GridShape } from './grid-navigation.ts';

const shape = (rows: number, columns: number, spanningRows: number[] = []): GridShape => ({
  rows,
  columns,
  spanning: (row) => spanningRows.includes(row),
  pageSize: 3,
});

describe('moveGridFocus', () => {
  const grid = shape(5, 4); // a row header and 3 environments

  it('moves with the arrows and stops at the edges', () => {
    expect(moveGridFocus({ row: 0, col: 0 }, { key: 'ArrowRight' }, grid)).toEqual({ row: 0, col: 1 });
    expect(moveGridFocus({ row: 0, col: 3 }, { key: 'ArrowRight' }, grid)).toEqual({ row: 0, col: 3 });
    expect(moveGridFocus({ row: 0, col: 0 }, { key: 'ArrowLeft' }, grid)).toEqual({ row: 0, col: 0 });
    expect(moveGridFocus({ row: 0, col: 2 }, { key: 'ArrowDown' }, grid)).toEqual({ row: 1, col: 2 });
    expect(moveGridFocus({ row: 4, col: 2 }, { key: 'ArrowDown' }, grid)).toEqual({ row: 4, col: 2 });
    expect(moveGridFocus({ row: 0, col: 2 }, { key: 'ArrowUp' }, grid)).toEqual({ row: 0, col: 2 });
  });

  it('Home/End go to the ends of the row, with Ctrl to the corners of the grid', () => {
    expect(moveGridFocus({ row: 2, col: 2 }, { key: 'Home' }, grid)).toEqual({ row: 2, col: 0 });
    expect(moveGridFocus({ row: 2, col: 1 }, { key: 'End' }, grid)).toEqual({ row: 2, col: 3 });
    expect(moveGridFocus({ row: 2, col: 2 }, { key: 'Home', ctrlKey: true }, grid)).toEqual({
      row: 0,
      col: 0,
    });
    expect(moveGridFocus({ row: 2, col: 2 }, { key: 'End', metaKey: true }, grid)).toEqual({
      row: 4,
      col: 3,
    });
  });

  it('pages by pageSize rows', () => {
    expect(moveGridFocus({ row: 0, col: 1 }, { key: 'PageDown' }, grid)).toEqual({ row: 3, col: 1 });
    expect(moveGridFocus({ row: 3, col: 1 }, { key: 'PageDown' }, grid)).toEqual({ row: 4, col: 1 });
    expect(moveGridFocus({ row: 4, col: 1 }, { key: 'PageUp' }, grid)).toEqual({ row: 1, col: 1 });
  });

  it('ignores other keys and empty grids', () => {
    expect(moveGridFocus({ row: 0, col: 0 }, { key: 'a' }, grid)).toBeNull();
    expect(moveGridFocus({ row: 0, col: 0 }, { key: 'Enter' }, grid)).toBeNull();
    expect(moveGridFocus({ row: 0, col: 0 }, { key: 'ArrowDown' }, shape(0, 4))).toBeNull();
  });

  it('clamps a stale position (rows filtered away) back into the grid', () => {
    expect(moveGridFocus({ row: 9, col: 9 }, { key: 'ArrowUp' }, grid)).toEqual({ row: 3, col: 3 });
  });

  it('treats a spanning row as one cell and keeps the column for the rows after it', () => {
    const withProblem = shape(3, 4, [1]);
    // Down from column 3 into the spanning row: the logical column stays 3 …
    const into = moveGridFocus({ row: 0, col: 3 }, { key: 'ArrowDown' }, withProblem)!;
    expect(into).toEqual({ row: 1, col: 3 });
    expect(physicalColumn(into, withProblem)).toBe(1);
    // … right does nothing there, and down again lands on column 3.
    expect(moveGridFocus(into, { key: 'ArrowRight' }, withProblem)).toEqual({ row: 1, col: 3 });
    expect(moveGridFocus(into, { key: 'ArrowDown' }, withProblem)).toEqual({ row: 2, col: 3 });
    // Left leaves the spanning cell for the row header in one step, right comes back.
    expect(moveGridFocus(into, { key: 'ArrowLeft' }, withProblem)).toEqual({ row: 1, col: 0 });
    expect(moveGridFocus({ row: 1, col: 0 }, { key: 'ArrowRight' }, withProblem)).toEqual({
      row: 1,
      col: 1,
    });
  });

  it('a grid with only row headers moves only up and down', () => {
    const headersOnly = shape(2, 1);
    expect(moveGridFocus({ row: 0, col: 0 }, { key: 'ArrowRight' }, headersOnly)).toEqual({
      row: 0,
      col: 0,
    });
    expect(moveGridFocus({ row: 0, col: 0 }, { key: 'ArrowDown' }, headersOnly)).toEqual({
      row: 1,
      col: 0,
    });
  });
});
