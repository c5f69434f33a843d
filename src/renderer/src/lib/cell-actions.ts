// What can be done from one board cell (a project in one environment), shared by the cell's menu and
// the command palette. Offering an action is not allowing it: the engine evaluates the gates when
// the dialog previews it. Disabled actions say why.
import type { ApprovalState, BoardCell, BoardRow } from '../../../shared/domain/release.ts';
import type { RollbackTarget } from '../../../shared/domain/rollback-target.ts';

export type CellActionKind =
  | 'deploy'
  | 'promote'
  | 'rollback'
  | 'approve'
  | 'reject'
  | 'cancel'
  | 'notes'
  | 'history'
  | 'open-run'
  | 'open-environment'
  | 'waiting';

export type CellAction =
  | {
      kind: 'deploy' | 'notes' | 'history';
      projectId: number;
      environment: string;
      label: string;
      disabledReason: string | null;
    }
  | {
      kind: 'rollback';
      projectId: number;
      environment: string;
      /** The engine's previous rollback target, the dialog opens with it chosen; null: the dialog lists them. */
      version: string | null;
      label: string;
      disabledReason: string | null;
    }
  | {
      kind: 'promote';
      projectId: number;
      environment: string;
      /** The next environment in the lifecycle, where the version goes. */
      to: string;
      label: string;
      disabledReason: string | null;
    }
  | {
      kind: 'approve' | 'reject' | 'cancel';
      projectId: number;
      environment: string;
      deploymentId: number;
      label: string;
      disabledReason: null;
    }
  | {
      /** Not an action: who a pending deploy waits for, shown (disabled) where Approve would be. */
      kind: 'waiting';
      projectId: number;
      environment: string;
      label: string;
      disabledReason: string;
    }
  | {
      kind: 'open-run';
      projectId: number;
      environment: string;
      runId: number;
      label: string;
      disabledReason: null;
    }
  | {
      kind: 'open-environment';
      projectId: number;
      environment: string;
      environmentId: number;
      label: string;
      disabledReason: null;
    };

const noPipeline = (environment: string) => `No deploy pipeline targets ${environment} in cockpit.yml.`;

/**
 * `rollbackTargets`: the engine's releases.rollbackTargets for this cell, when read (the board menu
 * reads them as it opens; the palette does not, and offers the dialog that lists them).
 */
export function cellActions(
  row: BoardRow,
  cell: BoardCell,
  rollbackTargets: RollbackTarget[] | null = null,
): CellAction[] {
  const base = { projectId: row.projectId, environment: cell.environment };
  const actions: CellAction[] = [];
  const active = cell.active;

  if (active?.status === 'awaiting_approval') {
    // Who may approve is the engine's to say: Approve is offered only to them (Start, once every
    // approval is in, to anyone); the others see who it waits for.
    if (active.approved || active.approval?.mayApprove) {
      actions.push({
        ...base,
        kind: 'approve',
        deploymentId: active.deploymentId,
        // Every approval is in but a gate held it back: the same dialog offers to start it.
        label: active.approved ? `Start ${active.version}…` : `Approve ${active.version}…`,
        disabledReason: null,
      });
    } else {
      actions.push({
        ...base,
        kind: 'waiting',
        label: waitingForText(active.approval),
        disabledReason: active.approval?.whyNot ?? 'You cannot approve this deploy.',
      });
    }
    actions.push({
      ...base,
      kind: 'reject',
      deploymentId: active.deploymentId,
      label: `Reject ${active.version}…`,
      disabledReason: null,
    });
  }

  actions.push({
    ...base,
    kind: 'deploy',
    label: 'Deploy…',
    disabledReason: cell.canDeploy ? null : noPipeline(cell.environment),
  });

  // Where a release goes next is the engine's to say (the project's lifecycle).
  const next = cell.next;
  if (next !== null) {
    const nextCell = row.cells.find((candidate) => candidate.environment === next);
    actions.push({
      ...base,
      kind: 'promote',
      to: next,
      label: `Promote to ${next}…`,
      disabledReason:
        cell.recorded === null && cell.reportedVersion === null
          ? `Nothing runs in ${cell.environment} yet.`
          : nextCell?.canDeploy
            ? null
            : noPipeline(next),
    });
  }

  actions.push({ ...base, kind: 'rollback', ...rollbackOffer(cell, rollbackTargets) });

  if (active && active.status !== 'awaiting_approval') {
    actions.push({
      ...base,
      kind: 'cancel',
      deploymentId: active.deploymentId,
      label: 'Cancel the deploy…',
      disabledReason: null,
    });
  } else if (active) {
    actions.push({
      ...base,
      kind: 'cancel',
      deploymentId: active.deploymentId,
      label: 'Withdraw the request…',
      disabledReason: null,
    });
  }
  if (active?.runId != null) {
    actions.push({
      ...base,
      kind: 'open-run',
      runId: active.runId,
      label: `Open deploy run #${active.runId}`,
      disabledReason: null,
    });
  }

  actions.push(
    { ...base, kind: 'notes', label: 'Release notes', disabledReason: null },
    { ...base, kind: 'history', label: 'History', disabledReason: null },
  );
  if (cell.environmentId !== null) {
    actions.push({
      ...base,
      kind: 'open-environment',
      environmentId: cell.environmentId,
      label: 'Open environment',
      disabledReason: null,
    });
  }
  return actions;
}

/**
 * "Roll back to v1.0.0" when the engine names a previous release (deployed or only observed there),
 * else why not; without the engine's list yet, "Roll back…" opens the dialog that shows it.
 */
export function rollbackOffer(
  cell: BoardCell,
  targets: RollbackTarget[] | null,
): { label: string; version: string | null; disabledReason: string | null } {
  if (!cell.canDeploy) {
    return { label: 'Roll back…', version: null, disabledReason: noPipeline(cell.environment) };
  }
  if (targets === null) {
    return {
      label: 'Roll back…',
      version: null,
      disabledReason:
        cell.recorded === null && cell.reportedVersion === null
          ? `Nothing runs in ${cell.environment} yet.`
          : null,
    };
  }
  const previous = targets.find((target) => target.previous);
  if (previous)
    return { label: `Roll back to ${previous.version}`, version: previous.version, disabledReason: null };
  return {
    label: 'Roll back…',
    version: null,
    disabledReason:
      targets.length === 0
        ? `Nothing to roll back to: no release live in ${cell.environment} before is left (one rolled back is not offered again).`
        : `What ran in ${cell.environment} before (${targets.map((target) => target.version).join(', ')}) is no tag or commit in this repository: it cannot be deployed again.`,
  };
}

/** "Waiting for one of: bob, carol", in the engine's terms (who may still approve). */
export function waitingForText(approval: ApprovalState | null): string {
  if (!approval) return 'Waiting for approval';
  if (approval.waitingFor.length > 0) return `Waiting for one of: ${approval.waitingFor.join(', ')}`;
  if (approval.anyone && approval.approvalsLeft > 0) {
    return approval.excluded.length > 0
      ? `Waiting for an approval from anyone but ${approval.excluded.join(', ')}`
      : 'Waiting for an approval from anyone';
  }
  return approval.approvalsLeft > 0
    ? 'Waiting for approval (no approver left who may give it)'
    : 'Waiting for approval';
}

/** The action named on its own, for the command palette: "Deploy Demo shop API to staging…". */
export function paletteLabel(action: CellAction, projectName: string): string {
  const where = `${projectName} in ${action.environment}`;
  switch (action.kind) {
    case 'deploy':
      return `Deploy ${projectName} to ${action.environment}…`;
    case 'promote':
      return `Promote ${projectName} from ${action.environment} to ${action.to}…`;
    case 'rollback':
      return action.version === null ? `Roll back ${where}…` : `Roll back ${where} to ${action.version}…`;
    case 'approve':
      return `Approve the pending deploy of ${where}…`;
    case 'reject':
      return `Reject the pending deploy of ${where}…`;
    case 'cancel':
      return `Cancel the deploy of ${where}…`;
    case 'open-run':
      return `Open the deploy run of ${where}`;
    case 'notes':
      return `Release notes of ${where}`;
    case 'history':
      return `Deploy history of ${where}`;
    case 'open-environment':
      return `Open environment ${action.environment} of ${projectName}`;
    case 'waiting':
      return `${action.label} (${where})`;
  }
}
