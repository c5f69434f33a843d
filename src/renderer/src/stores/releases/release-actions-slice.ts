// Asking the engine to change what runs where: the deploy dialog's preview (plan, gates, notes) and
// request (deploy, promote or roll back, with an override reason or queueing), approvals, cancelling,
// and release notes between two versions. The engine decides; failures keep what the user typed.
import { z } from 'zod';
import {
  gateResultSchema,
  type Deployment,
  type DeploymentKind,
  type DeployPreview,
  type GateResult,
  type ReleaseNotesData,
} from '../../../../shared/domain/release.ts';
import type { ReleaseCandidate } from '../../../../shared/domain/release-build.ts';
import { isCockpitError } from '../../../../shared/errors.ts';
import type { SliceCreator } from '../slice.ts';
import type { NoticesSlice } from '../app/notices-slice.ts';
import type { BoardSlice } from '../board/board-slice.ts';
import type { ReleasesSlice } from './releases-slice.ts';
import { humanMessage, shownError, type ShownError } from '../error-message.ts';

export interface DeployRequest {
  projectId: number;
  /** Where it goes. */
  environment: string;
  mode: DeploymentKind;
  /** For a promotion: where the version comes from. */
  from: string | null;
  /** For a deploy: a tag, sha or branch; null deploys the working tree's HEAD. For a rollback: one of
   * the engine's rollback targets; null goes to its previous one. */
  version: string | null;
}

export interface DeployOptions {
  /** Deploy although gates fail, for this reason (recorded in the audit log). */
  overrideReason: string | null;
  queue: boolean;
}

export interface DeployFailure extends ShownError {
  /** For GATE_FAILED: every gate with pass/fail and why, as evaluated when requested. */
  gates: GateResult[] | null;
}

export interface NotesRequest {
  projectId: number;
  from: string | null;
  to: string;
}

export interface ReleaseActionsSlice {
  deployPreview: DeployPreview | null;
  /** The request the preview (or its error) answers. */
  deployPreviewKey: string | null;
  deployPreviewLoading: boolean;
  deployPreviewError: ShownError | null;
  deploySubmitting: boolean;
  deployFailure: DeployFailure | null;
  /** Forget the previous dialog's preview and failure. */
  resetDeployDialog: () => void;
  loadDeployPreview: (request: DeployRequest) => Promise<void>;
  /** The versions the deploy dialog's picker offers ("<projectId>/<environment>" they are for). */
  releaseCandidates: { key: string; list: ReleaseCandidate[] } | null;
  releaseCandidatesError: ShownError | null;
  loadReleaseCandidates: (projectId: number, environment: string) => Promise<void>;
  /** Resolves to the deployment (the dialog closes), or null when it failed (the dialog shows why). */
  submitDeploy: (request: DeployRequest, options: DeployOptions) => Promise<Deployment | null>;

  approvalSubmitting: boolean;
  /** Resolves to null when recorded, else the message to show. */
  decideApproval: (
    deploymentId: number,
    decision: 'approve' | 'reject',
    comment: string,
  ) => Promise<string | null>;
  /** Start an approved deployment a gate held back; resolves to null when it started. */
  startDeployment: (deploymentId: number, overrideReason: string | null) => Promise<DeployFailure | null>;
  startingDeployment: number | null;
  cancellingDeployment: number | null;
  cancelDeployment: (deploymentId: number) => Promise<string | null>;

  releaseNotes: ReleaseNotesData | null;
  releaseNotesKey: string | null;
  releaseNotesError: ShownError | null;
  fetchReleaseNotes: (request: NotesRequest) => Promise<void>;
}

/** The dialog's request as the engine's releases.preview and releases.diff take it. */
export function deployRequestParams(request: DeployRequest) {
  return {
    projectId: request.projectId,
    environment: request.environment,
    kind: request.mode,
    from: request.from ?? undefined,
    version: request.version ?? undefined,
  };
}

export function deployRequestKey(request: DeployRequest): string {
  return JSON.stringify([
    request.projectId,
    request.environment,
    request.mode,
    request.from,
    request.version,
  ]);
}

export function deployRequestFromKey(key: string): DeployRequest {
  const [projectId, environment, mode, from, version] = JSON.parse(key) as [
    number,
    string,
    DeploymentKind,
    string | null,
    string | null,
  ];
  return { projectId, environment, mode, from, version };
}

const notesKey = (request: NotesRequest) => JSON.stringify([request.projectId, request.from, request.to]);

const gatesDetails = z.object({ gates: z.array(gateResultSchema) });

function deployFailure(error: unknown): DeployFailure {
  const shown = shownError(error);
  const parsed = isCockpitError(error) ? gatesDetails.safeParse(error.details) : null;
  return { ...shown, gates: parsed?.success ? parsed.data.gates : null };
}

/** What this slice reads or calls from other slices. */
type Uses = Pick<NoticesSlice, 'notify'> &
  Pick<BoardSlice, 'scheduleBoardRefetch'> &
  Pick<ReleasesSlice, 'scheduleReleasesRefetch'>;

export const createReleaseActionsSlice: SliceCreator<ReleaseActionsSlice, Uses> =
  (connection) => (set, get) => {
    let latestPreview = 0;
    let latestNotes = 0;

    const afterChange = () => {
      get().scheduleBoardRefetch();
      get().scheduleReleasesRefetch(null);
    };

    return {
      deployPreview: null,
      deployPreviewKey: null,
      deployPreviewLoading: false,
      deployPreviewError: null,
      deploySubmitting: false,
      deployFailure: null,
      releaseCandidates: null,
      releaseCandidatesError: null,

      async loadReleaseCandidates(projectId, environment) {
        const key = `${projectId}/${environment}`;
        try {
          const list = await connection.api.releases.candidates({ projectId, environment });
          set({ releaseCandidates: { key, list }, releaseCandidatesError: null });
        } catch (error) {
          set({ releaseCandidates: { key, list: [] }, releaseCandidatesError: shownError(error) });
        }
      },

      resetDeployDialog() {
        latestPreview++;
        set({
          deployPreview: null,
          deployPreviewKey: null,
          deployPreviewLoading: false,
          deployPreviewError: null,
          deploySubmitting: false,
          deployFailure: null,
        });
      },

      async loadDeployPreview(request) {
        const previewId = ++latestPreview;
        set({ deployPreviewLoading: true, deployPreviewError: null });
        try {
          const preview = await connection.api.releases.preview(deployRequestParams(request));
          if (previewId !== latestPreview) return;
          set({
            deployPreview: preview,
            deployPreviewKey: deployRequestKey(request),
            deployPreviewLoading: false,
            deployPreviewError: null,
          });
        } catch (error) {
          if (previewId !== latestPreview) return;
          set({
            deployPreview: null,
            deployPreviewKey: deployRequestKey(request),
            deployPreviewLoading: false,
            deployPreviewError: shownError(error),
          });
        }
      },

      async submitDeploy(request, { overrideReason, queue }) {
        if (get().deploySubmitting) return null;
        set({ deploySubmitting: true, deployFailure: null });
        const common = {
          projectId: request.projectId,
          override: overrideReason !== null ? { reason: overrideReason } : undefined,
          queue: queue || undefined,
        };
        try {
          let deployment: Deployment;
          if (request.mode === 'promote' && request.from !== null) {
            deployment = await connection.api.releases.promote({
              ...common,
              from: request.from,
              to: request.environment,
            });
          } else if (request.mode === 'rollback') {
            deployment = await connection.api.releases.rollback({
              ...common,
              environment: request.environment,
              version: request.version ?? undefined,
            });
          } else {
            deployment = await connection.api.releases.deploy({
              ...common,
              environment: request.environment,
              version: request.version ?? undefined,
            });
          }
          set({ deploySubmitting: false });
          const what = `${deployment.version} to ${deployment.environment}`;
          get().notify(
            'success',
            deployment.status === 'awaiting_approval'
              ? `Approval requested for ${what} (deployment #${deployment.id}).`
              : deployment.status === 'queued'
                ? `Queued ${what}: it starts when the deploy before it is done.`
                : `Deploying ${what}.`,
          );
          afterChange();
          return deployment;
        } catch (error) {
          set({ deploySubmitting: false, deployFailure: deployFailure(error) });
          return null;
        }
      },

      approvalSubmitting: false,

      async decideApproval(deploymentId, decision, comment) {
        if (get().approvalSubmitting) return null;
        set({ approvalSubmitting: true });
        try {
          const deployment = await connection.api.releases.approve({ deploymentId, decision, comment });
          get().notify(
            'success',
            decision === 'reject'
              ? `Rejected ${deployment.version} to ${deployment.environment}.`
              : deployment.status === 'awaiting_approval'
                ? `Approved ${deployment.version} to ${deployment.environment}; it needs more approvals.`
                : `Approved ${deployment.version} to ${deployment.environment}: it is starting.`,
          );
          afterChange();
          return null;
        } catch (error) {
          return humanMessage(error);
        } finally {
          set({ approvalSubmitting: false });
        }
      },

      startingDeployment: null,

      async startDeployment(deploymentId, overrideReason) {
        if (get().startingDeployment !== null) return null;
        set({ startingDeployment: deploymentId });
        try {
          const deployment = await connection.api.releases.start({
            deploymentId,
            override: overrideReason !== null ? { reason: overrideReason } : undefined,
          });
          get().notify(
            'success',
            deployment.status === 'queued'
              ? `Queued ${deployment.version} to ${deployment.environment}: it starts when the deploy before it is done.`
              : `Deploying ${deployment.version} to ${deployment.environment}.`,
          );
          afterChange();
          return null;
        } catch (error) {
          return deployFailure(error);
        } finally {
          set({ startingDeployment: null });
        }
      },

      cancellingDeployment: null,

      async cancelDeployment(deploymentId) {
        if (get().cancellingDeployment !== null) return null;
        set({ cancellingDeployment: deploymentId });
        try {
          const deployment = await connection.api.releases.cancel({ deploymentId });
          get().notify('success', `Cancelled ${deployment.version} to ${deployment.environment}.`);
          afterChange();
          return null;
        } catch (error) {
          return humanMessage(error);
        } finally {
          set({ cancellingDeployment: null });
        }
      },

      releaseNotes: null,
      releaseNotesKey: null,
      releaseNotesError: null,

      async fetchReleaseNotes(request) {
        const notesId = ++latestNotes;
        const key = notesKey(request);
        if (get().releaseNotesKey !== key)
          set({ releaseNotes: null, releaseNotesKey: key, releaseNotesError: null });
        try {
          const notes = await connection.api.releases.notes(request);
          if (notesId === latestNotes) set({ releaseNotes: notes, releaseNotesError: null });
        } catch (error) {
          if (notesId === latestNotes) set({ releaseNotes: null, releaseNotesError: shownError(error) });
        }
      },
    };
  };

export { notesKey as releaseNotesKeyFor };
