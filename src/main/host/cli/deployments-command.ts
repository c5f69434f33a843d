// `cockpit deployments`: a project's deployment history, newest first.
import { formatDuration } from '../../engine/kernel/duration.ts';
import { exitCodes, parseCommandArgs, UsageError, type CliIo } from './cli-io.ts';
import { formatTable } from './format.ts';
import { withEngineClient, type GlobalOptions } from './open-engine.ts';
import { paintDeploymentStatus, parseLimit, shortSha } from './release-format.ts';
import { resolveProject } from './resolve-project.ts';

export async function deploymentsCommand(args: string[], global: GlobalOptions, io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    project: { type: 'string' },
    env: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError('"cockpit deployments" takes no arguments');
  const limit = parseLimit(values.limit, 20, 500);
  return withEngineClient(global, io, async (client) => {
    const project = await resolveProject(client, io, values.project);
    const deployments = await client.api.releases.list({
      projectId: project.id,
      environment: values.env,
      limit,
    });
    if (values.json) io.stdout(`${JSON.stringify(deployments, null, 2)}\n`);
    else if (deployments.length === 0)
      io.stdout(
        `No deployments yet for ${project.name}${values.env ? ` to ${values.env}` : ''}. Start one with: cockpit deploy <environment>\n`,
      );
    else {
      const now = Date.now();
      io.stdout(
        formatTable(
          [
            'ID',
            'ENVIRONMENT',
            'KIND',
            'VERSION',
            'COMMIT',
            'STATUS',
            'VERIFIED',
            'ACTOR',
            'REQUESTED',
            'DURATION',
          ],
          deployments.map((deployment) => [
            `#${deployment.id}`,
            deployment.environment,
            deployment.kind + (deployment.fix ? ' (fix)' : ''),
            deployment.version,
            shortSha(deployment.commit),
            paintDeploymentStatus(io, deployment.status) + (deployment.override ? ' (override)' : ''),
            deployment.status !== 'succeeded' || deployment.verification === null
              ? '-'
              : deployment.verification.replace('_', ' '),
            deployment.actor,
            new Date(deployment.requestedAt).toLocaleString(),
            deployment.startedAt === null
              ? '-'
              : formatDuration((deployment.finishedAt ?? now) - deployment.startedAt),
          ]),
        ),
      );
    }
    return exitCodes.ok;
  });
}
