// The Releases view's data: deployment history across projects (filtered by project and environment,
// paged), the deployments awaiting approval, one environment's history (the board's History dialog),
// expanded deployments in detail (gates, approvals, notes, audit), and the audit log with its chain
// check. All refetched, coalesced, when the engine says releases changed.
import type {
  AuditEntry,
  AuditVerification,
  Deployment,
  DeploymentDetail,
} from '../../../../shared/domain/release.ts';
import { createCoalescer } from '../../lib/coalescer.ts';
import type { SliceCreator } from '../slice.ts';
import type { NoticesSlice } from '../app/notices-slice.ts';
import { humanMessage, shownError, type ShownError } from '../error-message.ts';

export interface ReleasesFilter {
  projectId: number | 'all';
  /** An environment name, or 'all'. */
  environment: string;
}

export interface EnvironmentRef {
  projectId: number;
  environment: string;
}

export interface ReleasesSlice {
  releasesFilter: ReleasesFilter;
  deployments: Deployment[] | null;
  deploymentsHasMore: boolean;
  deploymentsLoadingMore: boolean;
  deploymentsError: ShownError | null;
  pendingApprovals: Deployment[] | null;
  setReleasesFilter: (patch: Partial<ReleasesFilter>) => void;
  /** Called by the Releases view while shown. Returns "stop watching". */
  watchReleases: () => () => void;
  loadMoreDeployments: () => Promise<void>;

  /** One environment's deployments (the board's History dialog). */
  cellHistoryFor: EnvironmentRef | null;
  cellHistory: Deployment[] | null;
  cellHistoryError: ShownError | null;
  watchCellHistory: (ref: EnvironmentRef) => () => void;

  /** Deployments opened in detail, by id (kept fresh while open). */
  deploymentDetails: Record<number, DeploymentDetail>;
  deploymentDetailErrors: Record<number, string>;
  /** Called while a deployment's details are shown. Returns "stop watching". */
  watchDeployment: (deploymentId: number) => () => void;

  audit: AuditEntry[] | null;
  auditHasMore: boolean;
  auditLoadingMore: boolean;
  auditError: ShownError | null;
  auditVerification: AuditVerification | null;
  auditVerifying: boolean;
  auditVerifyError: string | null;
  watchAudit: () => () => void;
  loadMoreAudit: () => Promise<void>;
  verifyAudit: () => Promise<void>;

  /** A deployment changed (null: anything might have): refetch what is shown. */
  scheduleReleasesRefetch: (deploymentId: number | null) => void;
}

export const DEPLOYMENTS_PAGE = 30;
const AUDIT_PAGE = 50;
const PENDING_LIMIT = 200;
const HISTORY_LIMIT = 50;
const MAX_LIMIT = 500;

/** What this slice reads or calls from other slices. */
type Uses = Pick<NoticesSlice, 'notify'>;

export const createReleasesSlice: SliceCreator<ReleasesSlice, Uses> = (connection) => (set, get) => {
  let releasesWatchers = 0;
  let auditWatchers = 0;
  let historyWatchers = 0;
  const detailWatchers = new Map<number, number>();
  /** Details to refetch on the next pass (null: all shown). */
  let staleDetails: Set<number> | null = new Set();
  const latest = { deployments: 0, pending: 0, history: 0, audit: 0 };

  const filterParams = () => {
    const { projectId, environment } = get().releasesFilter;
    return {
      projectId: projectId === 'all' ? undefined : projectId,
      environment: environment === 'all' ? undefined : environment,
    };
  };

  async function fetchDeployments() {
    const id = ++latest.deployments;
    const limit = Math.min(MAX_LIMIT, Math.max(DEPLOYMENTS_PAGE, get().deployments?.length ?? 0));
    try {
      const deployments = await connection.api.releases.list({ ...filterParams(), limit });
      if (id === latest.deployments) {
        set({ deployments, deploymentsHasMore: deployments.length === limit, deploymentsError: null });
      }
    } catch (error) {
      if (id === latest.deployments) set({ deploymentsError: shownError(error) });
    }
  }

  async function fetchPending() {
    const id = ++latest.pending;
    try {
      const recent = await connection.api.releases.list({ limit: PENDING_LIMIT });
      if (id === latest.pending) {
        set({ pendingApprovals: recent.filter((deployment) => deployment.status === 'awaiting_approval') });
      }
    } catch {
      // The history list right below shows the same failure.
    }
  }

  async function fetchHistory() {
    const ref = get().cellHistoryFor;
    if (!ref) return;
    const id = ++latest.history;
    try {
      const cellHistory = await connection.api.releases.list({ ...ref, limit: HISTORY_LIMIT });
      if (id === latest.history) set({ cellHistory, cellHistoryError: null });
    } catch (error) {
      if (id === latest.history) set({ cellHistoryError: shownError(error) });
    }
  }

  async function fetchDetail(deploymentId: number) {
    try {
      const detail = await connection.api.releases.get({ deploymentId });
      if (!detailWatchers.has(deploymentId)) return;
      set((state) => {
        const errors = { ...state.deploymentDetailErrors };
        delete errors[deploymentId];
        return {
          deploymentDetails: { ...state.deploymentDetails, [deploymentId]: detail },
          deploymentDetailErrors: errors,
        };
      });
    } catch (error) {
      set((state) => ({
        deploymentDetailErrors: { ...state.deploymentDetailErrors, [deploymentId]: humanMessage(error) },
      }));
    }
  }

  async function fetchAudit() {
    const id = ++latest.audit;
    const limit = Math.min(1000, Math.max(AUDIT_PAGE, get().audit?.length ?? 0));
    try {
      const audit = await connection.api.audit.list({ limit });
      if (id === latest.audit) set({ audit, auditHasMore: audit.length === limit, auditError: null });
    } catch (error) {
      if (id === latest.audit) set({ auditError: shownError(error) });
    }
  }

  const refetch = createCoalescer({
    minIntervalMs: 500,
    gatherMs: 80,
    run: async () => {
      const details = staleDetails === null ? [...detailWatchers.keys()] : [...staleDetails];
      staleDetails = new Set();
      await Promise.all([
        releasesWatchers > 0 ? fetchDeployments() : null,
        releasesWatchers > 0 ? fetchPending() : null,
        historyWatchers > 0 ? fetchHistory() : null,
        auditWatchers > 0 ? fetchAudit() : null,
        ...details.filter((id) => detailWatchers.has(id)).map((id) => fetchDetail(id)),
      ]);
    },
  });

  const watching = () => releasesWatchers + auditWatchers + historyWatchers + detailWatchers.size > 0;

  return {
    releasesFilter: { projectId: 'all', environment: 'all' },
    deployments: null,
    deploymentsHasMore: false,
    deploymentsLoadingMore: false,
    deploymentsError: null,
    pendingApprovals: null,

    setReleasesFilter(patch) {
      const releasesFilter = { ...get().releasesFilter, ...patch };
      latest.deployments++;
      set({ releasesFilter, deployments: null, deploymentsHasMore: false, deploymentsError: null });
      void fetchDeployments();
    },

    watchReleases() {
      releasesWatchers++;
      void fetchDeployments();
      void fetchPending();
      return () => {
        releasesWatchers--;
      };
    },

    async loadMoreDeployments() {
      const { deployments, deploymentsLoadingMore } = get();
      const oldest = deployments?.[deployments.length - 1];
      if (!oldest || deploymentsLoadingMore) return;
      const id = ++latest.deployments;
      set({ deploymentsLoadingMore: true });
      try {
        const more = await connection.api.releases.list({
          ...filterParams(),
          limit: DEPLOYMENTS_PAGE,
          beforeId: oldest.id,
        });
        if (id !== latest.deployments) return;
        set((state) => ({
          deployments: [...(state.deployments ?? []), ...more.filter((d) => d.id < oldest.id)],
          deploymentsHasMore: more.length === DEPLOYMENTS_PAGE,
        }));
      } catch (error) {
        get().notify('error', `Could not load more deployments: ${humanMessage(error)}`);
      } finally {
        set({ deploymentsLoadingMore: false });
      }
    },

    cellHistoryFor: null,
    cellHistory: null,
    cellHistoryError: null,

    watchCellHistory(ref) {
      historyWatchers++;
      const current = get().cellHistoryFor;
      if (current?.projectId !== ref.projectId || current.environment !== ref.environment) {
        latest.history++;
        set({ cellHistoryFor: ref, cellHistory: null, cellHistoryError: null });
      }
      void fetchHistory();
      return () => {
        historyWatchers--;
      };
    },

    deploymentDetails: {},
    deploymentDetailErrors: {},

    watchDeployment(deploymentId) {
      detailWatchers.set(deploymentId, (detailWatchers.get(deploymentId) ?? 0) + 1);
      void fetchDetail(deploymentId);
      return () => {
        const count = (detailWatchers.get(deploymentId) ?? 1) - 1;
        if (count > 0) {
          detailWatchers.set(deploymentId, count);
          return;
        }
        detailWatchers.delete(deploymentId);
        set((state) => {
          const deploymentDetails = { ...state.deploymentDetails };
          delete deploymentDetails[deploymentId];
          return { deploymentDetails };
        });
      };
    },

    audit: null,
    auditHasMore: false,
    auditLoadingMore: false,
    auditError: null,
    auditVerification: null,
    auditVerifying: false,
    auditVerifyError: null,

    watchAudit() {
      auditWatchers++;
      void fetchAudit();
      return () => {
        auditWatchers--;
      };
    },

    async loadMoreAudit() {
      const { audit, auditLoadingMore } = get();
      const oldest = audit?.[audit.length - 1];
      if (!oldest || auditLoadingMore) return;
      const id = ++latest.audit;
      set({ auditLoadingMore: true });
      try {
        const more = await connection.api.audit.list({ limit: AUDIT_PAGE, beforeId: oldest.id });
        if (id !== latest.audit) return;
        set((state) => ({
          audit: [...(state.audit ?? []), ...more.filter((entry) => entry.id < oldest.id)],
          auditHasMore: more.length === AUDIT_PAGE,
        }));
      } catch (error) {
        get().notify('error', `Could not load more of the audit log: ${humanMessage(error)}`);
      } finally {
        set({ auditLoadingMore: false });
      }
    },

    async verifyAudit() {
      if (get().auditVerifying) return;
      set({ auditVerifying: true, auditVerifyError: null });
      try {
        const auditVerification = await connection.api.audit.verify();
        set({ auditVerification, auditVerifying: false });
      } catch (error) {
        set({ auditVerification: null, auditVerifying: false, auditVerifyError: humanMessage(error) });
      }
    },

    scheduleReleasesRefetch(deploymentId) {
      if (!watching()) return;
      if (deploymentId === null) staleDetails = null;
      else staleDetails?.add(deploymentId);
      refetch.schedule();
    },
  };
};
