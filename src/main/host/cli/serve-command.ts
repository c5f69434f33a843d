// `cockpit serve`: the web host in the foreground until Ctrl+C; `--demo` adds the demo project when
// there is no project yet, `--open` opens the address in the default browser.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { rendererIsBuilt } from '../web/static-files.ts';
import { checkAllowHost, isLoopbackHost } from '../web/allowed-hosts.ts';
import { startWebHost } from '../web/web-host.ts';
import { CockpitError } from '../../../shared/errors.ts';
import { colors, exitCodes, paint, parseCommandArgs, UsageError, type CliIo } from './cli-io.ts';
import { cliLayout } from './cli-layout.ts';
import { openEngine, type GlobalOptions } from './open-engine.ts';

export async function serveCommand(args: string[], global: GlobalOptions, io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    port: { type: 'string' },
    host: { type: 'string' },
    'allow-host': { type: 'string', multiple: true },
    demo: { type: 'boolean' },
    open: { type: 'boolean' },
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
  const rendererDir = io.env.COCKPIT_RENDERER_DIR ?? join(cliLayout().packageRoot, 'out', 'renderer');
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
  // Listening first: triggers, checks and watches (~40 ms of a cold start) begin once it can answer.
  engine.startBackgroundWork();
  const remote = server.remoteUrlsWithToken;
  if (values.demo && (await engine.invoke('projects.list', {})).length === 0) {
    try {
      const demo = await engine.invoke('projects.openDemo', {});
      io.stdout(`The demo project "${demo.name}" is on the board (a copy in ${demo.path}).\n`);
    } catch (error) {
      io.stderr(
        `${paint(io, colors.yellow, 'warning:')} could not open the demo project: ${(error as Error).message}\n`,
      );
    }
  }
  io.stdout(
    `Release Cockpit is serving at ${server.urlWithToken}\n` +
      (remote.length > 0
        ? `From another machine, open ${remote[0]}${remote.length > 1 ? `\n  (or ${remote.slice(1).join('\n   or ')})` : ''}\n`
        : 'Open that URL in a browser. ') +
      'Press Ctrl+C to stop.\n',
  );
  if (values.open) openInBrowser(server.urlWithToken, io);
  await io.untilStopped();
  await server.close();
  await engine.close();
  io.stdout('Stopped.\n');
  return exitCodes.ok;
}

/** The platform's "open this URL" command, detached; if there is none, the printed URL is the way in. */
function openInBrowser(url: string, io: CliIo): void {
  const [command, ...args] =
    process.platform === 'darwin'
      ? ['open', url]
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '""', url]
        : ['xdg-open', url];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', () =>
      io.stderr(`(no browser to open here: ${command} is missing; open the URL above)\n`),
    );
    child.unref();
  } catch {
    io.stderr('(could not open a browser; open the URL above)\n');
  }
}
