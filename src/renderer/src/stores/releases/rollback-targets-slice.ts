// What each environment can be rolled back to, as the engine lists it (releases.rollbackTargets):
// read when a board cell's menu opens and when the deploy dialog rolls back, per cell.
import type { RollbackTarget } from '../../../../shared/domain/rollback-target.ts';
import type { SliceCreator } from '../slice.ts';
import { shownError, type ShownError } from '../error-message.ts';

/** The engine's answer for one cell: its targets (newest first), or why it could not say. */
export type RollbackTargetsAnswer =
  { list: RollbackTarget[]; error: null } | { list: null; error: ShownError };

export interface RollbackTargetsSlice {
  /** By cell: `rollbackTargetsKey(projectId, environment)`; absent until the engine answered. */
  rollbackTargets: Record<string, RollbackTargetsAnswer>;
  loadRollbackTargets: (projectId: number, environment: string) => Promise<void>;
}

export const rollbackTargetsKey = (projectId: number, environment: string) => `${projectId}/${environment}`;

export const createRollbackTargetsSlice: SliceCreator<RollbackTargetsSlice> = (connection) => (set) => ({
  rollbackTargets: {},

  async loadRollbackTargets(projectId, environment) {
    const key = rollbackTargetsKey(projectId, environment);
    // An earlier answer may be stale (a rollback since): nothing is offered from it while asking again.
    set((state) => {
      const { [key]: _stale, ...others } = state.rollbackTargets;
      return { rollbackTargets: others };
    });
    let answer: RollbackTargetsAnswer;
    try {
      answer = {
        list: await connection.api.releases.rollbackTargets({ projectId, environment }),
        error: null,
      };
    } catch (error) {
      answer = { list: null, error: shownError(error) };
    }
    set((state) => ({ rollbackTargets: { ...state.rollbackTargets, [key]: answer } }));
  },
});
