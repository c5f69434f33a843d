// `cockpit projects list|add|remove`.
import { resolve } from 'node:path';
import type { EngineClient } from '../../../shared/client.ts';
import type { Project } from '../../../shared/domain/project.ts';
import { isCockpitError } from '../../../shared/errors.ts';
import { colors, exitCodes, paint, parseCommandArgs, UsageError, type CliIo } from './cli-io.ts';
import { formatTable } from './format.ts';
import { withEngineClient, type GlobalOptions } from './open-engine.ts';

export async function projectsCommand(args: string[], global: GlobalOptions, io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseCommandArgs(rest, {
    json: { type: 'boolean' },
    name: { type: 'string' },
    init: { type: 'boolean' },
  });
  if (sub === 'list' && positionals.length > 0) throw new UsageError('"projects list" takes no arguments');
  if ((sub === 'add' || sub === 'remove') && positionals.length !== 1) {
    throw new UsageError(`"projects ${sub}" takes exactly one folder${sub === 'remove' ? ' or id' : ''}`);
  }
  if (sub !== 'list' && sub !== 'add' && sub !== 'remove') {
    throw new UsageError(
      sub
        ? `unknown projects command "${sub}"`
        : 'expected "projects list", "projects add <dir>" or "projects remove <id|dir>"',
    );
  }

  return withEngineClient(global, io, async (client) => {
    switch (sub) {
      case 'list': {
        const projects = await client.api.projects.list();
        if (values.json) io.stdout(`${JSON.stringify(projects, null, 2)}\n`);
        else if (projects.length === 0)
          io.stdout('No projects yet. Add one with: cockpit projects add <dir>\n');
        else io.stdout(projectTable(projects));
        return exitCodes.ok;
      }
      case 'add': {
        const path = resolve(io.cwd, positionals[0]!);
        try {
          const project = await client.api.projects.add({
            path,
            name: values.name,
            createConfig: values.init,
          });
          io.stdout(`Added project ${project.id} "${project.name}" (${project.path})\n`);
          reportConfig(project, io);
          return exitCodes.ok;
        } catch (error) {
          if (isCockpitError(error) && error.code === 'CONFIG_MISSING') {
            io.stderr(
              `${paint(io, colors.red, 'error:')} ${error.message}\nRun again with --init to create it.\n`,
            );
            return exitCodes.failure;
          }
          throw error;
        }
      }
      case 'remove': {
        const target = positionals[0]!;
        const id = /^\d+$/.test(target) ? Number(target) : await idForPath(client, resolve(io.cwd, target));
        await client.api.projects.remove({ id });
        io.stdout(`Removed project ${id}. Its folder was not touched.\n`);
        return exitCodes.ok;
      }
    }
  });
}

async function idForPath(client: EngineClient, path: string): Promise<number> {
  const inspection = await client.api.projects.inspect({ path });
  const match = (await client.api.projects.list()).find((project) => project.path === inspection.path);
  if (!match) throw new UsageError(`no project at ${inspection.path} (see "cockpit projects list")`);
  return match.id;
}

function projectTable(projects: Project[]): string {
  return formatTable(
    ['ID', 'NAME', 'CONFIG', 'BRANCH', 'HEAD', 'PATH'],
    projects.map((p) => [
      String(p.id),
      p.name,
      p.configStatus,
      p.git ? (p.git.branch ?? '(detached)') + (p.git.dirty ? '*' : '') : '-',
      p.git?.headSha?.slice(0, 8) ?? '-',
      p.path,
    ]),
  );
}

function reportConfig(project: Project, io: CliIo) {
  if (project.configStatus !== 'invalid') return;
  io.stderr(
    `${paint(io, colors.yellow, 'warning:')} cockpit.yml has problems; the project was added but cannot run until they are fixed:\n`,
  );
  for (const problem of project.configProblems) {
    io.stderr(`  ${problem.file}:${problem.line}:${problem.col}: ${problem.message}\n`);
  }
}
