// `cockpit live-at <time>`: time travel — what version every environment ran at a past moment, its
// health then, and the deployment that put it there.
import { exitCodes, parseCommandArgs, UsageError, type CliIo } from './cli-io.ts';
import { formatTable } from './format.ts';
import { withEngineClient, type GlobalOptions } from './open-engine.ts';
import { localTime, localZone, parseTimeArg } from './time-arg.ts';

export async function liveAtCommand(args: string[], global: GlobalOptions, io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } });
  if (positionals.length !== 1) {
    throw new UsageError(
      'expected one time: "cockpit live-at 2026-11-20T14:00" (local time unless it ends in Z or an offset)',
    );
  }
  const at = parseTimeArg(positionals[0]!, 'live-at', Date.now());
  if (at < 0) throw new UsageError(`live-at "${positionals[0]}" is before 1970`);

  return withEngineClient(global, io, async (client) => {
    const live = await client.api.insights.liveAt({ at });
    if (values.json) {
      io.stdout(`${JSON.stringify(live, null, 2)}\n`);
      return exitCodes.ok;
    }
    io.stdout(`Live at ${localTime(at)} (${localZone()}):\n\n`);
    if (live.environments.length === 0) {
      io.stdout('No environments were known then.\n');
      return exitCodes.ok;
    }
    // Who deployed: from each deployment record (a handful of environments, fetched together).
    const ids = [...new Set(live.environments.map((env) => env.deploymentId).filter((id) => id !== null))];
    const deployments = await Promise.all(
      ids.map((deploymentId) => client.api.releases.get({ deploymentId })),
    );
    const actors = new Map(deployments.map((d) => [d.id, d.actor]));
    io.stdout(
      formatTable(
        ['PROJECT', 'ENVIRONMENT', 'VERSION', 'STATE', 'DEPLOYED'],
        live.environments.map((env) => [
          env.projectName,
          env.environment,
          env.version ?? '-',
          env.state + (env.openIncidentId === null ? '' : ` (incident #${env.openIncidentId})`),
          env.deployedAt === null
            ? '-'
            : `${localTime(env.deployedAt)}${env.deploymentId === null ? '' : ` by ${actors.get(env.deploymentId) ?? '?'} (#${env.deploymentId})`}`,
        ]),
      ),
    );
    return exitCodes.ok;
  });
}
