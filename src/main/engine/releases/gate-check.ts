// Gathers the facts a deploy's gates are decided on (runs, approvals, health, time) and asks
// gates.ts to decide; says in one error which gates block a deploy.
import type { GateName, GateResult } from '../../../shared/domain/release.ts';
import { CockpitError } from '../../../shared/errors.ts';
import type { GateFactsRepo } from './gate-facts-repo.ts';
import { blockingGates, evaluateGates, type Person } from './gates.ts';
import { sameVersion } from './git-versions.ts';
import { lifecycleOf, previousEnvironment } from './lifecycle.ts';
import type { Plan, ReleaseContext } from './release-context.ts';

export type GateCheck = ReturnType<typeof createGateCheck>;

/** The gates a plan goes by: a rollback's skip those its policy lists (`gates.rollback.skip`). */
export function effectiveGates(plan: Pick<Plan, 'kind' | 'environment'>) {
  const gates = plan.environment.gates;
  if (!gates) return { gates, skipped: [] as GateName[] };
  const { rollback, ...rest } = gates;
  if (plan.kind !== 'rollback' || !rollback) return { gates: rest, skipped: [] as GateName[] };
  const skipped = rollback.skip.filter((name) => rest[name] !== undefined);
  const kept: typeof rest = { ...rest };
  for (const name of skipped) delete kept[name];
  return { gates: kept, skipped };
}

export function createGateCheck(ctx: ReleaseContext, facts: GateFactsRepo) {
  const { repo, clock } = ctx;

  /**
   * Since when this version has run in `environment` without a failed check: from its deployment
   * there (or, for an out-of-band deploy, when the monitor first saw it), after the last down check.
   */
  function healthyIn(projectId: number, environment: string, commit: string, version: string) {
    const summary = ctx.monitored(projectId, environment);
    if (!summary) return { since: null, because: `${environment} is not monitored` };
    if (summary.state === 'down') return { since: null, because: `${environment} is down` };
    if (summary.version && !sameVersion(summary.version, version)) {
      return { since: null, because: `${environment} runs ${summary.version}, not ${version}` };
    }
    const deployed = repo
      .succeeded(projectId, environment)
      .find((deployment) => deployment.commit === commit && deployment.verification !== 'not_verified');
    // The version's latest arrival counts: if another version ran in between (deployed or put there
    // by hand), the time before it does not.
    const seen = facts.lastObservedVersion(summary.id);
    const arrived = seen && sameVersion(seen.version, version) ? seen.seenAt : null;
    const since =
      deployed?.finishedAt != null || arrived !== null
        ? Math.max(deployed?.finishedAt ?? 0, arrived ?? 0)
        : null;
    if (since === null) return { since: null, because: `${version} was never deployed to ${environment}` };
    const lastDown = facts.lastDownSince(summary.id, since);
    return { since: lastDown ? lastDown + 1 : since, because: null };
  }

  return {
    /** The gates of the plan's environment, from the facts as they are now. */
    gatesFor(plan: Plan, requester: Person, deploymentId: number | null): GateResult[] {
      const lifecycle = lifecycleOf(plan.config);
      const previous = previousEnvironment(lifecycle, plan.environment.name);
      const soak = previous ? healthyIn(plan.projectId, previous, plan.commit, plan.version) : null;
      const { gates, skipped } = effectiveGates(plan);
      const evaluated = evaluateGates({
        gates,
        environment: plan.environment.name,
        commit: plan.commit,
        requester,
        now: clock.now(),
        approvals: deploymentId === null ? [] : (repo.get(deploymentId)?.approvals ?? []),
        pipelineRun: (pipeline) => facts.pipelineRunOn(plan.projectId, pipeline, plan.commit),
        previousEnvironment: previous,
        healthySince: soak?.since ?? null,
        notHealthyBecause: soak?.because ?? null,
        targetState: ctx.monitored(plan.projectId, plan.environment.name)?.state ?? null,
        fix: plan.fix,
      });
      // Shown, not silently dropped: the policy says rollbacks skip them.
      return [
        ...evaluated,
        ...skipped.map((gate) => ({
          gate,
          passed: true,
          detail: 'skipped for rollbacks (gates.rollback.skip)',
          blocks: false,
          skipped: true,
        })),
      ];
    },

    blocking: blockingGates,

    gateError(plan: Plan, failed: GateResult[], gates: GateResult[]): CockpitError {
      const lines = failed.map((gate) => `  ✗ ${gate.gate}: ${gate.detail}`).join('\n');
      return new CockpitError(
        'GATE_FAILED',
        `The deploy of ${plan.version} to ${plan.environment.name} is blocked by its gates:\n${lines}`,
        { gates },
      );
    },
  };
}
