// `cockpit diff <env> [<version>]`: what deploying a version (default: HEAD) to an environment would
// change, as the engine computes it for the deploy dialog — commits brought and taken out (type,
// short sha, subject, author), changed files with +/- lines, and the declared configuration
// variables (diff.variables) live → proposed, secret values masked by the engine. Requests nothing.
import type { DiffCommit, DiffVariable, ReleaseDiff } from '../../../shared/domain/release-diff.ts';
import { colors, exitCodes, paint, parseCommandArgs, UsageError, type CliIo } from './cli-io.ts';
import { withEngineClient, type GlobalOptions } from './open-engine.ts';
import { shortSha } from './release-format.ts';
import { resolveProject } from './resolve-project.ts';

export async function diffCommand(args: string[], global: GlobalOptions, io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    project: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length < 1 || positionals.length > 2)
    throw new UsageError('expected "cockpit diff <environment> [<version>]"');
  const [environment, version] = positionals as [string, string | undefined];
  return withEngineClient(global, io, async (client) => {
    const project = await resolveProject(client, io, values.project);
    const diff = await client.api.releases.diff({ projectId: project.id, environment, version });
    io.stdout(values.json ? `${JSON.stringify(diff, null, 2)}\n` : formatDiff(io, project.name, diff));
    return exitCodes.ok;
  });
}

function formatDiff(io: CliIo, projectName: string, diff: ReleaseDiff): string {
  const live =
    diff.live.commit === null
      ? (diff.live.version ?? 'nothing live')
      : `${diff.live.version ?? '?'} (${shortSha(diff.live.commit)})`;
  const proposed = `${paint(io, colors.bold, diff.proposed.version)} (${shortSha(diff.proposed.commit)})`;
  const lines = [`${projectName} ${diff.environment}: ${live} → ${proposed}`, diff.summary];
  if (diff.direction === 'same' || diff.direction === 'unknown_live') return `${lines.join('\n')}\n`;

  const commitSection = (title: string, commits: DiffCommit[], omitted: number) => {
    if (commits.length === 0) return;
    const width = Math.max(...commits.map((commit) => typeLabel(commit).length));
    lines.push('', `${title} (${commits.length + omitted}):`);
    for (const commit of commits)
      lines.push(
        `  ${typeLabel(commit).padEnd(width)}  ${commit.shortSha}  ${described(commit)} (${commit.author})`,
      );
    if (omitted > 0) lines.push(`  … and ${omitted} more`);
  };
  commitSection('Commits it brings', diff.commitsAdded, diff.commitsOmitted.added);
  commitSection('Commits it takes out', diff.commitsRemoved, diff.commitsOmitted.removed);

  const { totals } = diff;
  lines.push('', `Files (${totals.files} changed, +${totals.added} -${totals.deleted}):`);
  for (const file of diff.files) {
    const path = file.oldPath === null ? file.path : `${file.oldPath} → ${file.path}`;
    const counts = file.added === null ? 'binary' : `+${file.added} -${file.deleted}`;
    lines.push(`  ${statusLetter[file.status]} ${path}  ${counts}`);
  }
  if (diff.filesOmitted > 0) lines.push(`  … and ${diff.filesOmitted} more`);

  if (diff.variableFiles.length === 0) {
    lines.push('', 'Variables: not compared (declare the files under diff.variables in cockpit.yml).');
  } else {
    lines.push('', `Variables (${diff.variableFiles.join(', ')}):`);
    if (diff.variables.length === 0) lines.push('  none changed');
    for (const variable of diff.variables)
      lines.push(
        `  ${variable.file} ${variable.key}: ${shown(variable, variable.before)} → ${shown(variable, variable.after)}`,
      );
    if (diff.variablesOmitted > 0) lines.push(`  … and ${diff.variablesOmitted} more`);
  }
  return `${lines.join('\n')}\n`;
}

/** `scope: description`, the type being shown in its own column. */
const described = (commit: DiffCommit) =>
  commit.scope === null ? commit.description : `${commit.scope}: ${commit.description}`;

const typeLabel = (commit: DiffCommit) => (commit.breaking ? `${commit.type}!` : commit.type);

const statusLetter: Record<ReleaseDiff['files'][number]['status'], string> = {
  added: 'A',
  modified: 'M',
  deleted: 'D',
  renamed: 'R',
  copied: 'C',
  'type-changed': 'T',
};

function shown(variable: DiffVariable, value: string | null): string {
  if (value === null) return '(absent)';
  if (variable.masked) return '(hidden)';
  return value === '' ? '""' : value;
}
