// The cockpit command line: global flags, then one command. Returns the exit code.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readAppVersion } from '../../engine/app-version.ts';
import { DATABASE_FILE_NAME, resolveDataDir } from '../../engine/data-dir.ts';
import { moveDatabaseAside } from '../../engine/store/move-aside.ts';
import { approveCommand } from './approve-command.ts';
import { startCommand } from './start-command.ts';
import { auditCommand } from './audit-command.ts';
import { reportCliError } from './cli-errors.ts';
import { exitCodes, UsageError, type CliIo } from './cli-io.ts';
import { flagErrorMessage, unknownCommandMessage } from './did-you-mean.ts';
import { deployCommand, promoteCommand, rollbackCommand } from './deploy-command.ts';
import { deploymentsCommand } from './deployments-command.ts';
import { evidenceCommand } from './evidence-command.ts';
import { helpText } from './help.ts';
import { liveAtCommand } from './live-at-command.ts';
import { notesCommand } from './notes-command.ts';
import { projectsCommand } from './projects-command.ts';
import { reportCommand } from './report-command.ts';
import { playCommand, runCommand } from './run-command.ts';
import { logsCommand, pipelinesCommand, runsCommand } from './runs-command.ts';
import { secretsCommand } from './secrets-command.ts';
import { serveCommand } from './serve-command.ts';
import { checkCommand, statusCommand } from './status-command.ts';
import { openEngine, type GlobalOptions } from './open-engine.ts';

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let dataDir: string | undefined;
  try {
    const { global, command, rest } = parseGlobal(argv, io);
    dataDir = global.dataDir;
    if (global.help || (command === undefined && !global.version)) {
      io.stdout(helpText);
      return command === undefined && !global.help ? exitCodes.usage : exitCodes.ok;
    }
    if (global.version) {
      io.stdout(`${readAppVersion()}\n`);
      return exitCodes.ok;
    }
    switch (command) {
      case 'serve':
        return await serveCommand(rest, global, io);
      case 'projects':
        return await projectsCommand(rest, global, io);
      case 'run':
        return await runCommand(rest, global, io);
      case 'play':
        return await playCommand(rest, global, io);
      case 'runs':
        return await runsCommand(rest, global, io);
      case 'logs':
        return await logsCommand(rest, global, io);
      case 'pipelines':
        return await pipelinesCommand(rest, global, io);
      case 'secrets':
        return await secretsCommand(rest, global, io);
      case 'status':
        return await statusCommand(rest, global, io);
      case 'check':
        return await checkCommand(rest, global, io);
      case 'deploy':
        return await deployCommand(rest, global, io);
      case 'promote':
        return await promoteCommand(rest, global, io);
      case 'rollback':
        return await rollbackCommand(rest, global, io);
      case 'approve':
        return await approveCommand(rest, global, io);
      case 'start':
        return await startCommand(rest, global, io);
      case 'deployments':
        return await deploymentsCommand(rest, global, io);
      case 'notes':
        return await notesCommand(rest, global, io);
      case 'audit':
        return await auditCommand(rest, global, io);
      case 'report':
        return await reportCommand(rest, global, io);
      case 'live-at':
        return await liveAtCommand(rest, global, io);
      case 'evidence':
        return await evidenceCommand(rest, global, io);
      case 'db':
        return dbCommand(rest, global, io);
      default:
        throw new UsageError(unknownCommandMessage(command ?? ''));
    }
  } catch (error) {
    return reportCliError(error, dataDir, io);
  }
}

function parseGlobal(argv: string[], io: CliIo): { global: GlobalOptions; command?: string; rest: string[] } {
  const commandIndex = argv.findIndex((arg, i) => !arg.startsWith('-') && argv[i - 1] !== '--data-dir');
  const head = commandIndex === -1 ? argv : argv.slice(0, commandIndex);
  let values;
  try {
    ({ values } = parseArgs({
      args: head,
      options: {
        'data-dir': { type: 'string' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(flagErrorMessage(error, ['data-dir', 'verbose', 'help', 'version']));
  }
  const rest = commandIndex === -1 ? [] : argv.slice(commandIndex + 1);
  const help = values.help === true || rest.includes('--help') || rest.includes('-h');
  return {
    global: {
      dataDir: values['data-dir'] ? resolve(io.cwd, values['data-dir']) : resolveDataDir(io.env),
      verbose: values.verbose === true,
      help,
      version: values.version === true,
    },
    command: commandIndex === -1 ? undefined : argv[commandIndex],
    rest,
  };
}

function dbCommand(args: string[], global: GlobalOptions, io: CliIo): number {
  if (args[0] !== 'move-aside' || args.length > 1) throw new UsageError('expected "db move-aside"');
  const path = join(global.dataDir, DATABASE_FILE_NAME);
  const moved = moveDatabaseAside(path);
  io.stdout(
    moved
      ? `Moved ${path} to ${moved}. The next start creates a fresh database.\n`
      : `There is no database at ${path}.\n`,
  );
  return exitCodes.ok;
}

export { openEngine };
