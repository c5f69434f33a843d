// Everything the command palette offers: go to each view, and every enabled action of every board
// cell (deploy, promote, roll back, approve, notes, history, …), each with a label to search.
import type { BoardRow } from '../../../shared/domain/release.ts';
import { views, type ViewId } from '../navigation/views.ts';
import { cellActions, paletteLabel, type CellAction } from './cell-actions.ts';

export type PaletteCommand =
  | { id: string; label: string; kind: 'view'; view: ViewId }
  | { id: string; label: string; kind: 'cell'; action: CellAction };

export function paletteCommands(rows: readonly BoardRow[]): PaletteCommand[] {
  const commands: PaletteCommand[] = views.map((view) => ({
    id: `view:${view.id}`,
    label: `Go to ${view.label}`,
    kind: 'view',
    view: view.id,
  }));
  // Approvals first: they are what someone is waiting for.
  const pending: PaletteCommand[] = [];
  const others: PaletteCommand[] = [];
  for (const row of rows) {
    for (const cell of row.cells) {
      for (const action of cellActions(row, cell)) {
        if (action.disabledReason !== null) continue;
        const command: PaletteCommand = {
          id: `cell:${row.projectId}:${cell.environment}:${action.kind}`,
          label: paletteLabel(action, row.name),
          kind: 'cell',
          action,
        };
        (action.kind === 'approve' || action.kind === 'reject' ? pending : others).push(command);
      }
    }
  }
  return [...commands, ...pending, ...others];
}
