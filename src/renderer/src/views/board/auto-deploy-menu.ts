// The cell menu's continuous-delivery item: pause or resume the environment's auto_deploy /
// auto_promote rule (the same action as the cell's button, reachable from the keyboard).
import type { BoardCell } from '../../../../shared/domain/release.ts';
import type { MenuItem } from '../../components/Menu.tsx';
import type { CockpitState } from '../../stores/cockpit-store.ts';

export function autoDeployMenuItems(
  projectId: number,
  cell: BoardCell,
  actions: Pick<CockpitState, 'setAutoDeployPaused'>,
): MenuItem[] {
  const auto = cell.autoDeploy;
  if (!auto) return [];
  const name = auto.kind === 'auto_deploy' ? 'auto-deploy' : 'auto-promote';
  const paused = auto.paused !== null;
  return [
    {
      id: 'auto-deploy-toggle',
      label: paused ? `Resume ${name} to ${cell.environment}` : `Pause ${name} to ${cell.environment}`,
      onSelect: () => void actions.setAutoDeployPaused(projectId, cell.environment, !paused),
    },
  ];
}
