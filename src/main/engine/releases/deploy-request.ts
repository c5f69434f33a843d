// A deploy, promotion or rollback asked for: planned, its gates checked (an override answers for the
// failing ones, with a reason), recorded with what it ships and its audit entries, then launched —
// or left awaiting approval, or queued behind the environment's lock.
import type { Deployment, DeploymentKind } from '../../../shared/domain/release.ts';
import type { ParamValue } from '../../../shared/domain/run.ts';
import type { DeployDriver } from './deploy-driver.ts';
import type { DeployLock } from './deploy-lock.ts';
import type { DeployPlanner } from './deploy-plan.ts';
import type { NewDeployment } from './deployments-repo.ts';
import { effectiveGates, type GateCheck } from './gate-check.ts';
import { asksApproval } from './gates.ts';
import { commitTime } from './git-versions.ts';
import type { NotePolicy } from './policy-log.ts';
import { planTarget, type ReleaseContext } from './release-context.ts';
import { notesForPlan } from './release-notes-data.ts';

const MAX_SHIPPED_COMMITS = 500;

export interface RequestOptions {
  override?: { reason: string };
  queue?: boolean;
}

export interface DeployRequest extends RequestOptions {
  projectId: number;
  environment: string;
  version?: string;
  pipeline?: string;
  params?: Record<string, ParamValue>;
  fix?: boolean;
}

export function createDeployRequests(
  ctx: ReleaseContext,
  parts: {
    planner: DeployPlanner;
    gates: GateCheck;
    lock: DeployLock;
    driver: DeployDriver;
    notePolicy: NotePolicy;
  },
) {
  const { repo, audit, clock, logger } = ctx;
  const { planner, gates: gateCheck, lock, driver } = parts;

  return async function request(
    kind: DeploymentKind,
    input: DeployRequest & { from?: string },
    /** Who asks, when not the person acting (an automatic rule names itself). */
    actor?: string,
  ): Promise<Deployment> {
    const who = actor ?? ctx.actorOf();
    const planned = await planner.plan({ ...input, kind });
    parts.notePolicy(planned.projectId, planned.config);
    const gates = gateCheck.gatesFor(planned, { name: who, osUser: ctx.osUserOf() }, null);
    const failed = gateCheck.blocking(gates);
    if (failed.length > 0 && !input.override) throw gateCheck.gateError(planned, failed, gates);
    // An override answers for the failing gates, never for approvals: nobody skips the four-eyes check alone.
    const override = input.override && failed.length > 0 ? { by: who, reason: input.override.reason } : null;
    const notes = await notesForPlan(planned).catch((error: unknown) => {
      logger.warn('release notes failed', { error });
      return null;
    });
    const record: NewDeployment = {
      ...planTarget(planned),
      params: planned.params,
      actor: who,
      actorOsUser: ctx.osUserOf(),
      status: asksApproval(gates) ? 'awaiting_approval' : 'running',
      sourceEnvironment: planned.sourceEnvironment,
      previousVersion: planned.previousVersion,
      gates,
      approvalsNeeded: effectiveGates(planned).gates?.approvals ?? 0,
      override,
      fix: planned.fix,
      releaseNotes: notes?.markdown ?? null,
      requestedAt: clock.now(),
    };
    const commitAt = await commitTime(planned.projectPath, planned.commit);
    // Built once: the release captured from the run that built this commit (captured now if need be).
    const release = await ctx.builds.toShip(planned.projectId, planned.projectPath, planned.commit);
    // The deployment, what it ships and its audit entries are one transaction: a failure leaves no
    // deployment holding the lock with nothing driving it.
    const id = ctx.deps.db
      .transaction(() => {
        const created = lock.insertWithLock(record, input.queue ?? false);
        repo.recordShipped(
          created,
          planned.environment.tier ?? 'other',
          commitAt,
          // A first release brings the whole history; its newest commits are enough for lead time.
          (notes?.commits ?? [])
            .slice(0, MAX_SHIPPED_COMMITS)
            .map((c) => ({ sha: c.sha, committedAt: c.date })),
        );
        if (release) ctx.builds.recordDeploymentBuild(created, 'release', release.id, release.files);
        const subject = `deployment #${created}`;
        audit.append({
          actor: who,
          action: 'deploy.requested',
          projectId: planned.projectId,
          subject,
          detail: {
            deploymentId: created,
            kind,
            environment: planned.environment.name,
            version: planned.version,
            commit: planned.commit,
            from: planned.sourceEnvironment,
            previousVersion: planned.previousVersion,
            gates,
            osUser: ctx.osUserOf(),
            release: release
              ? { id: release.id, runId: release.runId, files: release.files.length }
              : 'built at deploy time',
          },
        });
        if (override) {
          audit.append({
            actor: who,
            action: 'gate.override',
            projectId: planned.projectId,
            subject,
            detail: {
              deploymentId: created,
              reason: override.reason,
              overridden: gates.filter((gate) => !gate.passed),
            },
          });
        }
        return created;
      })
      .immediate();
    if (record.status === 'running' && repo.get(id)?.status === 'queued') lock.watchQueue();
    logger.info('deployment requested', {
      deploymentId: id,
      kind,
      environment: planned.environment.name,
      version: planned.version,
    });
    ctx.changed(planned.projectId, id);
    const created = repo.get(id)!;
    if (created.status === 'running') driver.launch(created, planned);
    return repo.get(id)!;
  };
}

export type RequestDeploy = ReturnType<typeof createDeployRequests>;
