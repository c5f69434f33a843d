// `cockpit evidence <deployment-id>`: writes the deployment's evidence pack (.tar.gz in the data
// directory) and prints where it is, its size and its SHA-256.
import { exitCodes, parseCommandArgs, UsageError, type CliIo } from './cli-io.ts';
import { withEngineClient, type GlobalOptions } from './open-engine.ts';

export async function evidenceCommand(args: string[], global: GlobalOptions, io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } });
  const deploymentId = Number(positionals[0]);
  if (positionals.length !== 1 || !Number.isInteger(deploymentId) || deploymentId < 1) {
    throw new UsageError('expected a deployment id: "cockpit evidence 12" (see "cockpit deployments")');
  }
  return withEngineClient(global, io, async (client) => {
    const pack = await client.api.releases.evidence({ deploymentId });
    if (values.json) io.stdout(`${JSON.stringify(pack, null, 2)}\n`);
    else
      io.stdout(
        `${pack.path}\n  size    ${formatBytes(pack.bytes)}\n  sha256  ${pack.sha256}\n  files   ${pack.files.length} (verify inside with: sha256sum -c checksums.sha256)\n`,
      );
    return exitCodes.ok;
  });
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]} (${bytes} bytes)`;
}
