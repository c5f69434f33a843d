// Derived rollback values components select: pure functions of the engine's rollback targets,
// tested in rollback-selectors.test.ts.
import type { RollbackTarget } from '../../../../shared/domain/rollback-target.ts';
import { rollbackTargetsKey, type RollbackTargetsSlice } from './rollback-targets-slice.ts';

/** The engine's answer for one cell, or undefined while it has not answered yet. */
export function rollbackTargetsOf(
  state: Pick<RollbackTargetsSlice, 'rollbackTargets'>,
  projectId: number,
  environment: string,
) {
  return state.rollbackTargets[rollbackTargetsKey(projectId, environment)];
}

/**
 * The target the rollback goes to: the one chosen (by version), else the one the engine marks
 * previous (where a rollback without a version goes); null when there is none to go to.
 */
export function chosenRollbackTarget(
  targets: RollbackTarget[] | null,
  chosenVersion: string | null,
): RollbackTarget | null {
  if (!targets) return null;
  const chosen =
    chosenVersion === null ? undefined : targets.find((target) => target.version === chosenVersion);
  return chosen ?? targets.find((target) => target.previous) ?? null;
}
