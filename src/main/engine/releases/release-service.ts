// Deployments: plans a deploy, promotion or rollback, checks the target environment's gates, takes
// its lock, runs the deploy pipeline, verifies that the environment reports the new version, and
// records every step in the audit log. This file only composes the parts that do it (see
// docs/architecture.md, "Releases").
import type {
  Deployment,
  DeploymentDetail,
  DeploymentKind,
  DeployPreview,
  ReleaseNotesData,
} from '../../../shared/domain/release.ts';
import type { ReleaseDiff } from '../../../shared/domain/release-diff.ts';
import { badRequest } from '../../../shared/errors.ts';
import type { PipelineConfig } from '../config/index.ts';
import { createApprovals } from './approvals.ts';
import { createDeployDriver, type DeployDriver } from './deploy-driver.ts';
import { createDeployLock } from './deploy-lock.ts';
import { createDeployPlanner } from './deploy-plan.ts';
import { createDeployRequests, type DeployRequest, type RequestOptions } from './deploy-request.ts';
import type { DeploymentsRepo } from './deployments-repo.ts';
import { createGateCheck, effectiveGates } from './gate-check.ts';
import { createGateFactsRepo } from './gate-facts-repo.ts';
import { asksApproval } from './gates.ts';
import { lifecycleOf, nextEnvironment } from './lifecycle.ts';
import { createPolicyLog } from './policy-log.ts';
import { createReleaseContext, planTarget, type ReleaseServiceDeps } from './release-context.ts';
import { notesBetween, notesForPlan } from './release-notes-data.ts';
import { diffForPlan } from './release-diff.ts';
import { createReleaseCandidates } from './release-candidates.ts';
import { createReleasePoliciesRepo } from './release-policies-repo.ts';
import { overrideRule } from '../../../shared/domain/override-reason.ts';

export type { ReleaseServiceDeps } from './release-context.ts';
export type { DeployRequest, RequestOptions } from './deploy-request.ts';
export { rolledBackCommits } from './deploy-plan.ts';

export type ReleaseService = ReturnType<typeof createReleaseService>;

export function createReleaseService(deps: ReleaseServiceDeps) {
  const ctx = createReleaseContext(deps);
  const { repo } = ctx;
  const planner = createDeployPlanner(ctx);
  const gates = createGateCheck(ctx, createGateFactsRepo(deps.db));
  const notePolicy = createPolicyLog({
    policies: createReleasePoliciesRepo(deps.db),
    audit: deps.audit,
    now: () => deps.clock.now(),
    actor: ctx.actorOf,
  });
  // The driver and the lock call each other: a settled deploy frees the lock for the next in line.
  const lock = createDeployLock(ctx, () => driver);
  const driver: DeployDriver = createDeployDriver(ctx, { settled: lock.startNextQueued });
  const parts = { planner, gates, lock, driver };
  const request = createDeployRequests(ctx, { ...parts, notePolicy });
  const approvals = createApprovals(ctx, parts);
  /** A deployment as the person asking sees it: with who may approve it (when it awaits approval). */
  const withApproval = (deployment: Deployment): Deployment => ({
    ...deployment,
    approval: approvals.approvalState(deployment),
  });
  const shown = async (pending: Deployment | Promise<Deployment>) => withApproval(await pending);
  const candidates = createReleaseCandidates(ctx);

  return {
    async preview(input: {
      projectId: number;
      environment: string;
      kind?: DeploymentKind;
      version?: string;
      from?: string;
      pipeline?: string;
    }): Promise<DeployPreview> {
      const kind = input.kind ?? 'deploy';
      const planned = await planner.plan({ ...input, kind });
      const evaluated = gates.gatesFor(planned, { name: ctx.actorOf(), osUser: ctx.osUserOf() }, null);
      const blocked = gates.blocking(evaluated).length > 0;
      return {
        ...planTarget(planned),
        sourceEnvironment: planned.sourceEnvironment,
        previousVersion: planned.previousVersion,
        inWorktree: planned.inWorktree,
        build: ctx.builds.wouldShip(planned.projectId, planned.commit),
        gates: evaluated,
        approvalsNeeded: effectiveGates(planned).gates?.approvals ?? 0,
        needsApproval: !blocked && asksApproval(evaluated),
        asksApproval: asksApproval(evaluated),
        override: { needed: blocked, rule: overrideRule },
        notes: await notesForPlan(planned),
      };
    },
    /** What would change in the environment: commits both ways, files and declared variables. */
    async diff(input: {
      projectId: number;
      environment: string;
      kind?: DeploymentKind;
      version?: string;
      from?: string;
    }): Promise<ReleaseDiff> {
      const planned = await planner.plan({ ...input, kind: input.kind ?? 'deploy' });
      return diffForPlan(planned, { secrets: deps.secretsKnown?.(input.projectId) });
    },
    deploy: (input: DeployRequest) => shown(request('deploy', input)),
    async promote(
      input: { projectId: number; from: string; to?: string } & RequestOptions,
    ): Promise<Deployment> {
      const { config } = ctx.configOf(input.projectId);
      const to = input.to ?? nextEnvironment(lifecycleOf(config), input.from);
      if (!to)
        throw badRequest(
          `Nothing comes after "${input.from}" in the lifecycle (${lifecycleOf(config).join(' → ')}).`,
          [{ path: 'from', message: 'last in the lifecycle' }],
        );
      return shown(
        request('promote', {
          projectId: input.projectId,
          environment: to,
          from: input.from,
          override: input.override,
          queue: input.queue,
        }),
      );
    },
    /**
     * A deploy or promotion asked by an automatic rule (auto-deploy.ts) rather than a person: the same
     * request (gates, lock, record), audited with `actor` naming the rule. Not on the protocol.
     */
    requestAs: (
      actor: string,
      kind: 'deploy' | 'promote',
      input: { projectId: number; environment: string; version?: string; from?: string },
    ) => shown(request(kind, input, actor)),
    /** Rolls back to `version` (one of rollbackTargets), else to the previous release. */
    rollback: (input: { projectId: number; environment: string; version?: string } & RequestOptions) =>
      shown(request('rollback', input)),
    /** What an environment can be rolled back to, newest first, the previous one marked. */
    rollbackTargets: (projectId: number, environment: string) =>
      planner.rollbackTargets(projectId, environment),
    approve: (id: number, comment: string, decision: 'approve' | 'reject') =>
      shown(approvals.approve(id, comment, decision)),
    start: (id: number, override?: { reason: string }) => shown(approvals.start(id, override)),
    cancel: (id: number) => shown(driver.cancel(id)),
    /** Who may approve a deployment awaiting approval, for the person asking (null otherwise). */
    approvalOf: (deployment: Deployment) => approvals.approvalState(deployment),
    get(id: number): DeploymentDetail {
      const deployment = ctx.deploymentOf(id);
      return {
        ...withApproval(deployment),
        releaseNotes: repo.releaseNotes(id),
        audit: deps.audit.forDeployment(id),
        canApprove: approvals.canApprove(deployment),
      };
    },
    list: (filter: Parameters<DeploymentsRepo['list']>[0]) => repo.list(filter).map(withApproval),
    async notes(projectId: number, from: string | null, to: string): Promise<ReleaseNotesData> {
      const path = deps.project(projectId).path;
      const fromSha = from === null ? null : await planner.commitOf(path, from);
      return notesBetween(path, fromSha, await planner.commitOf(path, to), from, to);
    },
    /** Captures a run's build as its commit's release (once per commit). */
    capture: (projectId: number, runId: number) =>
      ctx.builds.capture(projectId, deps.project(projectId).path, runId),
    builds: (projectId: number) => ctx.builds.list(projectId),
    /** The versions a deploy to `environment` can pick (the deploy dialog's picker). */
    candidates: (projectId: number, environment: string) => candidates.candidates(projectId, environment),
    /** The pipeline when its runs are deployments (it has a `deploy:` section); else null. */
    deployPipelineOf(projectId: number, pipeline: string): PipelineConfig | null {
      const { config } = deps.configOf(deps.project(projectId));
      const found = config?.pipelines?.[pipeline];
      return found?.deploy ? found : null;
    },
    /** The deploy pipeline's run of a deployment driven here, once it started (null: it did not). */
    runOf: (deploymentId: number) => driver.runOf(deploymentId),
    /** The deployment a run carries out, if it is a deploy pipeline's run. */
    ofRun: (runId: number) => repo.ofRun(runId),
    notePolicy,
    /** Deployments whose driving process died are marked interrupted (their runs are, likewise). */
    recoverInterrupted: () => lock.recoverInterrupted(),
    /** Resolves when a deployment driven here has ended. */
    wait: (id: number) => driver.wait(id),
    async shutdown(): Promise<void> {
      lock.stop();
      await driver.shutdown();
    },
  };
}
