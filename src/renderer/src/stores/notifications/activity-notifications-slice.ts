// Desktop notifications for activity: a pipeline that failed, an approval someone asks of you, a
// deploy that finished. The engine's events only say "run 12 changed", so each one (once the burst
// settles) is fetched and handed to the pure rules in lib/notification-rules.ts, which honour the
// per-project settings and never repeat themselves. Nothing is fetched unless notifications are allowed.
import { activeDeploymentStatuses, type Deployment } from '../../../../shared/domain/release.ts';
import { notificationAccess, showDesktopNotification } from '../../lib/desktop-notifications.ts';
import {
  deploymentNotice,
  notificationEnabled,
  runNotice,
  type ActivityNotice,
  type NoticeContext,
} from '../../lib/notification-rules.ts';
import { isActiveRun } from '../../lib/run-status.ts';
import type { SliceCreator } from '../slice.ts';
import type { SettingsSlice } from '../settings/settings-slice.ts';
import type { AppInfoSlice } from '../app/app-info-slice.ts';
import type { UiSlice } from '../app/ui-slice.ts';
import type { ProjectsSlice } from '../projects/projects-slice.ts';
import type { BoardSlice } from '../board/board-slice.ts';

export interface ActivityNotificationsSlice {
  /** `runs.changed`: maybe a run just failed. */
  noticeRunChanged: (projectId: number | null, runId: number | null) => void;
  /** `releases.changed`: maybe a deployment awaits approval or just ended. */
  noticeDeploymentChanged: (deploymentId: number | null) => void;
}

/** Lets a burst of events about one run or deployment settle before fetching it. */
const SETTLE_MS = 300;

function activeDeployRunIds(state: Pick<BoardSlice, 'boardRows'>): number[] {
  const ids: number[] = [];
  for (const row of Object.values(state.boardRows)) {
    for (const cell of row.cells) if (cell.active?.runId != null) ids.push(cell.active.runId);
  }
  return ids;
}

/** What this slice reads or calls from other slices. */
type Uses = Pick<SettingsSlice, 'settings'> &
  Pick<AppInfoSlice, 'appInfo'> &
  Pick<UiSlice, 'openRun' | 'setView'> &
  Pick<ProjectsSlice, 'projects'> &
  Pick<BoardSlice, 'boardRows'>;

export const createActivityNotificationsSlice: SliceCreator<ActivityNotificationsSlice, Uses> =
  (connection) => (_set, get) => {
    const openedAt = Date.now();
    const seen = new Set<string>();
    /** Runs and deployments known to be over: no need to fetch them again. */
    const settled = new Set<string>();
    const deployRunIds = new Set<number>();
    const timers = new Map<string, ReturnType<typeof setTimeout>>();

    const allowed = () => notificationAccess() === 'granted' && get().settings !== null;

    const context = (): NoticeContext => {
      const state = get();
      for (const runId of activeDeployRunIds(state)) deployRunIds.add(runId);
      return {
        prefs: state.settings?.notifications ?? null,
        actor: state.appInfo?.actor ?? null,
        openedAt,
        seen,
        deployRunIds,
      };
    };

    const show = (notice: ActivityNotice) => {
      seen.add(notice.key);
      const { target } = notice;
      showDesktopNotification({
        title: notice.title,
        body: notice.body,
        tag: notice.key,
        onClick: () => {
          const state = get();
          if (target.view === 'run') state.openRun(target.runId);
          else state.setView(target.view);
        },
      });
    };

    const later = (key: string, work: () => Promise<void>) => {
      clearTimeout(timers.get(key));
      timers.set(
        key,
        setTimeout(() => {
          timers.delete(key);
          void work().catch(() => {
            // A run or deployment that cannot be read now is told about on its next change.
          });
        }, SETTLE_MS),
      );
    };

    const learnDeployment = (deployment: Deployment) => {
      if (deployment.runId !== null) deployRunIds.add(deployment.runId);
      if (!activeDeploymentStatuses.includes(deployment.status)) settled.add(`deployment:${deployment.id}`);
    };

    return {
      noticeRunChanged(projectId, runId) {
        if (runId === null || !allowed() || settled.has(`run:${runId}`)) return;
        if (!notificationEnabled(get().settings?.notifications ?? null, projectId, 'pipeline_failed')) return;
        later(`run:${runId}`, async () => {
          const run = await connection.api.runs.get({ runId });
          if (isActiveRun(run.status)) return;
          settled.add(`run:${runId}`);
          const projectName = get().projects.find((project) => project.id === run.projectId)?.name ?? null;
          const notice = runNotice(run, projectName, context());
          if (notice) show(notice);
        });
      },

      noticeDeploymentChanged(deploymentId) {
        if (deploymentId === null || !allowed() || settled.has(`deployment:${deploymentId}`)) return;
        later(`deployment:${deploymentId}`, async () => {
          const deployment = await connection.api.releases.get({ deploymentId });
          learnDeployment(deployment);
          const notice = deploymentNotice(deployment, context());
          if (notice) show(notice);
        });
      },
    };
  };
