// Derived board values components select: pure functions of the store's state, tested in selectors.test.ts.
import type { Project } from '../../../../shared/domain/project.ts';
import { fuzzyMatch } from '../../lib/fuzzy-match.ts';
import type { ProjectsSlice } from '../projects/projects-slice.ts';
import type { BoardSlice } from './board-slice.ts';

/**
 * The rows the board shows, in order: every project (by name, as listed), with board-only rows
 * (a project added a moment ago) after them, filtered by the typed query.
 */
export function visibleBoardRowIds(
  state: Pick<ProjectsSlice, 'projects'> & Pick<BoardSlice, 'boardOrder' | 'boardRows' | 'boardQuery'>,
): number[] {
  const ids = state.projects.map((project) => project.id);
  const known = new Set(ids);
  for (const id of state.boardOrder) if (!known.has(id)) ids.push(id);
  const query = state.boardQuery.trim();
  if (query === '') return ids;
  const names = new Map<number, string>(state.projects.map((project: Project) => [project.id, project.name]));
  return ids.filter((id) => fuzzyMatch(query, names.get(id) ?? state.boardRows[id]?.name ?? '') !== null);
}
