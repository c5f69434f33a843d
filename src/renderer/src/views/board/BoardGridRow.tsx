// One project's row of the board: its header, then a cell per column (environment) — or, when its
// cockpit.yml is missing or broken, one cell across every column saying so. It selects its own
// project and board row, so an event that changes another project does not re-render it.
import { memo } from 'react';
import { useCockpit } from '../../stores/store-context.tsx';
import { BoardCellView, MissingCell, PendingCell } from './BoardCellView.tsx';
import { ConfigProblems, ConfigStatusBadge } from './ConfigStatus.tsx';
import { RowHeader } from './RowHeader.tsx';

interface BoardGridRowProps {
  projectId: number;
  row: number;
  columns: string[];
  spanning: boolean;
  /** The column holding the grid's single Tab stop, when it is in this row. */
  tabbableCol: number | null;
  /** The column whose menu is open, when it is in this row. */
  menuCol: number | null;
  onMenuButton: (anchor: HTMLElement) => void;
}

export const BoardGridRow = memo(function BoardGridRow({
  projectId,
  row,
  columns,
  spanning,
  tabbableCol,
  menuCol,
  onMenuButton,
}: BoardGridRowProps) {
  const project = useCockpit((state) => state.projects.find((p) => p.id === projectId));
  const boardRow = useCockpit((state) => state.boardRows[projectId]);
  const boardLoaded = useCockpit((state) => state.boardLoaded);
  const busy = useCockpit((state) => state.projectActivity[projectId] !== undefined);
  const name = project?.name ?? boardRow?.name ?? `Project ${projectId}`;

  return (
    <div
      role="row"
      className="board-row"
      aria-rowindex={row + 2}
      data-testid="project-row"
      data-project-id={projectId}
    >
      <RowHeader
        projectId={projectId}
        project={project}
        boardRow={boardRow}
        busy={busy}
        row={row}
        tabbable={tabbableCol === 0}
        menuOpen={menuCol === 0}
        onMenuButton={onMenuButton}
      />
      {spanning ? (
        <div
          role="gridcell"
          className="board-cell board-cell-span"
          aria-colspan={Math.max(1, columns.length)}
          tabIndex={tabbableCol !== null && tabbableCol > 0 ? 0 : -1}
          data-row={row}
          data-col={1}
          data-testid="board-config-problem"
        >
          {project && project.configStatus !== 'ok' ? (
            <>
              <ConfigStatusBadge status={project.configStatus} />
              {project.configStatus === 'missing' ? (
                <p className="board-span-text">
                  Add a <code>cockpit.yml</code> with <code>environments:</code> to see its releases here.
                </p>
              ) : null}
              <ConfigProblems problems={project.configProblems} />
            </>
          ) : (
            <>
              <ConfigStatusBadge status="invalid" />
              <p className="board-span-text">{boardRow?.configProblem}</p>
            </>
          )}
        </div>
      ) : (
        columns.map((environment, index) => {
          const col = index + 1;
          const tabbable = tabbableCol === col;
          if (!boardRow) {
            return boardLoaded ? (
              <MissingCell
                key={environment}
                projectName={name}
                environment={environment}
                row={row}
                col={col}
                tabbable={tabbable}
              />
            ) : (
              <PendingCell key={environment} row={row} col={col} tabbable={tabbable} />
            );
          }
          const cell = boardRow.cells.find((candidate) => candidate.environment === environment);
          return cell ? (
            <BoardCellView
              key={environment}
              projectName={name}
              projectId={projectId}
              cell={cell}
              previousEnvironment={cell.previous}
              row={row}
              col={col}
              tabbable={tabbable}
              menuOpen={menuCol === col}
            />
          ) : (
            <MissingCell
              key={environment}
              projectName={name}
              environment={environment}
              row={row}
              col={col}
              tabbable={tabbable}
            />
          );
        })
      )}
    </div>
  );
});
