// The items of the board's menus: a cell's release actions, and a project's own actions (its row
// header, or the cell across a row whose cockpit.yml is broken).
import type { Project } from '../../../../shared/domain/project.ts';
import type { BoardRow } from '../../../../shared/domain/release.ts';
import type { RollbackTarget } from '../../../../shared/domain/rollback-target.ts';
import type { MenuItem } from '../../components/Menu.tsx';
import { cellActions } from '../../lib/cell-actions.ts';
import { autoDeployMenuItems } from './auto-deploy-menu.ts';
import type { CockpitState } from '../../stores/cockpit-store.ts';

type Actions = Pick<
  CockpitState,
  | 'runCellAction'
  | 'openRun'
  | 'refreshProject'
  | 'openDialog'
  | 'selectPipelinesProject'
  | 'setView'
  | 'setAutoDeployPaused'
>;

/** `rollbackTargets`: the engine's list for this cell once read (null until then). */
export function cellMenuItems(
  row: BoardRow,
  environment: string,
  actions: Actions,
  rollbackTargets: RollbackTarget[] | null,
): MenuItem[] {
  const cell = row.cells.find((candidate) => candidate.environment === environment);
  if (!cell) return [];
  const items: MenuItem[] = cellActions(row, cell, rollbackTargets).map((action) => ({
    id: action.kind,
    label: action.label,
    disabledReason: action.disabledReason,
    tone: action.kind === 'reject' || action.kind === 'cancel' ? 'danger' : undefined,
    onSelect: () => actions.runCellAction(action),
  }));
  return [...items, ...autoDeployMenuItems(row.projectId, cell, actions)];
}

export function projectMenuItems(
  projectId: number,
  project: Project | undefined,
  row: BoardRow | undefined,
  actions: Actions,
): MenuItem[] {
  const items: MenuItem[] = [];
  if (project?.configStatus === 'ok') {
    items.push({
      id: 'pipelines',
      label: 'Open pipelines',
      onSelect: () => {
        actions.selectPipelinesProject(projectId);
        actions.setView('pipelines');
      },
    });
  }
  const ci = row?.ci;
  if (ci) {
    items.push({
      id: 'ci',
      label: `Open the latest ${ci.pipeline} run (#${ci.runId})`,
      onSelect: () => actions.openRun(ci.runId),
    });
  }
  items.push(
    {
      id: 'refresh',
      label: 'Refresh (re-read cockpit.yml and git)',
      onSelect: () => void actions.refreshProject(projectId),
    },
    {
      id: 'remove',
      label: 'Remove from the cockpit…',
      tone: 'danger',
      onSelect: () => actions.openDialog({ kind: 'remove-project', projectId }),
    },
  );
  return items;
}
