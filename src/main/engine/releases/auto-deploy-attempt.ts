// One automatic deploy or promotion of a commit: claimed once per environment and commit, asked for
// through the release service's own request (gates, lock, record, audit) with the rule as the actor.
// A refusal is never silent: the reason becomes the rule's status on the board and the claim is
// given back so a later look (a timer, an event) tries again.
import type { Deployment, GateResult } from '../../../shared/domain/release.ts';
import { isCockpitError } from '../../../shared/errors.ts';
import type { Clock } from '../kernel/clock.ts';
import type { Logger } from '../kernel/diagnostics/logger.ts';
import type { AutoDeployRepo, AutoDeployStatus } from './auto-deploy-repo.ts';

export interface AttemptDeps {
  repo: AutoDeployRepo;
  clock: Clock;
  logger: Logger;
  requestAs(
    actor: string,
    kind: 'deploy' | 'promote',
    input: { projectId: number; environment: string; version?: string; from?: string },
  ): Promise<Deployment>;
  /** The board should look again. */
  changed(projectId: number): void;
}

/** The rule's key in cockpit.yml: `environments.staging.auto_deploy`. */
export function ruleOf(environment: string, kind: 'auto_deploy' | 'auto_promote'): string {
  return `environments.${environment}.${kind}`;
}

/** The actor an automatic action is audited with: `auto-deploy (environments.staging.auto_deploy)`. */
export function actorOf(rule: string): string {
  return rule.endsWith('.auto_promote') ? `auto-promote (${rule})` : `auto-deploy (${rule})`;
}

/** Gates that pass with time or more facts wait; the others (freeze, a failed health check…) block. */
const WAITING_GATES = new Set<GateResult['gate']>(['soak', 'pipeline_passed', 'approvals']);

export function gateStatus(failed: GateResult[]): { state: AutoDeployStatus['state']; message: string } {
  const blocking = failed.filter((gate) => !WAITING_GATES.has(gate.gate));
  const shown = blocking.length > 0 ? blocking : failed;
  return {
    state: blocking.length > 0 ? 'blocked' : 'waiting',
    message: shown.map((gate) => `${gate.gate} — ${gate.detail}`).join('; '),
  };
}

export function setStatus(
  deps: AttemptDeps,
  projectId: number,
  environment: string,
  state: AutoDeployStatus['state'],
  message: string,
): void {
  if (deps.repo.setStatus(projectId, environment, state, message, deps.clock.now())) deps.changed(projectId);
}

export async function attempt(
  deps: AttemptDeps,
  request: {
    projectId: number;
    environment: string;
    commit: string;
    rule: string;
    kind: 'deploy' | 'promote';
    from?: string;
  },
): Promise<Deployment | null> {
  const { projectId, environment, commit, rule } = request;
  if (!deps.repo.claim(projectId, environment, commit, rule, deps.clock.now())) return null;
  try {
    const deployment = await deps.requestAs(actorOf(rule), request.kind, {
      projectId,
      environment,
      ...(request.kind === 'deploy' ? { version: commit } : { from: request.from }),
    });
    deps.repo.recordDeployment(projectId, environment, commit, deployment.id);
    const how = request.kind === 'deploy' ? 'deployed' : 'promoted';
    setStatus(
      deps,
      projectId,
      environment,
      'deployed',
      `${how} ${deployment.version} (deployment #${deployment.id})`,
    );
    deps.logger.info('automatic deployment requested', { rule, deploymentId: deployment.id, commit });
    return deployment;
  } catch (error) {
    deps.repo.unclaim(projectId, environment, commit);
    if (isCockpitError(error) && error.code === 'GATE_FAILED') {
      const gates = (error.details as { gates?: GateResult[] } | undefined)?.gates ?? [];
      const { state, message } = gateStatus(gates.filter((gate) => gate.blocks));
      setStatus(deps, projectId, environment, state, message);
    } else if (isCockpitError(error) && error.code === 'CONFLICT') {
      // The environment's lock: another deploy is under way; its end is an event that brings us back.
      setStatus(deps, projectId, environment, 'waiting', error.message);
    } else {
      setStatus(
        deps,
        projectId,
        environment,
        'blocked',
        error instanceof Error ? error.message : String(error),
      );
      deps.logger.warn('automatic deployment failed to start', { rule, commit, error });
    }
    return null;
  }
}
