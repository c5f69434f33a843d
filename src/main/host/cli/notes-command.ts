// `cockpit notes <from> <to>`: release notes between two versions (tags, shas or branches) as Markdown;
// `none` as <from> means a first release (every commit up to <to>).
import { exitCodes, parseCommandArgs, UsageError, type CliIo } from './cli-io.ts';
import { withEngineClient, type GlobalOptions } from './open-engine.ts';
import { resolveProject } from './resolve-project.ts';

export async function notesCommand(args: string[], global: GlobalOptions, io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    project: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length !== 2)
    throw new UsageError('expected "cockpit notes <from-version> <to-version>" (from may be "none")');
  const [from, to] = positionals as [string, string];
  return withEngineClient(global, io, async (client) => {
    const project = await resolveProject(client, io, values.project);
    const notes = await client.api.releases.notes({
      projectId: project.id,
      from: from === 'none' ? null : from,
      to,
    });
    if (values.json) {
      io.stdout(`${JSON.stringify(notes, null, 2)}\n`);
      return exitCodes.ok;
    }
    // The Markdown itself warns when <from> is not an ancestor of <to>.
    io.stdout(notes.markdown.endsWith('\n') ? notes.markdown : `${notes.markdown}\n`);
    return exitCodes.ok;
  });
}
