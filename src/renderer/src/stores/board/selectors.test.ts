import { describe, expect, it } from 'vitest';
import type { BoardRow } from '../../../../shared/domain/release.ts';
import type { Project } from '../../../../shared/domain/project.ts';
import { visibleBoardRowIds } from './selectors.ts';

const project = (id: number, name: string) => ({ id, name }) as Project;
const row = (projectId: number, name: string) => ({ projectId, name, cells: [] }) as unknown as BoardRow;

describe('visibleBoardRowIds', () => {
  const state = {
    projects: [project(2, 'shop'), project(1, 'billing')],
    boardOrder: [1, 2, 7],
    boardRows: { 1: row(1, 'billing'), 2: row(2, 'shop'), 7: row(7, 'checkout') },
    boardQuery: '',
  };

  it('lists projects as listed, then board-only rows', () => {
    expect(visibleBoardRowIds(state)).toEqual([2, 1, 7]);
  });

  it('filters by the typed query, on project names and board-only row names', () => {
    expect(visibleBoardRowIds({ ...state, boardQuery: ' bil ' })).toEqual([1]);
    expect(visibleBoardRowIds({ ...state, boardQuery: 'chk' })).toEqual([7]);
    expect(visibleBoardRowIds({ ...state, boardQuery: 'zzz' })).toEqual([]);
  });
});
