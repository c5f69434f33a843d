// `cockpit secrets set|list|delete`: a project's secrets. Values are read from stdin (or typed
// without echo), never taken as arguments, so they stay out of shell history and `ps`.
import { colors, exitCodes, paint, parseCommandArgs, UsageError, type CliIo } from './cli-io.ts';
import { formatTable } from './format.ts';
import { withEngineClient, type GlobalOptions } from './open-engine.ts';
import { resolveProject } from './resolve-project.ts';

export async function secretsCommand(args: string[], global: GlobalOptions, io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseCommandArgs(rest, { project: { type: 'string' } });
  if (
    sub === 'list'
      ? positionals.length !== 0
      : positionals.length !== 1 || (sub !== 'set' && sub !== 'delete')
  ) {
    throw new UsageError(
      'expected "secrets list", "secrets set NAME" (value on stdin) or "secrets delete NAME"',
    );
  }
  return withEngineClient(global, io, async (client) => {
    const project = await resolveProject(client, io, values.project);
    if (sub === 'list') {
      const secrets = await client.api.secrets.list({ projectId: project.id });
      io.stdout(
        secrets.length === 0
          ? `${project.name} has no secrets readable here. Set one with: cockpit secrets set NAME\n`
          : formatTable(
              ['NAME', 'UPDATED'],
              secrets.map((s) => [s.name, new Date(s.updatedAt).toLocaleString()]),
            ),
      );
    } else if (sub === 'set') {
      const value = (await io.readSecret(`Value for ${positionals[0]} (input hidden): `)).replace(
        /\r?\n$/,
        '',
      );
      if (value === '')
        throw new UsageError('the secret value is empty (pipe it on stdin, or type it when asked)');
      const result = await client.api.secrets.set({ projectId: project.id, name: positionals[0]!, value });
      io.stdout(`Secret ${result.name} saved for ${project.name} (encrypted).\n`);
      if (result.warning) io.stderr(`${paint(io, colors.yellow, 'warning:')} ${result.warning}\n`);
    } else {
      await client.api.secrets.delete({ projectId: project.id, name: positionals[0]! });
      io.stdout(`Secret ${positionals[0]} deleted from ${project.name}.\n`);
    }
    return exitCodes.ok;
  });
}
