// Waits for a deployment this process drives to end, printing each status change, its pipeline's jobs
// as they finish, and how verification went. Ctrl+C cancels the deployment, as `cockpit run` does.
import type { EngineClient } from '../../../shared/client.ts';
import {
  activeDeploymentStatuses,
  type Deployment,
  type DeploymentDetail,
} from '../../../shared/domain/release.ts';
import type { JobStatus } from '../../../shared/domain/run.ts';
import { formatDuration } from '../../engine/kernel/duration.ts';
import { colors, exitCodes, paint, type CliIo } from './cli-io.ts';
import { paintStatus } from './format.ts';
import { paintDeploymentStatus } from './release-format.ts';

/** How often to look again when no event says anything changed (another process may drive it). */
const POLL_MS = 1000;

export async function followDeployment(
  client: EngineClient,
  io: CliIo,
  deployment: Deployment,
): Promise<number> {
  const id = deployment.id;
  let wake: (() => void) | null = null;
  let changed: boolean;
  const stopListening = client.on('releases.changed', (event) => {
    if (event.deploymentId !== null && event.deploymentId !== id) return;
    changed = true;
    wake?.();
  });
  const stopRunListening = client.on('runs.changed', () => {
    changed = true;
    wake?.();
  });
  let interrupts = 0;
  const stopInterrupts = io.onInterrupt(() => {
    interrupts++;
    if (interrupts === 1) {
      io.stderr('\nCancelling the deployment… (press Ctrl+C again to stop waiting)\n');
      client.api.releases.cancel({ deploymentId: id }).catch((error: unknown) => {
        io.stderr(`could not cancel: ${(error as Error).message}\n`);
      });
    } else process.exit(exitCodes.failure);
  });

  const report = createReporter(client, io);
  try {
    for (;;) {
      changed = false;
      const detail = await client.api.releases.get({ deploymentId: id });
      await report(detail);
      if (!activeDeploymentStatuses.includes(detail.status)) return finish(io, detail);
      if (!changed) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, POLL_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    }
  } finally {
    stopInterrupts();
    stopRunListening();
    stopListening();
  }
}

/** Prints what is new since the last look: the status, then jobs of the deploy run that finished. */
function createReporter(client: EngineClient, io: CliIo) {
  let lastStatus: Deployment['status'] | null = null;
  const jobsSeen = new Map<string, JobStatus>();
  return async (detail: DeploymentDetail) => {
    if (detail.runId !== null) {
      const run = await client.api.runs.get({ runId: detail.runId });
      for (const job of run.jobs) {
        const done = !['pending', 'queued', 'running'].includes(job.status);
        if (!done || jobsSeen.get(job.name) === job.status) continue;
        jobsSeen.set(job.name, job.status);
        const took =
          job.startedAt !== null && job.finishedAt !== null
            ? ` in ${formatDuration(job.finishedAt - job.startedAt)}`
            : '';
        io.stdout(`  job ${job.name} ${paintStatus(io, job.status)}${took}\n`);
      }
    }
    // A deploy is "running" a moment before its pipeline run exists: say so once the run is known.
    // How it ended is the summary's to say.
    if (detail.status === lastStatus || (detail.status === 'running' && detail.runId === null)) return;
    if (!activeDeploymentStatuses.includes(detail.status)) return;
    lastStatus = detail.status;
    io.stdout(`${paintDeploymentStatus(io, detail.status)}${statusNote(detail)}\n`);
  };
}

function statusNote(detail: DeploymentDetail): string {
  switch (detail.status) {
    case 'queued':
      return ` (waiting for the deploy lock on ${detail.environment})`;
    case 'running':
      return detail.runId === null
        ? ` (pipeline ${detail.pipeline})`
        : ` (pipeline ${detail.pipeline}, run #${detail.runId})`;
    case 'verifying':
      return ` (waiting for ${detail.environment} to report ${detail.version})`;
    default:
      return '';
  }
}

function finish(io: CliIo, detail: DeploymentDetail): number {
  // The engine words its details as sentences; some start with the verdict itself.
  const why = (detail.verificationDetail ?? '').replace(/^not verified:\s*/i, '');
  if (detail.status === 'succeeded') {
    if (detail.verification === 'verified') {
      io.stdout(
        `${paint(io, colors.green, 'verified:')} ${why || `environment reports ${detail.version}`}\n`,
      );
    } else {
      const fallback =
        detail.reportedVersion === null
          ? 'the environment reports no version'
          : `environment still reports ${detail.reportedVersion}`;
      io.stdout(`${paint(io, colors.yellow, 'not verified')} (${why || fallback})\n`);
    }
  } else if (why) {
    io.stdout(`${paintDeploymentStatus(io, detail.status)}: ${why}\n`);
  }
  const took =
    detail.startedAt !== null && detail.finishedAt !== null
      ? ` in ${formatDuration(detail.finishedAt - detail.startedAt)}`
      : '';
  io.stdout(
    `Deployment #${detail.id} of ${detail.projectName} ${detail.version} to ${detail.environment} ${paintDeploymentStatus(io, detail.status)}${took}.\n`,
  );
  if (detail.status !== 'succeeded' && detail.runId !== null) {
    io.stdout(`The pipeline's output: cockpit logs ${detail.runId}\n`);
  }
  return detail.status === 'succeeded' ? exitCodes.ok : exitCodes.failure;
}
