// `auto_promote: true` on an environment: what the previous environment of the lifecycle runs
// (verified there by a deployment) is promoted here once this environment's gates pass. Soak and
// health change with time and checks, so the rule is looked at again on a timer and on events.
import type { CockpitConfig, EnvironmentConfig } from '../config/index.ts';
import { attempt, type AttemptDeps, ruleOf, setStatus } from './auto-deploy-attempt.ts';
import type { DeploymentsRepo } from './deployments-repo.ts';
import { lifecycleOf, previousEnvironment } from './lifecycle.ts';

export async function autoPromote(
  deps: AttemptDeps & { deployments: DeploymentsRepo },
  projectId: number,
  config: CockpitConfig,
  environment: EnvironmentConfig,
): Promise<void> {
  const name = environment.name;
  const from = previousEnvironment(lifecycleOf(config), name);
  if (!from) {
    setStatus(
      deps,
      projectId,
      name,
      'blocked',
      `nothing comes before ${name} in the lifecycle to promote from`,
    );
    return;
  }
  // The release promotion ships: the newest one verified in the previous environment.
  const source = deps.deployments
    .succeeded(projectId, from)
    .find((deployment) => deployment.verification !== 'not_verified');
  if (!source) {
    setStatus(deps, projectId, name, 'idle', `nothing verified in ${from} to promote yet`);
    return;
  }
  if (deps.repo.shipped(projectId, name, source.commit)) return;
  const here = deps.deployments.latest(projectId, name);
  if (here && here.commit === source.commit && here.status === 'succeeded') {
    setStatus(deps, projectId, name, 'idle', `${name} already runs ${source.version}`);
    return;
  }
  if (here && !['succeeded', 'failed', 'cancelled', 'rejected', 'interrupted'].includes(here.status)) {
    setStatus(deps, projectId, name, 'waiting', `deployment #${here.id} to ${name} is ${here.status}`);
    return;
  }
  if (deps.repo.paused(projectId, name)) {
    setStatus(
      deps,
      projectId,
      name,
      'idle',
      `${source.version} waits: not promoted from ${from} while paused`,
    );
    return;
  }
  await attempt(deps, {
    projectId,
    environment: name,
    commit: source.commit,
    rule: ruleOf(name, 'auto_promote'),
    kind: 'promote',
    from,
  });
}
