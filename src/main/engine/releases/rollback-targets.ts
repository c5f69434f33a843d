// The releases an environment can be rolled back to: every one that was live there before — deployed
// by the cockpit (and verified), or first seen by its monitor — newest first, with when it was live
// and until when. Never what runs now, nor what was rolled back and not deployed again since.
import type { Deployment } from '../../../shared/domain/release.ts';
import type { RollbackTarget } from '../../../shared/domain/rollback-target.ts';
import { badRequest, CockpitError } from '../../../shared/errors.ts';
import { createObservedVersionsRepo } from './observed-versions-repo.ts';
import { resolveVersion, sameVersion, versionOfCommit } from './git-versions.ts';
import type { ReleaseContext } from './release-context.ts';

const HISTORY = 200;

/** One stretch an environment ran one release. */
interface Span {
  key: string;
  version: string;
  commit: string | null;
  at: number;
  deployment: Deployment | null;
}

export interface RunningNow {
  commit: string | null;
  version: string | null;
}

const keyOf = (commit: string | null, version: string) =>
  commit ?? `version:${version.trim().toLowerCase().replace(/^v/, '')}`;

export function createRollbackTargets(
  ctx: ReleaseContext,
  runningIn: (projectId: number, path: string, environment: string) => Promise<RunningNow>,
) {
  const observed = createObservedVersionsRepo(ctx.deps.db);

  async function spansOf(projectId: number, path: string, environment: string): Promise<Span[]> {
    const spans: Span[] = ctx.repo
      .succeeded(projectId, environment, HISTORY)
      .filter((deployment) => deployment.verification !== 'not_verified')
      .reverse()
      .map((deployment) => ({
        key: deployment.commit,
        version: deployment.version,
        commit: deployment.commit,
        at: deployment.finishedAt ?? deployment.requestedAt,
        deployment,
      }));
    const named = new Map<string, { commit: string | null; version: string }>();
    for (const row of observed.seenIn(projectId, environment)) {
      let resolved = named.get(row.version);
      if (!resolved) {
        const commit = await resolveVersion(path, row.version);
        // Named like recorded versions (the tag, "v1.0.0"), not as reported ("1.0.0").
        resolved = { commit, version: commit ? await versionOfCommit(path, commit) : row.version };
        named.set(row.version, resolved);
      }
      spans.push({
        key: keyOf(resolved.commit, resolved.version),
        ...resolved,
        at: row.seenAt,
        deployment: null,
      });
    }
    // Stable: at equal times deployments (oldest first) come before what the monitor saw.
    return spans.sort((a, b) => a.at - b.at);
  }

  /** Every target, newest first; `previous` marks the newest one that can be deployed. */
  async function targets(projectId: number, environment: string): Promise<RollbackTarget[]> {
    const { project, config } = ctx.configOf(projectId);
    ctx.environmentIn(config, environment);
    const running = await runningIn(projectId, project.path, environment);
    const runningKey = running.commit ?? (running.version === null ? null : keyOf(null, running.version));
    const rolledBack = rolledBackCommits(ctx.repo.succeeded(projectId, environment, HISTORY));

    // A deploy and the monitor seeing its version are one stretch: consecutive spans of one release merge.
    const stretches: (RollbackTarget & { key: string })[] = [];
    for (const span of await spansOf(projectId, project.path, environment)) {
      const last = stretches.at(-1);
      if (last && last.key === span.key) {
        if (span.deployment && last.deploymentId === null) {
          last.deploymentId = span.deployment.id;
          last.source = 'deployed';
          last.version = span.version;
        }
        continue;
      }
      if (last) last.liveUntil = span.at;
      stretches.push({
        key: span.key,
        version: span.version,
        commit: span.commit,
        liveFrom: span.at,
        liveUntil: null,
        source: span.deployment ? 'deployed' : 'observed',
        deploymentId: span.deployment?.id ?? null,
        previous: false,
      });
    }

    const seen = new Set<string>();
    const result: RollbackTarget[] = [];
    for (const stretch of stretches.reverse()) {
      if (seen.has(stretch.key)) continue;
      seen.add(stretch.key);
      if (stretch.key === runningKey) continue;
      if (running.version !== null && sameVersion(stretch.version, running.version)) continue;
      if (stretch.commit !== null && rolledBack.has(stretch.commit)) continue;
      const { key: _key, ...target } = stretch;
      result.push(target);
    }
    const previous = result.find((target) => target.commit !== null);
    if (previous) previous.previous = true;
    return result;
  }

  return {
    targets,

    /** The commit a rollback goes to: the named target (a version or commit), else the previous one. */
    async commitFor(projectId: number, environment: string, to: string | undefined): Promise<string> {
      const all = await targets(projectId, environment);
      if (to === undefined) {
        const previous = all.find((target) => target.previous);
        if (previous?.commit) return previous.commit;
        const { project } = ctx.configOf(projectId);
        const running = await runningIn(projectId, project.path, environment);
        if (running.commit === null && running.version === null) {
          throw new CockpitError(
            'CONFLICT',
            `Nothing was ever deployed to "${environment}" by the cockpit: nothing to roll back.`,
          );
        }
        throw new CockpitError(
          'CONFLICT',
          `There is no successful, verified deployment of "${environment}" before ${running.version ?? 'the current version'} to roll back to.`,
        );
      }
      const wanted = to.trim().toLowerCase();
      const chosen = all.find(
        (target) =>
          sameVersion(target.version, to) ||
          (target.commit !== null && wanted.length >= 7 && target.commit.startsWith(wanted)),
      );
      if (!chosen) {
        const valid = all.map((target) => target.version);
        throw badRequest(
          `"${to}" is not a release "${environment}" can roll back to${valid.length ? ` (it can: ${valid.join(', ')})` : ' (it has none)'}.`,
          [{ path: 'version', message: valid.length ? `one of ${valid.join(', ')}` : 'no rollback target' }],
          { targets: valid },
        );
      }
      if (chosen.commit === null) {
        throw new CockpitError(
          'CONFLICT',
          `"${environment}" ran ${chosen.version}, but that is no tag or commit in ${ctx.configOf(projectId).project.path}: it cannot be deployed again.`,
        );
      }
      return chosen.commit;
    },
  };
}

/**
 * Commits that were rolled back and not deployed again since: never a rollback target (rolling back
 * a rollback must not bring back what was just removed). `history` is newest first.
 */
export function rolledBackCommits(history: Deployment[]): Set<string> {
  const bad = new Set<string>();
  const oldestFirst = [...history].reverse();
  oldestFirst.forEach((deployment, index) => {
    if (deployment.kind === 'rollback') {
      const replaced = oldestFirst[index - 1];
      if (replaced) bad.add(replaced.commit);
    } else {
      bad.delete(deployment.commit);
    }
  });
  return bad;
}
