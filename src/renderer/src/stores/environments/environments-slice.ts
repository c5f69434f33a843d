// The Environments grid's data: every environment's state at a glance (all projects, or the one
// chosen, remembered), fetched while the grid is open and refetched (coalesced) on `environments.changed`.
import type { EnvironmentSummary } from '../../../../shared/domain/environment.ts';
import type { SliceCreator } from '../slice.ts';
import type { NoticesSlice } from '../app/notices-slice.ts';
import { humanMessage, shownError, type ShownError } from '../error-message.ts';
import { latestRequest } from '../latest-request.ts';

export type EnvironmentsFilter = number | 'all';

export interface EnvironmentsSlice {
  /** Every environment of every project, production first; null until they arrive. */
  environments: EnvironmentSummary[] | null;
  environmentsError: ShownError | null;
  /** Which project the grid shows; 'all' (the default) groups every project. */
  environmentsFilter: EnvironmentsFilter;
  setEnvironmentsFilter: (filter: EnvironmentsFilter) => void;
  /** Called by the grid while it is shown: fetches now and on changes. Returns "stop watching". */
  watchEnvironments: () => () => void;
  fetchEnvironments: () => Promise<void>;
  /** Something about environments changed: refetch soon if the grid is shown. */
  scheduleEnvironmentsRefetch: () => void;
  /** Runs one environment's checks now (the command palette's "Check now") and says what it found. */
  checkEnvironment: (environmentId: number, name: string) => Promise<void>;
}

const STORAGE_KEY = 'cockpit.environmentsFilter';
const REFETCH_DELAY_MS = 150;

function loadFilter(): EnvironmentsFilter {
  try {
    const stored = Number(localStorage.getItem(STORAGE_KEY));
    return Number.isInteger(stored) && stored > 0 ? stored : 'all';
  } catch {
    return 'all';
  }
}

function saveFilter(filter: EnvironmentsFilter) {
  try {
    localStorage.setItem(STORAGE_KEY, String(filter));
  } catch {
    // Without storage the choice lasts for this session.
  }
}

/** What this slice reads or calls from other slices. */
type Uses = Pick<NoticesSlice, 'notify'>;

export const createEnvironmentsSlice: SliceCreator<EnvironmentsSlice, Uses> = (connection) => (set, get) => {
  let refetchTimer: ReturnType<typeof setTimeout> | undefined;
  const latestFetch = latestRequest();
  let watchers = 0;

  return {
    environments: null,
    environmentsError: null,
    environmentsFilter: loadFilter(),

    setEnvironmentsFilter(filter) {
      saveFilter(filter);
      set({ environmentsFilter: filter });
    },

    watchEnvironments() {
      watchers++;
      void get().fetchEnvironments();
      return () => {
        watchers--;
        if (watchers > 0) return;
        clearTimeout(refetchTimer);
        refetchTimer = undefined;
      };
    },

    async fetchEnvironments() {
      await latestFetch(
        // All projects in one call: the filter is applied when showing, so switching it is instant.
        () => connection.api.environments.list({}),
        (environments) => set({ environments, environmentsError: null }),
        (error) => set({ environmentsError: shownError(error) }),
      );
    },

    async checkEnvironment(environmentId, name) {
      try {
        const result = await connection.api.environments.checkNow({ environmentId });
        if (result.state === 'up') get().notify('success', `${name} answered: up.`);
        else get().notify('warning', `${name} is ${result.state}${result.error ? `: ${result.error}` : '.'}`);
      } catch (error) {
        get().notify('error', `Could not check ${name} now: ${humanMessage(error)}`);
      }
    },

    scheduleEnvironmentsRefetch() {
      // Coalesced rather than debounced: checks every few seconds still refresh the grid promptly.
      if (watchers === 0 || refetchTimer !== undefined) return;
      refetchTimer = setTimeout(() => {
        refetchTimer = undefined;
        void get().fetchEnvironments();
      }, REFETCH_DELAY_MS);
    },
  };
};
