// Drives a deployment that holds its environment's lock: runs the deploy pipeline (in a worktree when
// it is not the clean HEAD), verifies, and ends it — and cancels, interrupts or waits for it.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Deployment } from '../../../shared/domain/release.ts';
import type { RunSummary } from '../../../shared/domain/run.ts';
import { CockpitError } from '../../../shared/errors.ts';
import { readGitFacts } from '../kernel/git/git-facts.ts';
import { ENDED, type Plan, type ReleaseContext } from './release-context.ts';
import { verifyDeployment } from './verify-deployment.ts';

export type EndStatus = 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

interface Driven {
  controller: AbortController;
  done: Promise<void>;
  /** The deploy pipeline's run once it started; null when it could not start. */
  run: Promise<RunSummary | null>;
}

export type DeployDriver = ReturnType<typeof createDeployDriver>;

export function createDeployDriver(
  ctx: ReleaseContext,
  hooks: {
    /** The lock of this environment is free again. */ settled(projectId: number, environment: string): void;
  },
) {
  const { repo, audit, clock, runs, logger } = ctx;
  /** Deployments this process drives (running or verifying), to cancel and to wait for at shutdown. */
  const driving = new Map<number, Driven>();

  function finish(deployment: Deployment, status: EndStatus, detail: string) {
    const moved = repo.transition(
      deployment.id,
      ['running', 'verifying', 'queued', 'awaiting_approval'],
      status,
      { at: clock.now() },
    );
    if (!moved) return;
    if (status !== 'succeeded' && repo.get(deployment.id)?.verification == null) {
      repo.setVerification(deployment.id, 'not_verified', detail, null);
    }
    const final = repo.get(deployment.id)!;
    audit.append({
      actor: deployment.actor,
      action: 'deploy.finished',
      projectId: deployment.projectId,
      subject: `deployment #${deployment.id}`,
      detail: {
        deploymentId: deployment.id,
        status,
        verification: final.verification,
        detail,
        environment: deployment.environment,
        version: deployment.version,
        kind: deployment.kind,
      },
    });
    logger.info('deployment finished', { deploymentId: deployment.id, status, detail });
    ctx.changed(deployment.projectId, deployment.id);
  }

  async function drive(
    deployment: Deployment,
    signal: AbortSignal,
    started: (run: RunSummary | null) => void,
    planned?: Plan,
  ): Promise<void> {
    const path = ctx.deps.project(deployment.projectId).path;
    const git = await readGitFacts(path);
    const inWorktree = planned?.inWorktree ?? (deployment.commit !== git?.headSha || (git?.dirty ?? true));
    // A captured release is shipped as built: its files, checked against their checksums, in a
    // directory of their own that the pipeline gets as COCKPIT_RELEASE_DIR.
    const build = ctx.deploymentOf(deployment.id).build;
    const release = build?.releaseId != null ? ctx.builds.get(build.releaseId) : null;
    const releaseDir = release ? join(ctx.deps.dataDir, 'release-dirs', `deployment-${deployment.id}`) : null;
    try {
      if (release && releaseDir) {
        rmSync(releaseDir, { recursive: true, force: true });
        ctx.builds.layOut(release, releaseDir);
      }
    } catch (error) {
      finish(deployment, 'failed', `the release could not be laid out: ${(error as Error).message}`);
      return;
    }
    try {
      await runAndVerify(
        deployment,
        signal,
        started,
        inWorktree,
        release && releaseDir ? { dir: releaseDir, version: release.version } : undefined,
      );
    } finally {
      if (releaseDir) rmSync(releaseDir, { recursive: true, force: true });
    }
  }

  async function runAndVerify(
    deployment: Deployment,
    signal: AbortSignal,
    started: (run: RunSummary | null) => void,
    inWorktree: boolean,
    release: { dir: string; version: string } | undefined,
  ): Promise<void> {
    let run: RunSummary;
    try {
      run = await runs.start({
        projectId: deployment.projectId,
        pipeline: deployment.pipeline,
        params: deployment.params,
        trigger: 'manual',
        ...(inWorktree ? { commit: deployment.commit } : {}),
        deployment: {
          id: deployment.id,
          environment: deployment.environment,
          version: deployment.version,
          commit: deployment.commit,
          kind: deployment.kind,
          ...(release ? { release } : {}),
        },
      });
    } catch (error) {
      finish(deployment, 'failed', `the deploy pipeline could not start: ${(error as Error).message}`);
      return;
    }
    repo.transition(deployment.id, ['running'], 'running', { runId: run.id, at: clock.now() });
    started(run);
    audit.append({
      actor: deployment.actor,
      action: 'deploy.started',
      projectId: deployment.projectId,
      subject: `deployment #${deployment.id}`,
      detail: {
        deploymentId: deployment.id,
        runId: run.id,
        inWorktree,
        environment: deployment.environment,
        version: deployment.version,
      },
    });
    ctx.changed(deployment.projectId, deployment.id);
    // A cancel cancels the run; at shutdown it is interrupted. An abort that came while the run was
    // being created is acted on now (a listener added to an aborted signal never fires).
    const onAbort = () => {
      if (signal.reason === 'shutdown') runs.interrupt(run.id);
      else runs.cancel(run.id);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    const ended = await runs.wait(run.id);
    signal.removeEventListener('abort', onAbort);
    if (ended.status !== 'success') {
      const status =
        ended.status === 'cancelled'
          ? 'cancelled'
          : ended.status === 'interrupted'
            ? 'interrupted'
            : 'failed';
      finish(deployment, status, `the deploy pipeline ${ended.status} (run #${run.id})`);
      return;
    }
    // No release was captured for this commit: the pipeline built it; what it kept is what shipped.
    if (!release)
      ctx.builds.recordDeploymentBuild(deployment.id, 'deploy_time', null, ctx.builds.deployRunFiles(run.id));
    repo.transition(deployment.id, ['running'], 'verifying', { at: clock.now() });
    ctx.changed(deployment.projectId, deployment.id);
    const verdict = await verifyDeployment(ctx, deployment, signal);
    repo.setVerification(deployment.id, verdict.verification, verdict.detail, verdict.reported);
    // Cancelled while verifying: the pipeline ran, but nobody waited to see it live — not a success.
    const cancelled = signal.aborted && signal.reason !== 'shutdown' && verdict.verification !== 'verified';
    finish(deployment, cancelled ? 'cancelled' : 'succeeded', verdict.detail);
  }

  return {
    finish,
    isDriving: (id: number) => driving.has(id),

    /** Runs the deploy pipeline, then verifies; the deployment already holds the lock (status running). */
    launch(deployment: Deployment, planned?: Plan): void {
      const controller = new AbortController();
      let started!: (run: RunSummary | null) => void;
      const run = new Promise<RunSummary | null>((resolve) => (started = resolve));
      const done = drive(deployment, controller.signal, started, planned)
        .catch((error: unknown) => {
          logger.error('a deployment failed unexpectedly', { deploymentId: deployment.id, error });
          finish(deployment, 'failed', `the cockpit failed: ${(error as Error)?.message ?? String(error)}`);
        })
        .finally(() => {
          started(null);
          driving.delete(deployment.id);
          hooks.settled(deployment.projectId, deployment.environment);
        });
      driving.set(deployment.id, { controller, done, run });
    },

    /** The deploy pipeline's run once it started (null: it could not start, or this process does not drive it). */
    async runOf(id: number): Promise<RunSummary | null> {
      return (await driving.get(id)?.run) ?? null;
    },

    cancel(id: number): Deployment {
      const deployment = ctx.deploymentOf(id);
      if (ENDED.has(deployment.status)) {
        throw new CockpitError('CONFLICT', `Deployment #${id} has already ended (${deployment.status}).`);
      }
      const who = ctx.actorOf();
      const entry = driving.get(id);
      if (deployment.status === 'awaiting_approval' || deployment.status === 'queued') {
        repo.transition(id, ['awaiting_approval', 'queued'], 'cancelled', { at: clock.now() });
      } else if (entry) {
        entry.controller.abort();
      } else if (!ctx.drivenElsewhere(id)) {
        // Nobody drives it (its cockpit died, or it never got going): it is simply over.
        finish(deployment, 'cancelled', `cancelled by ${who}; nothing was driving it any more`);
      } else {
        throw new CockpitError(
          'CONFLICT',
          `Deployment #${id} is driven by another process (pid ${repo.row(id)?.owner_pid ?? '?'}); cancel it there.`,
        );
      }
      audit.append({
        actor: who,
        action: 'deploy.cancelled',
        projectId: deployment.projectId,
        subject: `deployment #${id}`,
        detail: { deploymentId: id, was: deployment.status },
      });
      ctx.changed(deployment.projectId, id);
      return repo.get(id)!;
    },

    /** Resolves when a deployment driven here has ended. */
    async wait(id: number): Promise<Deployment> {
      await driving.get(id)?.done;
      return ctx.deploymentOf(id);
    },

    /** Interrupts every deployment driven here and waits for them to settle. */
    async shutdown(): Promise<void> {
      for (const entry of driving.values()) entry.controller.abort('shutdown');
      await Promise.allSettled([...driving.values()].map((entry) => entry.done));
    },
  };
}
