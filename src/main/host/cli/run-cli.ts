// The cockpit command line: global flags, then one command. Returns the exit code.
// Each command's module is imported only when that command runs: `--version` and `--help` load none
// of them, and only commands that need the engine (and so the database) load it.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readAppVersion } from '../../engine/kernel/app-version.ts';
import { DATABASE_FILE_NAME, resolveDataDir } from '../../engine/kernel/data-dir.ts';
import { moveDatabaseAside } from '../../engine/kernel/store/move-aside.ts';
import { exitCodes, UsageError, type CliIo } from './cli-io.ts';
import { cliLayout } from './cli-layout.ts';
import { flagErrorMessage, unknownCommandMessage } from './did-you-mean.ts';
import { helpText } from './help.ts';
import type { GlobalOptions } from './open-engine.ts';

type Command = (args: string[], global: GlobalOptions, io: CliIo) => Promise<number> | number;

/** Command name → how to load it. */
const commands: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./serve-command.ts')).serveCommand,
  projects: async () => (await import('./projects-command.ts')).projectsCommand,
  run: async () => (await import('./run-command.ts')).runCommand,
  play: async () => (await import('./run-command.ts')).playCommand,
  runs: async () => (await import('./runs-command.ts')).runsCommand,
  logs: async () => (await import('./runs-command.ts')).logsCommand,
  artifacts: async () => (await import('./artifacts-command.ts')).artifactsCommand,
  pipelines: async () => (await import('./runs-command.ts')).pipelinesCommand,
  secrets: async () => (await import('./secrets-command.ts')).secretsCommand,
  status: async () => (await import('./status-command.ts')).statusCommand,
  check: async () => (await import('./status-command.ts')).checkCommand,
  deploy: async () => (await import('./deploy-command.ts')).deployCommand,
  promote: async () => (await import('./deploy-command.ts')).promoteCommand,
  rollback: async () => (await import('./deploy-command.ts')).rollbackCommand,
  diff: async () => (await import('./diff-command.ts')).diffCommand,
  approve: async () => (await import('./approve-command.ts')).approveCommand,
  start: async () => (await import('./start-command.ts')).startCommand,
  deployments: async () => (await import('./deployments-command.ts')).deploymentsCommand,
  releases: async () => (await import('./releases-command.ts')).releasesCommand,
  release: async () => (await import('./releases-command.ts')).releaseCommand,
  notes: async () => (await import('./notes-command.ts')).notesCommand,
  audit: async () => (await import('./audit-command.ts')).auditCommand,
  notifications: async () => (await import('./notifications-command.ts')).notificationsCommand,
  report: async () => (await import('./report-command.ts')).reportCommand,
  'live-at': async () => (await import('./live-at-command.ts')).liveAtCommand,
  evidence: async () => (await import('./evidence-command.ts')).evidenceCommand,
  team: async () => (await import('./team-command.ts')).teamCommand,
  db: () => Promise.resolve(dbCommand),
};

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
      io.stdout(`${readAppVersion(cliLayout().packageRoot)}\n`);
      return exitCodes.ok;
    }
    const load = Object.hasOwn(commands, command!) ? commands[command!] : undefined;
    if (!load) throw new UsageError(unknownCommandMessage(command ?? ''));
    return await (
      await load()
    )(rest, global, io);
  } catch (error) {
    // Loaded on failure only: describing engine errors pulls in the error schemas (zod).
    const { reportCliError } = await import('./cli-errors.ts');
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
