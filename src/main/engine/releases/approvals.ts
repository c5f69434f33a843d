// Approving or rejecting a deployment that awaits approval, and starting one that every approval let
// through but another gate held back (gates are checked again: time has passed).
import type { ApprovalState, Deployment } from '../../../shared/domain/release.ts';
import { badRequest, CockpitError } from '../../../shared/errors.ts';
import type { GatesConfig } from '../config/index.ts';
import type { DeployDriver } from './deploy-driver.ts';
import type { DeployLock } from './deploy-lock.ts';
import type { DeployPlanner } from './deploy-plan.ts';
import type { GateCheck } from './gate-check.ts';
import { approvalRefusal, countApprovals, samePerson, type Person } from './gates.ts';
import type { Plan, ReleaseContext } from './release-context.ts';

export function createApprovals(
  ctx: ReleaseContext,
  parts: { planner: DeployPlanner; gates: GateCheck; lock: DeployLock; driver: DeployDriver },
) {
  const { repo, audit, clock } = ctx;
  const { planner, gates: gateCheck, lock, driver } = parts;

  /** The deployment, which must be awaiting approval ("waiting for approval", "waiting to start"). */
  function awaitingDeployment(id: number, waitingFor: string): Deployment {
    const deployment = ctx.deploymentOf(id);
    if (deployment.status !== 'awaiting_approval') {
      throw new CockpitError(
        'CONFLICT',
        `Deployment #${id} is not waiting ${waitingFor} (it is ${deployment.status.replace('_', ' ')}).`,
      );
    }
    return deployment;
  }

  /** The gates of a recorded deployment evaluated again now, for the person who requested it. */
  async function gatesNow(deployment: Deployment) {
    const { config } = ctx.configOf(deployment.projectId);
    const planned = await planner.replan(deployment, config);
    const requester = { name: deployment.actor, osUser: repo.requesterOsUser(deployment.id) };
    return { planned, gates: gateCheck.gatesFor(planned, requester, deployment.id) };
  }

  /** An approved deployment takes the lock and launches, or queues behind the holder. */
  function begin(
    id: number,
    planned: Plan,
    gates: Deployment['gates'],
    override?: { by: string; reason: string },
  ) {
    if (lock.takeOrQueue(id, { gates, override }) === 'running') driver.launch(repo.get(id)!, planned);
  }

  /** Whether this person (by name or OS account) already approved or rejected the deployment. */
  function alreadyDecided(deployment: Deployment, who: Person): boolean {
    return deployment.approvals.some(
      (approval) =>
        approval.approver === who.name || (approval.osUser !== null && approval.osUser === who.osUser),
    );
  }

  /** The gates' refusal of this approver ("requested it", "not an approver"), or null. */
  function gateRefusal(deployment: Deployment, who: Person): string | null {
    const { config } = ctx.configOf(deployment.projectId);
    const environment = ctx.environmentIn(config, deployment.environment);
    const requester = { name: deployment.actor, osUser: repo.requesterOsUser(deployment.id) };
    return approvalRefusal(environment.gates, who, requester);
  }

  /** Whether an approval of the deployment needs a comment (a vanished environment: yes). */
  function commentRequiredFor(deployment: Deployment): boolean {
    try {
      const { config } = ctx.configOf(deployment.projectId);
      return commentRequired(ctx.environmentIn(config, deployment.environment).gates ?? {});
    } catch {
      return true;
    }
  }

  /** Whether the person acting may approve the deployment now, and why not. */
  function canApprove(deployment: Deployment): { allowed: boolean; why: string | null } {
    if (deployment.status !== 'awaiting_approval') {
      return {
        allowed: false,
        why: `it is ${deployment.status.replace('_', ' ')}, not waiting for approval`,
      };
    }
    if (deployment.heldBack) return { allowed: false, why: 'every approval is in; it waits to be started' };
    try {
      const who = { name: ctx.actorOf(), osUser: ctx.osUserOf() };
      const why =
        gateRefusal(deployment, who) ??
        (alreadyDecided(deployment, who)
          ? `${who.name} (OS account ${who.osUser}) already decided on it`
          : null);
      return { allowed: why === null, why };
    } catch (error) {
      // cockpit.yml lost the environment, say: the engine refuses the approval with the same words.
      return { allowed: false, why: (error as Error).message };
    }
  }

  /**
   * Who may approve a deployment awaiting approval, for the person asking: what every client shows
   * ("waiting for one of: …", Approve offered or not). Null when it does not await approval.
   */
  function approvalState(deployment: Deployment): ApprovalState | null {
    if (deployment.status !== 'awaiting_approval') return null;
    const requester = { name: deployment.actor, osUser: repo.requesterOsUser(deployment.id) };
    const who = { name: ctx.actorOf(), osUser: ctx.osUserOf() };
    const { allowed, why } = canApprove(deployment);
    let gates;
    try {
      const { config } = ctx.configOf(deployment.projectId);
      gates = ctx.environmentIn(config, deployment.environment).gates ?? {};
    } catch {
      gates = null; // the environment left cockpit.yml: nobody may approve (canApprove says why)
    }
    const needed = deployment.approvalsNeeded;
    const counted = gates ? countApprovals(gates, deployment.approvals, requester).counted.length : 0;
    const decided = deployment.approvals.map((approval) => approval.approver);
    const selfExcluded = !gates?.allow_self_approval;
    const approvers = gates?.approvers ?? null;
    const left = deployment.heldBack ? 0 : Math.max(0, needed - counted);
    const waitingFor =
      gates === null || left === 0
        ? []
        : (approvers ?? []).filter(
            (name) => !(selfExcluded && name === requester.name) && !decided.includes(name),
          );
    const excluded = [...new Set([...(selfExcluded ? [requester.name] : []), ...decided])];
    return {
      requester: requester.name,
      actor: who.name,
      actorIsRequester: samePerson(who, requester),
      mayApprove: allowed,
      whyNot: why,
      approvalsNeeded: needed,
      approvalsLeft: left,
      waitingFor,
      anyone: gates !== null && approvers === null,
      excluded,
      commentRequired: commentRequired(gates),
    };
  }

  return {
    canApprove,
    approvalState,

    async approve(id: number, comment: string, decision: 'approve' | 'reject'): Promise<Deployment> {
      const deployment = awaitingDeployment(id, 'for approval');
      if (comment.trim() === '' && (decision === 'reject' || commentRequiredFor(deployment))) {
        throw badRequest(
          decision === 'reject'
            ? 'A rejection needs a comment: say why.'
            : `An approval of a deploy to "${deployment.environment}" needs a comment (gates.comment_required): say what you checked.`,
          [
            {
              path: 'comment',
              message: `a${decision === 'reject' ? ' rejection' : 'n approval'} needs a comment`,
            },
          ],
        );
      }
      const who = { name: ctx.actorOf(), osUser: ctx.osUserOf() };
      // Read for a rejection too: a deployment whose environment left cockpit.yml is refused either way.
      const refusal = gateRefusal(deployment, who);
      if (refusal && decision === 'approve')
        throw new CockpitError('CONFLICT', `Cannot approve deployment #${id}: ${refusal}.`);
      if (alreadyDecided(deployment, who)) {
        throw new CockpitError(
          'CONFLICT',
          `${who.name} (OS account ${who.osUser}) already decided on deployment #${id}.`,
        );
      }
      repo.addApproval(id, who, decision, comment, clock.now());
      audit.append({
        actor: who.name,
        action: decision === 'approve' ? 'approval.approved' : 'approval.rejected',
        projectId: deployment.projectId,
        subject: `deployment #${id}`,
        detail: {
          deploymentId: id,
          comment,
          environment: deployment.environment,
          version: deployment.version,
        },
      });
      if (decision === 'reject') {
        repo.transition(id, ['awaiting_approval'], 'rejected', { at: clock.now() });
        ctx.changed(deployment.projectId, id);
        return repo.get(id)!;
      }
      // Enough approvals: the other gates are checked again (time has passed), then it starts.
      const { planned, gates } = await gatesNow(deployment);
      const approved = gates.every((gate) => gate.gate !== 'approvals' || gate.passed);
      if (approved && (gateCheck.blocking(gates).length === 0 || deployment.override)) {
        begin(id, planned, gates);
      } else {
        repo.transition(id, ['awaiting_approval'], 'awaiting_approval', { gates });
      }
      ctx.changed(deployment.projectId, id);
      return repo.get(id)!;
    },

    /**
     * Starts an approved deployment that another gate held back when its last approval came (a freeze
     * began, say): the gates are checked again; failing ones need an override with a reason.
     */
    async start(id: number, override?: { reason: string }): Promise<Deployment> {
      const who = ctx.actorOf();
      const deployment = awaitingDeployment(id, 'to start');
      const { planned, gates } = await gatesNow(deployment);
      const approvals = gates.find((gate) => gate.gate === 'approvals');
      if (approvals && !approvals.passed) {
        throw new CockpitError('CONFLICT', `Deployment #${id} still needs approvals: ${approvals.detail}.`);
      }
      const failed = gateCheck.blocking(gates);
      if (failed.length > 0 && !override && !deployment.override)
        throw gateCheck.gateError(planned, failed, gates);
      const recorded = failed.length > 0 && override ? { by: who, reason: override.reason } : undefined;
      if (recorded) {
        audit.append({
          actor: who,
          action: 'gate.override',
          projectId: deployment.projectId,
          subject: `deployment #${id}`,
          detail: { deploymentId: id, reason: recorded.reason, overridden: failed },
        });
      }
      begin(id, planned, gates, recorded);
      ctx.changed(deployment.projectId, id);
      return repo.get(id)!;
    },
  };
}

/** An approval needs a comment unless the environment's gates say `comment_required: false`. */
function commentRequired(gates: GatesConfig | null): boolean {
  return gates?.comment_required ?? true;
}
