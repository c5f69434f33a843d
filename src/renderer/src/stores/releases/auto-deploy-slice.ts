// Pausing and resuming an environment's continuous delivery (cockpit.yml `auto_deploy` /
// `auto_promote`) from the board; the engine records who and when, and audits it.
import type { SliceCreator } from '../slice.ts';
import type { NoticesSlice } from '../app/notices-slice.ts';
import type { BoardSlice } from '../board/board-slice.ts';
import { humanMessage } from '../error-message.ts';

export interface AutoDeploySlice {
  /** "<projectId>/<environment>" while its pause or resume is under way. */
  autoDeployToggling: string | null;
  setAutoDeployPaused: (projectId: number, environment: string, paused: boolean) => Promise<void>;
}

type Uses = Pick<NoticesSlice, 'notify'> & Pick<BoardSlice, 'scheduleBoardRefetch'>;

export const createAutoDeploySlice: SliceCreator<AutoDeploySlice, Uses> = (connection) => (set, get) => ({
  autoDeployToggling: null,
  async setAutoDeployPaused(projectId, environment, paused) {
    set({ autoDeployToggling: `${projectId}/${environment}` });
    try {
      if (paused) await connection.api.releases.autoDeployPause({ projectId, environment });
      else await connection.api.releases.autoDeployResume({ projectId, environment });
      get().notify('success', `Auto-deploy to ${environment} ${paused ? 'paused' : 'resumed'}.`);
      get().scheduleBoardRefetch();
    } catch (error) {
      get().notify('error', humanMessage(error));
    } finally {
      set({ autoDeployToggling: null });
    }
  },
});
