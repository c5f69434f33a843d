// Everything the command palette offers: go to each view; run a pipeline, add a project, check an
// environment now, toggle the theme; and every enabled action of every board cell (deploy, promote,
// roll back, approve, notes, history, …) — each with a label to search.
import type { BoardRow } from '../../../shared/domain/release.ts';
import { views, type ViewId } from '../navigation/views.ts';
import { cellActions, paletteLabel, type CellAction } from './cell-actions.ts';

export type PaletteCommand =
  | { id: string; label: string; kind: 'view'; view: ViewId }
  | { id: string; label: string; kind: 'cell'; action: CellAction }
  /** Run a pipeline: with its params asked first; without a pipeline, choose one in the Pipelines view. */
  | { id: string; label: string; kind: 'run'; projectId: number; pipeline: string }
  | { id: string; label: string; kind: 'choose-pipeline' }
  | { id: string; label: string; kind: 'add-project' }
  | { id: string; label: string; kind: 'check'; environmentId: number; name: string }
  | { id: string; label: string; kind: 'toggle-theme' };

/** What else the palette knows: each project's pipelines (as far as loaded), and the theme shown. */
export interface PaletteContext {
  pipelines?: readonly { projectId: number; projectName: string; names: readonly string[] }[];
  theme?: 'light' | 'dark';
}

export function paletteCommands(rows: readonly BoardRow[], context: PaletteContext = {}): PaletteCommand[] {
  const commands: PaletteCommand[] = views.map((view) => ({
    id: `view:${view.id}`,
    label: `Go to ${view.label}`,
    kind: 'view',
    view: view.id,
  }));
  commands.push({ id: 'run-pipeline', label: 'Run pipeline…', kind: 'choose-pipeline' });
  for (const project of context.pipelines ?? []) {
    for (const pipeline of project.names) {
      commands.push({
        id: `run:${project.projectId}:${pipeline}`,
        label: `Run pipeline ${pipeline} of ${project.projectName}…`,
        kind: 'run',
        projectId: project.projectId,
        pipeline,
      });
    }
  }
  commands.push({ id: 'add-project', label: 'Add project…', kind: 'add-project' });
  for (const row of rows) {
    for (const cell of row.cells) {
      if (cell.environmentId === null) continue;
      commands.push({
        id: `check:${cell.environmentId}`,
        label: `Check now: ${cell.environment} of ${row.name}`,
        kind: 'check',
        environmentId: cell.environmentId,
        name: `${cell.environment} (${row.name})`,
      });
    }
  }
  commands.push({
    id: 'toggle-theme',
    label: `Toggle theme${context.theme ? ` (to ${context.theme === 'dark' ? 'light' : 'dark'})` : ''}`,
    kind: 'toggle-theme',
  });
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
