// `cockpit serve`: the web host in the foreground until Ctrl+C.
import { join } from 'node:path';
import { repositoryRoot } from '../../engine/app-version.ts';
import { rendererIsBuilt } from '../web/static-files.ts';
import { checkAllowHost, isLoopbackHost } from '../web/allowed-hosts.ts';
import { startWebHost } from '../web/web-host.ts';
import { CockpitError } from '../../../shared/errors.ts';
import { colors, exitCodes, paint, parseCommandArgs, UsageError, type CliIo } from './cli-io.ts';
import { openEngine, type GlobalOptions } from './open-engine.ts';

export const defaultRendererDir = join(repositoryRoot, 'out', 'renderer');

export async function serveCommand(args: string[], global: GlobalOptions, io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    port: { type: 'string' },
    host: { type: 'string' },
    'allow-host': { type: 'string', multiple: true },
  });
  if (positionals.length > 0) throw new UsageError('"cockpit serve" takes no arguments');
  const port = values.port === undefined ? 4173 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, got "${values.port}"`);
  }
  const host = values.host ?? '127.0.0.1';
  const allowHosts = values['allow-host'] ?? [];
  for (const name of allowHosts) {
    const problem = checkAllowHost(name);
    if (problem) throw new UsageError(`--allow-host ${problem}`);
  }
  const rendererDir = io.env.COCKPIT_RENDERER_DIR ?? defaultRendererDir;
  if (!isLoopbackHost(host)) {
    io.stderr(
      `${paint(io, colors.yellow, 'warning:')} serving on ${host}, not only this machine. Anyone who can reach it and has the token can deploy.\n`,
    );
  }
  if (!rendererIsBuilt(rendererDir)) {
    io.stderr(
      `${paint(io, colors.yellow, 'warning:')} the UI is not built (${rendererDir}); run "npm run build". The API still works.\n`,
    );
  }

  const engine = openEngine(global, io, 'web');
  engine.startBackgroundWork();
  let server;
  try {
    server = await startWebHost({ engine, rendererDir, host, port, allowHosts });
  } catch (error) {
    await engine.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new CockpitError(
        'CONFLICT',
        `port ${port} is already in use; pick another with --port (0 = any free port)`,
      );
    }
    if (code === 'ENOTFOUND' || code === 'EADDRNOTAVAIL' || code === 'EAI_AGAIN') {
      throw new UsageError(`--host ${host} is not an address of this machine (try 0.0.0.0 for all of them)`);
    }
    if (code === 'EACCES') {
      throw new CockpitError(
        'CONFLICT',
        `port ${port} needs administrator rights on this system; pick one above 1023`,
      );
    }
    throw error;
  }
  const remote = server.remoteUrlsWithToken;
  io.stdout(
    `Release Cockpit is serving at ${server.urlWithToken}\n` +
      (remote.length > 0
        ? `From another machine, open ${remote[0]}${remote.length > 1 ? `\n  (or ${remote.slice(1).join('\n   or ')})` : ''}\n`
        : 'Open that URL in a browser. ') +
      'Press Ctrl+C to stop.\n',
  );
  await io.untilStopped();
  await server.close();
  await engine.close();
  io.stdout('Stopped.\n');
  return exitCodes.ok;
}
