// One environment's page (#/environments/<id>): its detail, history over a chosen range (plus 90 days
// for the uptime bars and versions), its incidents, and the actions Check now, Pause, Resume and
// Acknowledge. Fetched while the page is open; refetched (coalesced) on `environments.changed` for it.
import type {
  EnvironmentDetail,
  EnvironmentHistory,
  Incident,
} from '../../../../shared/domain/environment.ts';
import type { SliceCreator } from '../slice.ts';
import type { NoticesSlice } from '../app/notices-slice.ts';
import { humanMessage, shownError, type ShownError } from '../error-message.ts';

export const historyRanges = ['1h', '24h', '7d', '30d', '90d'] as const;
export type HistoryRange = (typeof historyRanges)[number];
export type EnvironmentAction = 'check' | 'pause' | 'resume';

export interface EnvironmentDetailSlice {
  /** The watched environment; null until it arrives (or when it could not be loaded). */
  environment: EnvironmentDetail | null;
  environmentError: ShownError | null;
  historyRange: HistoryRange;
  /** History over `historyRange`, for the latency chart. */
  history: EnvironmentHistory | null;
  /** History over 90 days, for the uptime bars and the versions seen. */
  longHistory: EnvironmentHistory | null;
  historyError: ShownError | null;
  /** The environment's incidents, newest first. */
  incidents: Incident[] | null;
  environmentAction: EnvironmentAction | null;
  /** The incident being acknowledged. */
  acknowledging: number | null;
  watchEnvironment: (environmentId: number) => () => void;
  fetchEnvironment: () => Promise<void>;
  fetchEnvironmentHistory: () => Promise<void>;
  setHistoryRange: (range: HistoryRange) => void;
  /** `environments.changed` for this environment (null: for any). */
  scheduleEnvironmentRefetch: (environmentId: number | null) => void;
  checkEnvironmentNow: () => Promise<void>;
  setEnvironmentPaused: (paused: boolean) => Promise<void>;
  acknowledgeIncident: (incidentId: number) => Promise<void>;
}

const REFETCH_DELAY_MS = 150;
/** History comes from rollups that move slowly: live events refresh it at most this often. */
const HISTORY_REFRESH_MS = 10_000;
const INCIDENT_LIMIT = 100;

/** What this slice reads or calls from other slices. */
type Uses = Pick<NoticesSlice, 'notify'>;

/** The detail state before an environment arrives, and again when the view switches to another one. */
const noEnvironment: Pick<
  EnvironmentDetailSlice,
  | 'environment'
  | 'environmentError'
  | 'history'
  | 'longHistory'
  | 'historyError'
  | 'incidents'
  | 'environmentAction'
  | 'acknowledging'
> = {
  environment: null,
  environmentError: null,
  history: null,
  longHistory: null,
  historyError: null,
  incidents: null,
  environmentAction: null,
  acknowledging: null,
};

export const createEnvironmentDetailSlice: SliceCreator<EnvironmentDetailSlice, Uses> =
  (connection) => (set, get) => {
    let watchedId: number | null = null;
    let refetchTimer: ReturnType<typeof setTimeout> | undefined;
    let latestFetch = 0;
    let latestHistoryFetch = 0;
    let historyFetchedAt = 0;

    const stillWatching = (environmentId: number) => watchedId === environmentId;

    return {
      historyRange: '24h',
      ...noEnvironment,

      watchEnvironment(environmentId) {
        watchedId = environmentId;
        if (get().environment?.id !== environmentId) {
          set(noEnvironment);
        }
        void get().fetchEnvironment();
        void get().fetchEnvironmentHistory();
        return () => {
          if (watchedId !== environmentId) return;
          watchedId = null;
          clearTimeout(refetchTimer);
          refetchTimer = undefined;
        };
      },

      async fetchEnvironment() {
        const environmentId = watchedId;
        if (environmentId === null) return;
        const fetchId = ++latestFetch;
        try {
          const [environment, incidents] = await Promise.all([
            connection.api.environments.get({ environmentId }),
            connection.api.incidents.list({ environmentId, limit: INCIDENT_LIMIT }),
          ]);
          if (fetchId === latestFetch && stillWatching(environmentId)) {
            set({ environment, incidents, environmentError: null });
          }
        } catch (error) {
          if (fetchId === latestFetch && stillWatching(environmentId)) {
            set({ environmentError: shownError(error) });
          }
        }
      },

      async fetchEnvironmentHistory() {
        const environmentId = watchedId;
        if (environmentId === null) return;
        const range = get().historyRange;
        const fetchId = ++latestHistoryFetch;
        historyFetchedAt = Date.now();
        try {
          const [history, longHistory] = await Promise.all([
            connection.api.environments.history({ environmentId, range }),
            range === '90d' ? null : connection.api.environments.history({ environmentId, range: '90d' }),
          ]);
          if (fetchId === latestHistoryFetch && stillWatching(environmentId)) {
            set({ history, longHistory: longHistory ?? history, historyError: null });
          }
        } catch (error) {
          if (fetchId === latestHistoryFetch && stillWatching(environmentId)) {
            set({ historyError: shownError(error) });
          }
        }
      },

      setHistoryRange(range) {
        if (get().historyRange === range) return;
        set({ historyRange: range, history: null });
        void get().fetchEnvironmentHistory();
      },

      scheduleEnvironmentRefetch(environmentId) {
        if (watchedId === null || (environmentId !== null && environmentId !== watchedId)) return;
        if (refetchTimer !== undefined) return;
        refetchTimer = setTimeout(() => {
          refetchTimer = undefined;
          void get().fetchEnvironment();
          if (Date.now() - historyFetchedAt >= HISTORY_REFRESH_MS) void get().fetchEnvironmentHistory();
        }, REFETCH_DELAY_MS);
      },

      async checkEnvironmentNow() {
        const environmentId = watchedId;
        if (environmentId === null || get().environmentAction !== null) return;
        set({ environmentAction: 'check' });
        try {
          const result = await connection.api.environments.checkNow({ environmentId });
          const name = get().environment?.name ?? 'The environment';
          if (result.state === 'up') get().notify('success', `${name} answered: up.`);
          else
            get().notify('warning', `${name} is ${result.state}${result.error ? `: ${result.error}` : '.'}`);
          await get().fetchEnvironment();
        } catch (error) {
          get().notify('error', `Could not check now: ${humanMessage(error)}`);
        } finally {
          set({ environmentAction: null });
        }
      },

      async setEnvironmentPaused(paused) {
        const environmentId = watchedId;
        if (environmentId === null || get().environmentAction !== null) return;
        set({ environmentAction: paused ? 'pause' : 'resume' });
        try {
          if (paused) await connection.api.environments.pause({ environmentId });
          else await connection.api.environments.resume({ environmentId });
          await get().fetchEnvironment();
        } catch (error) {
          get().notify('error', `Could not ${paused ? 'pause' : 'resume'} checks: ${humanMessage(error)}`);
        } finally {
          set({ environmentAction: null });
        }
      },

      async acknowledgeIncident(incidentId) {
        if (get().acknowledging !== null) return;
        set({ acknowledging: incidentId });
        try {
          const updated = await connection.api.incidents.acknowledge({ incidentId });
          set((state) => ({
            incidents:
              state.incidents?.map((incident) => (incident.id === updated.id ? updated : incident)) ?? null,
          }));
        } catch (error) {
          get().notify('error', `Could not acknowledge the incident: ${humanMessage(error)}`);
        } finally {
          set({ acknowledging: null });
        }
      },
    };
  };
