// The facts the DORA keys count, loaded for a period: deploys with their failure flag, commits at
// their first deployment, and restores (closed incidents, and change failures healthy again).
import type { Bind, DoraStatements } from './dora-queries.ts';

/**
 * A deployment in scope and whether a failure signal was attributed to it. `succeeded` ones are the
 * deploys; a deployment whose pipeline failed counts as a change only once a signal (a rollback, a
 * fix, an incident) shows it broke the environment.
 */
export interface DeployFact {
  projectId: number;
  finishedAt: number;
  succeeded: boolean;
  failed: boolean;
}

/** A commit at its first successful deployment in scope. */
export interface CommitFact {
  projectId: number;
  deployedAt: number;
  leadMs: number;
}

/** An incident in scope, closed; or a change failure without one, from its deploy to healthy again. */
export interface RestoreFact {
  projectId: number;
  closedAt: number;
  restoreMs: number;
}

export interface DoraFacts {
  deploys: DeployFact[];
  commits: CommitFact[];
  restores: RestoreFact[];
}

interface Owner {
  id: number;
  startedAt: number;
  finishedAt: number;
  fact: DeployFact;
  /** An incident was blamed on it: its restore time is the incident's. */
  incident: boolean;
  /** The rollback or fix that marked it failed: when that one finished (null: not successfully). */
  restoredBy: { at: number; restoredAt: number | null } | null;
  projectId: number;
  environment: string;
}

/**
 * Loads the facts: deployments finished, commits first deployed and incidents closed in (from, to].
 * A failure signal in an environment belongs to the latest successful deployment there that had
 * started by then — at or before an incident opened; strictly before a rollback or fix was
 * requested, and never the rollback or fix itself — and marks it failed when it came no later than
 * `failureWindowMs` after that deployment finished.
 */
export function loadFacts(s: DoraStatements, bind: Bind, failureWindowMs: number): DoraFacts {
  const key = (projectId: number, environment: string) => `${projectId}\u0000${environment}`;
  const byEnvironment = new Map<string, Owner[]>();
  const byId = new Map<number, DeployFact>();
  const deploys: DeployFact[] = [];
  for (const [id, projectId, environment, startedAt, finishedAt, succeeded] of s.deploys.all(bind)) {
    const fact = { projectId, finishedAt, succeeded: succeeded === 1, failed: false };
    deploys.push(fact);
    byId.set(id, fact);
    const k = key(projectId, environment);
    const list = byEnvironment.get(k);
    const owner: Owner = {
      id,
      startedAt,
      finishedAt,
      fact,
      incident: false,
      restoredBy: null,
      projectId,
      environment,
    };
    if (list) list.push(owner);
    else byEnvironment.set(k, [owner]);
  }

  const firstDeploys = new Map<number, Map<string, CommitFact>>(); // per project, per commit
  for (const [deploymentId, sha, committedAt, before] of s.commits.all(bind)) {
    if (before === 1) continue;
    const deploy = byId.get(deploymentId)!; // both reads share one snapshot
    if (!deploy.succeeded) continue; // a failed deployment shipped nothing
    let ofProject = firstDeploys.get(deploy.projectId);
    if (!ofProject) firstDeploys.set(deploy.projectId, (ofProject = new Map<string, CommitFact>()));
    const known = ofProject.get(sha);
    if (known && known.deployedAt <= deploy.finishedAt) continue;
    ofProject.set(sha, {
      projectId: deploy.projectId,
      deployedAt: deploy.finishedAt,
      leadMs: Math.max(0, deploy.finishedAt - committedAt),
    });
  }
  const commits = [...firstDeploys.values()].flatMap((ofProject) => [...ofProject.values()]);

  for (const list of byEnvironment.values()) list.sort((a, b) => a.startedAt - b.startedAt || a.id - b.id);
  for (const signal of s.signals.all({ ...bind, to: bind.to + failureWindowMs })) {
    const list = byEnvironment.get(key(signal.projectId, signal.environment));
    if (!list) continue;
    // A rollback or fix replaces what was running when it was requested: deploys started strictly
    // before. An incident also belongs to a deploy started the same millisecond.
    const strict = signal.deploymentId !== null;
    let lo = 0; // binary search: the first deployment not eligible
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const startedAt = list[mid]!.startedAt;
      if (strict ? startedAt < signal.at : startedAt <= signal.at) lo = mid + 1;
      else hi = mid;
    }
    let owner = list[lo - 1];
    if (owner && owner.id === signal.deploymentId) owner = list[lo - 2]; // a start recorded before the request
    if (!owner || signal.at - owner.finishedAt > failureWindowMs) continue;
    owner.fact.failed = true;
    if (signal.deploymentId === null) owner.incident = true;
    else owner.restoredBy ??= { at: signal.at, restoredAt: signal.restoredAt };
  }

  const restores: RestoreFact[] = s.restores.all(bind).map((row) => ({
    projectId: row.projectId,
    closedAt: row.closedAt,
    restoreMs: row.closedAt - row.openedAt,
  }));
  // A change failure no incident covers (rolled back or fixed before checks called it down): it is
  // restored when the environment is healthy again after the rollback or fix finished — or, never
  // watched, when that finished. Until then it is left out, like an incident still open.
  for (const list of byEnvironment.values()) {
    for (const owner of list) {
      if (!owner.restoredBy || owner.incident || owner.restoredBy.restoredAt === null) continue;
      const where = {
        projectId: owner.projectId,
        environment: owner.environment,
        since: Math.max(owner.restoredBy.restoredAt, owner.finishedAt),
      };
      const healthy = s.firstHealthy.get(where);
      if (healthy === null && s.watched.get(where) === 1) continue; // watched, not healthy yet
      const restoredAt = healthy ?? owner.restoredBy.restoredAt;
      if (restoredAt <= bind.from || restoredAt > bind.to) continue;
      restores.push({
        projectId: owner.projectId,
        closedAt: restoredAt,
        restoreMs: restoredAt - owner.finishedAt,
      });
    }
  }
  return { deploys, commits, restores };
}

/** The facts split per project (the per-project keys need no second query). */
export function groupByProject(facts: DoraFacts): Map<number, DoraFacts> {
  const groups = new Map<number, DoraFacts>();
  const group = (projectId: number) => {
    let g = groups.get(projectId);
    if (!g) groups.set(projectId, (g = { deploys: [], commits: [], restores: [] }));
    return g;
  };
  for (const d of facts.deploys) group(d.projectId).deploys.push(d);
  for (const c of facts.commits) group(c.projectId).commits.push(c);
  for (const r of facts.restores) group(r.projectId).restores.push(r);
  return groups;
}
