// `cockpit approve <deployment-id> [--comment "…"] [--reject]`: record a decision on a deployment that
// awaits approval. When it was the last approval needed, the deployment starts in this process, which
// then follows it like `cockpit deploy` does (exit 0 when it succeeds, 1 otherwise, 4 when gates block).
import { exitCodes, paint, colors, parseCommandArgs, UsageError, type CliIo } from './cli-io.ts';
import { followDeployment } from './follow-deployment.ts';
import { withEngineClient, type GlobalOptions } from './open-engine.ts';
import { blockingGates, paintDeploymentStatus, printGateBlock, reportGateFailure } from './release-format.ts';

export async function approveCommand(args: string[], global: GlobalOptions, io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    comment: { type: 'string' },
    reject: { type: 'boolean' },
  });
  const deploymentId = Number(positionals[0]);
  if (positionals.length !== 1 || !Number.isInteger(deploymentId) || deploymentId < 1)
    throw new UsageError('expected "cockpit approve <deployment-id> --comment "…" [--reject]"');
  // An approval needs one unless the environment's gates say comment_required: false (the engine decides).
  if (values.reject && (values.comment === undefined || values.comment.trim() === ''))
    throw new UsageError('--comment is required to reject: say why (it goes into the audit log)');
  const decision = values.reject ? 'reject' : 'approve';
  return withEngineClient(global, io, (client) =>
    reportGateFailure(io, async () => {
      const deployment = await client.api.releases.approve({
        deploymentId,
        comment: values.comment ?? '',
        decision,
      });
      const what = `deployment #${deployment.id} (${deployment.projectName} ${deployment.version} to ${deployment.environment}, requested by ${deployment.actor})`;
      if (decision === 'reject') {
        io.stdout(`${paint(io, colors.red, 'Rejected')} ${what}.\n`);
        return exitCodes.ok;
      }
      if (deployment.status === 'awaiting_approval') {
        // The engine evaluated the gates again with this approval counted.
        const approvals = deployment.gates.find((gate) => gate.gate === 'approvals');
        const blocking = blockingGates(deployment.gates);
        if (approvals?.passed && blocking.length > 0) {
          io.stdout(`Approved ${what}: it has its approvals, but it cannot start now.\n`);
          printGateBlock(
            io,
            deployment.gates,
            `It keeps its approvals. Start it when the gates pass: cockpit start ${deployment.id} (or add --override "reason").`,
          );
          return exitCodes.gateFailed;
        }
        io.stdout(`Approved ${what}: ${approvals?.detail ?? 'recorded'}; it starts once it has them all.\n`);
        return exitCodes.ok;
      }
      io.stdout(`Approved ${what}: it is ${paintDeploymentStatus(io, deployment.status)}.\n`);
      if (!['queued', 'running', 'verifying'].includes(deployment.status)) return exitCodes.ok;
      return followDeployment(client, io, deployment);
    }),
  );
}
