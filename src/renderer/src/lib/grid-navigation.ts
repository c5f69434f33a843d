// Where focus goes in a grid (WAI-ARIA grid pattern) when a key is pressed: arrows, Home/End (with
// Ctrl: first/last row), PageUp/PageDown. Column 0 is the row header. A "spanning" row has one cell
// covering every column after the header; positions keep the logical column, so moving through a
// spanning row and on returns to the column you were in.

export interface GridPosition {
  row: number;
  col: number;
}

export interface GridShape {
  rows: number;
  /** Columns including the row header (column 0). */
  columns: number;
  /** Rows whose cells after the header are one spanning cell. */
  spanning: (row: number) => boolean;
  /** Rows PageUp/PageDown move by. */
  pageSize?: number;
}

export interface GridKey {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** The cell that actually has focus for a position: in a spanning row, every column ≥ 1 is cell 1. */
export function physicalColumn(position: GridPosition, shape: GridShape): number {
  if (position.col <= 0) return 0;
  return shape.spanning(position.row) ? 1 : position.col;
}

/** The new position, or null when the key does not move focus (so the event is left alone). */
export function moveGridFocus(position: GridPosition, key: GridKey, shape: GridShape): GridPosition | null {
  if (shape.rows === 0) return null;
  const lastRow = shape.rows - 1;
  const lastCol = Math.max(0, shape.columns - 1);
  const row = clamp(position.row, 0, lastRow);
  const col = clamp(position.col, 0, lastCol);
  const ctrl = key.ctrlKey === true || key.metaKey === true;
  const page = shape.pageSize ?? 10;
  switch (key.key) {
    case 'ArrowRight':
      if (shape.spanning(row)) return { row, col: col === 0 ? Math.min(1, lastCol) : col };
      return { row, col: Math.min(lastCol, col + 1) };
    case 'ArrowLeft':
      if (shape.spanning(row)) return { row, col: 0 };
      return { row, col: Math.max(0, col - 1) };
    case 'ArrowDown':
      return { row: Math.min(lastRow, row + 1), col };
    case 'ArrowUp':
      return { row: Math.max(0, row - 1), col };
    case 'PageDown':
      return { row: Math.min(lastRow, row + page), col };
    case 'PageUp':
      return { row: Math.max(0, row - page), col };
    case 'Home':
      return ctrl ? { row: 0, col: 0 } : { row, col: 0 };
    case 'End':
      return ctrl ? { row: lastRow, col: lastCol } : { row, col: lastCol };
    default:
      return null;
  }
}
