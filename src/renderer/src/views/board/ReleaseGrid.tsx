// The release board as a keyboard grid (WAI-ARIA grid pattern): rows are projects, columns the
// environments in lifecycle order. One Tab stop (roving tabindex); arrows, Home/End and PageUp/Down
// move; Enter or Space (or a click) opens the focused cell's menu. Rows select their own data, so a
// live update re-renders only the rows that changed.
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Menu } from '../../components/Menu.tsx';
import { moveGridFocus, physicalColumn, type GridShape } from '../../lib/grid-navigation.ts';
import { visibleBoardRowIds } from '../../stores/board/selectors.ts';
import { rollbackTargetsOf } from '../../stores/releases/rollback-selectors.ts';
import type { CockpitState } from '../../stores/cockpit-store.ts';
import { useCockpit } from '../../stores/store-context.tsx';
import { BoardGridRow } from './BoardGridRow.tsx';
import { cellMenuItems, projectMenuItems } from './board-menus.ts';

interface OpenMenu {
  projectId: number;
  /** 0: the project's own menu; ≥ 1: the cell of column col - 1. */
  col: number;
  anchor: HTMLElement;
}

/** The row header, then one flexible column per environment. */
function gridTemplate(columns: number): string {
  return columns === 0
    ? 'minmax(240px, 1fr)'
    : `minmax(250px, 280px) repeat(${columns}, minmax(180px, 280px))`;
}

/** A row without a configuration to show (none valid ever seen) spans every column with its problem. */
function isSpanning(state: CockpitState, projectId: number): boolean {
  const row = state.boardRows[projectId];
  if (row) return Boolean(row.configProblem);
  const project = state.projects.find((p) => p.id === projectId);
  return Boolean(project && project.configStatus !== 'ok' && project.lastGoodConfigAt === null);
}

const cellOf = (target: EventTarget | null, grid: HTMLElement | null) => {
  if (!(target instanceof HTMLElement) || !grid) return null;
  const cell = target.closest<HTMLElement>('[data-col]');
  if (!cell || !grid.contains(cell)) return null;
  return { element: cell, row: Number(cell.dataset.row), col: Number(cell.dataset.col) };
};

export function ReleaseGrid({ describedBy }: { describedBy: string }) {
  const ids = useCockpit(useShallow(visibleBoardRowIds));
  const columns = useCockpit((state) => state.boardColumns);
  const spanning = useCockpit((state) => ids.map((id) => (isSpanning(state, id) ? '1' : '0')).join(''));
  const [focus, setFocus] = useState<{ projectId: number; col: number } | null>(null);
  const [menu, setMenu] = useState<OpenMenu | null>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const moveFocus = useRef(false);

  const shape: GridShape = {
    rows: ids.length,
    columns: columns.length + 1,
    spanning: (row) => spanning[row] === '1',
    pageSize: 8,
  };
  const focusRow = focus ? ids.indexOf(focus.projectId) : -1;
  const position =
    focusRow === -1 ? { row: 0, col: 0 } : { row: focusRow, col: Math.min(focus?.col ?? 0, columns.length) };
  const tabbable = { row: position.row, col: physicalColumn(position, shape) };

  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    const target = gridRef.current?.querySelector<HTMLElement>(
      `[data-row="${tabbable.row}"][data-col="${tabbable.col}"]`,
    );
    target?.focus({ preventScroll: true });
    target?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  });

  const openMenuAt = useCallback(
    (anchor: HTMLElement) => {
      if (anchor.dataset.noMenu !== undefined) return;
      const row = Number(anchor.dataset.row);
      const col = Number(anchor.dataset.col);
      const projectId = ids[row];
      if (projectId === undefined) return;
      setFocus((current) =>
        current?.projectId === projectId && col === 1 && current.col >= 1 ? current : { projectId, col },
      );
      setMenu({ projectId, col, anchor });
    },
    [ids],
  );

  const openMenu = useRef<OpenMenu | null>(null);
  useEffect(() => {
    openMenu.current = menu;
  }, [menu]);

  const closeMenu = useCallback(({ restoreFocus }: { restoreFocus: boolean }) => {
    if (restoreFocus) openMenu.current?.anchor.focus();
    setMenu(null);
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const cell = cellOf(event.target, gridRef.current);
    if (!cell || event.target !== cell.element) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      openMenuAt(cell.element);
      return;
    }
    if (event.altKey || event.shiftKey) return;
    const next = moveGridFocus(position, event, shape);
    if (!next) return;
    event.preventDefault();
    const projectId = ids[next.row];
    if (projectId === undefined) return;
    moveFocus.current = true;
    setFocus({ projectId, col: next.col });
  };

  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    const cell = cellOf(event.target, gridRef.current);
    if (!cell || event.target !== cell.element) return;
    const projectId = ids[cell.row];
    if (projectId === undefined) return;
    // In a row-wide cell, keep the column the user came from.
    if (focus?.projectId === projectId && cell.col === 1 && spanning[cell.row] === '1' && focus.col >= 1)
      return;
    if (focus?.projectId !== projectId || focus.col !== cell.col) setFocus({ projectId, col: cell.col });
  };

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    if (event.target instanceof Element && event.target.closest('a, button')) return;
    const cell = cellOf(event.target, gridRef.current);
    if (!cell) return;
    const projectId = ids[cell.row];
    if (menu && menu.projectId === projectId && menu.col === cell.col) {
      closeMenu({ restoreFocus: true });
      return;
    }
    cell.element.focus();
    openMenuAt(cell.element);
  };

  const menuRowIndex = menu ? ids.indexOf(menu.projectId) : -1;

  return (
    <>
      <div className="board-scroll">
        <div
          ref={gridRef}
          role="grid"
          className="board-grid"
          aria-label="Release board: projects by environment"
          aria-describedby={describedBy}
          aria-rowcount={ids.length + 1}
          aria-colcount={columns.length + 1}
          data-testid="release-board"
          style={{ ['--board-template' as string]: gridTemplate(columns.length) }}
          onKeyDown={onKeyDown}
          onFocus={onFocus}
          onClick={onClick}
        >
          <div role="row" className="board-row board-header-row" aria-rowindex={1}>
            <div role="columnheader" className="board-colheader board-colheader-project">
              Project
            </div>
            {columns.map((environment) => (
              <div key={environment} role="columnheader" className="board-colheader">
                {environment}
              </div>
            ))}
          </div>
          {ids.map((projectId, row) => (
            <BoardGridRow
              key={projectId}
              projectId={projectId}
              row={row}
              columns={columns}
              spanning={spanning[row] === '1'}
              tabbableCol={row === tabbable.row ? tabbable.col : null}
              menuCol={row === menuRowIndex ? (menu?.col ?? null) : null}
              onMenuButton={openMenuAt}
            />
          ))}
        </div>
      </div>
      {menu ? <BoardMenu menu={menu} spanning={spanning[menuRowIndex] === '1'} onClose={closeMenu} /> : null}
    </>
  );
}

function BoardMenu({
  menu,
  spanning,
  onClose,
}: {
  menu: OpenMenu;
  spanning: boolean;
  onClose: (options: { restoreFocus: boolean }) => void;
}) {
  const project = useCockpit((state) => state.projects.find((p) => p.id === menu.projectId));
  const row = useCockpit((state) => state.boardRows[menu.projectId]);
  const environment = useCockpit((state) => (menu.col >= 1 ? state.boardColumns[menu.col - 1] : undefined));
  const actions = useCockpit(
    useShallow((state) => ({
      runCellAction: state.runCellAction,
      openRun: state.openRun,
      refreshProject: state.refreshProject,
      openDialog: state.openDialog,
      selectPipelinesProject: state.selectPipelinesProject,
      setView: state.setView,
      setAutoDeployPaused: state.setAutoDeployPaused,
    })),
  );
  const name = project?.name ?? row?.name ?? 'Project';
  const forProject = menu.col === 0 || spanning;
  // A cell's "Roll back to …" comes from the engine's rollback targets, read as the menu opens.
  const cellEnvironment = forProject ? undefined : environment;
  const loadRollbackTargets = useCockpit((state) => state.loadRollbackTargets);
  const rollbackTargets = useCockpit((state) =>
    cellEnvironment === undefined
      ? null
      : (rollbackTargetsOf(state, menu.projectId, cellEnvironment)?.list ?? null),
  );
  useEffect(() => {
    if (cellEnvironment !== undefined) void loadRollbackTargets(menu.projectId, cellEnvironment);
  }, [menu.projectId, cellEnvironment, loadRollbackTargets]);
  const items =
    forProject || !row || environment === undefined
      ? projectMenuItems(menu.projectId, project, row, actions)
      : cellMenuItems(row, environment, actions, rollbackTargets);
  if (items.length === 0) {
    return null;
  }
  return (
    <Menu
      label={forProject ? `Actions for ${name}` : `Actions for ${name} in ${environment}`}
      heading={forProject ? (project?.path ?? name) : `${name} · ${environment}`}
      items={items}
      anchor={menu.anchor}
      onClose={onClose}
    />
  );
}
