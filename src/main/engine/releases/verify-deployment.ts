// After the deploy pipeline succeeded: polls the environment's version check until it reports the
// deployed version, or the pipeline's verify_timeout passes.
import type { Deployment, VerificationState } from '../../../shared/domain/release.ts';
import { DEFAULT_VERIFY_TIMEOUT_MS } from '../config/index.ts';
import { sameVersion } from './git-versions.ts';
import type { ReleaseContext } from './release-context.ts';

export interface Verdict {
  verification: VerificationState;
  detail: string;
  reported: string | null;
}

export async function verifyDeployment(
  ctx: ReleaseContext,
  deployment: Deployment,
  signal: AbortSignal,
): Promise<Verdict> {
  const { config } = ctx.configOf(deployment.projectId);
  const environment = (config.environments ?? []).find((env) => env.name === deployment.environment);
  const summary = ctx.monitored(deployment.projectId, deployment.environment);
  if (!environment?.version || !summary) {
    return {
      verification: 'skipped',
      detail: `${deployment.environment} has no version check`,
      reported: null,
    };
  }
  const pipeline = config.pipelines?.[deployment.pipeline];
  const timeout = pipeline?.deploy?.verify_timeout ?? DEFAULT_VERIFY_TIMEOUT_MS;
  const deadline = performance.now() + timeout;
  let reported: string | null = null;
  for (;;) {
    try {
      reported = (await ctx.deps.checkNow(summary.id)).version;
    } catch (error) {
      ctx.logger.warn('a verification check failed', { deploymentId: deployment.id, error });
    }
    if (reported && reportsDeployed(reported, deployment)) {
      return { verification: 'verified', detail: `${deployment.environment} reports ${reported}`, reported };
    }
    if (signal.aborted) {
      const why =
        signal.reason === 'shutdown'
          ? 'the cockpit stopped during verification'
          : 'verification was cancelled';
      return { verification: 'not_verified', detail: why, reported };
    }
    if (performance.now() >= deadline) break;
    await sleep(Math.min(ctx.deps.verifyPollMs ?? 1000, Math.max(0, deadline - performance.now())), signal);
  }
  return {
    verification: 'not_verified',
    detail: `not verified: ${deployment.environment} still reports ${reported ?? 'no version'} after ${Math.round(timeout / 1000)} s`,
    reported,
  };
}

/** The environment reports the deployed version: by name ("1.2.0" for v1.2.0) or by commit prefix. */
export function reportsDeployed(
  reported: string,
  deployment: Pick<Deployment, 'version' | 'commit'>,
): boolean {
  if (sameVersion(reported, deployment.version)) return true;
  const text = reported.trim().toLowerCase();
  return text.length >= 7 && /^[0-9a-f]+$/.test(text) && deployment.commit.startsWith(text);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
