// actions/upload-artifact and actions/download-artifact: named artifacts kept under the run's
// artifacts folder.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, globSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { absolutePath, inputLines, type BuiltinContext, type BuiltinResult } from './builtin-context.ts';

function artifactsRoot(ctx: BuiltinContext): string {
  return join(ctx.dataDir, 'artifacts', String(ctx.runId), 'github-artifacts');
}

export function uploadArtifact(inputs: Record<string, string>, ctx: BuiltinContext): BuiltinResult {
  const name = inputs.name?.trim() || 'artifact';
  if (/[\\/:*?"<>|]/.test(name) || name === '.' || name === '..')
    throw new Error(`actions/upload-artifact: "${name}" is not a valid artifact name`);
  const patterns = inputLines(inputs.path);
  if (patterns.length === 0) throw new Error('actions/upload-artifact: "path" is required');
  const include = patterns.filter((p) => !p.startsWith('!'));
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  const excluded = new Set(exclude.flatMap((p) => expand(p, ctx.workspace)));
  const files = [...new Set(include.flatMap((p) => expand(p, ctx.workspace)))]
    .filter((f) => !excluded.has(f))
    .sort();
  if (files.length === 0) {
    const how = inputs['if-no-files-found'] ?? 'warn';
    const message = `No files were found with the provided path: ${patterns.join(', ')}. No artifacts will be uploaded.`;
    if (how === 'error') throw new Error(`actions/upload-artifact: ${message}`);
    return { lines: how === 'ignore' ? [message] : [`::warning::${message}`], outputs: {} };
  }
  const target = join(artifactsRoot(ctx), name);
  if (existsSync(target)) {
    if (inputs.overwrite !== 'true')
      throw new Error(
        `actions/upload-artifact: an artifact named "${name}" was already uploaded in this run (overwrite: true replaces it)`,
      );
    rmSync(target, { recursive: true, force: true });
  }
  // As upload-artifact does: paths are kept relative to the least common ancestor of what matched.
  const root = commonDir(include.map((pattern) => searchRoot(pattern, ctx.workspace)));
  let bytes = 0;
  for (const file of files) {
    const to = join(target, relative(root, file));
    mkdirSync(dirname(to), { recursive: true, mode: 0o700 });
    cpSync(file, to);
    bytes += statSync(file).size;
  }
  return {
    lines: [
      `Uploaded artifact "${name}": ${files.length} file${files.length === 1 ? '' : 's'}, ${bytes} bytes (kept with the run).`,
    ],
    outputs: {
      'artifact-id': createHash('sha256').update(`${ctx.runId}/${name}`).digest('hex').slice(0, 12),
      'artifact-url': '',
    },
  };
}

export function downloadArtifact(inputs: Record<string, string>, ctx: BuiltinContext): BuiltinResult {
  const root = artifactsRoot(ctx);
  const name = inputs.name?.trim() ?? '';
  const destination = absolutePath(inputs.path?.trim() || '.', ctx.workspace);
  const available = existsSync(root) ? readdirSync(root).sort() : [];
  if (name) {
    if (!available.includes(name))
      throw new Error(
        `actions/download-artifact: no artifact "${name}" was uploaded in this run${available.length ? ` (there are: ${available.join(', ')})` : ''}`,
      );
    cpSync(join(root, name), destination, { recursive: true });
    return {
      lines: [`Downloaded artifact "${name}" to ${destination}.`],
      outputs: { 'download-path': destination },
    };
  }
  const pattern = inputs.pattern?.trim();
  const chosen = available.filter((artifact) => !pattern || globMatches(pattern, artifact));
  for (const artifact of chosen) {
    cpSync(
      join(root, artifact),
      inputs['merge-multiple'] === 'true' ? destination : join(destination, artifact),
      {
        recursive: true,
      },
    );
  }
  return {
    lines: [`Downloaded ${chosen.length} artifact${chosen.length === 1 ? '' : 's'} to ${destination}.`],
    outputs: { 'download-path': destination },
  };
}

function globMatches(pattern: string, name: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replaceAll('*', '.*')
      .replaceAll('?', '.')}$`,
  );
  return regex.test(name);
}

/** Files a pattern means (a folder means every file in it), absolute. */
function expand(pattern: string, workspace: string): string[] {
  const base = absolutePath(pattern, workspace);
  if (existsSync(base) && statSync(base).isDirectory())
    return globSync('**/*', { cwd: base })
      .map((file) => join(base, file))
      .filter((file) => statSync(file).isFile());
  const matches =
    isAbsolute(pattern) || pattern.startsWith('~') ? globSync(base) : globSync(pattern, { cwd: workspace });
  return matches
    .map((file) => resolve(workspace, file))
    .flatMap((file) =>
      statSync(file).isDirectory()
        ? globSync('**/*', { cwd: file })
            .map((inner) => join(file, inner))
            .filter((inner) => statSync(inner).isFile())
        : [file],
    );
}

/** Where a pattern searches: a folder itself, else the folder before its first wildcard. */
function searchRoot(pattern: string, workspace: string): string {
  const path = absolutePath(pattern, workspace);
  const wildcard = path.search(/[*?[{]/);
  if (wildcard === -1) return existsSync(path) && statSync(path).isDirectory() ? path : dirname(path);
  return dirname(path.slice(0, wildcard) + 'x');
}

function commonDir(dirs: string[]): string {
  let common = dirs[0]!.split(sep);
  for (const dir of dirs.slice(1)) {
    const parts = dir.split(sep);
    let i = 0;
    while (i < common.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  return common.join(sep) || sep;
}
