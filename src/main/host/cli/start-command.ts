// `cockpit start <deployment-id> [--override "reason"]`: start an approved deployment that a gate
// (a freeze, say) held back when its last approval came. The gates are checked again; it then runs
// here and is followed like `cockpit deploy` (exit 0 succeeded, 1 failed, 4 gates still block).
import { exitCodes, parseCommandArgs, UsageError, type CliIo } from './cli-io.ts';
import { followDeployment } from './follow-deployment.ts';
import { withEngineClient, type GlobalOptions } from './open-engine.ts';
import { reportGateFailure } from './release-format.ts';

export async function startCommand(args: string[], global: GlobalOptions, io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { override: { type: 'string' } });
  const deploymentId = Number(positionals[0]);
  if (positionals.length !== 1 || !Number.isInteger(deploymentId) || deploymentId < 1)
    throw new UsageError('expected "cockpit start <deployment-id> [--override "reason"]"');
  return withEngineClient(global, io, (client) =>
    reportGateFailure(io, async () => {
      const deployment = await client.api.releases.start({
        deploymentId,
        ...(values.override === undefined ? {} : { override: { reason: values.override } }),
      });
      io.stdout(
        `Deployment #${deployment.id} of ${deployment.version} to ${deployment.environment} started.\n`,
      );
      if (!['queued', 'running', 'verifying'].includes(deployment.status)) return exitCodes.ok;
      return followDeployment(client, io, deployment);
    }),
  );
}
