// Well-known actions done by the cockpit itself, offline: actions/setup-node|python|go|java use the
// host's toolchain when it satisfies the requested version (and fail clearly when it does not);
// upload-artifact / download-artifact keep named artifacts under the run's artifacts folder;
// cache is a local cache folder under the data dir (restored by the step, saved after the job).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  globSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export const BUILTIN_ACTIONS = new Set([
  'actions/setup-node',
  'actions/setup-python',
  'actions/setup-go',
  'actions/setup-java',
  'actions/upload-artifact',
  'actions/download-artifact',
  'actions/cache',
]);

export interface BuiltinContext {
  workspace: string;
  dataDir: string;
  runId: number;
  env: Record<string, string>;
}

export interface BuiltinResult {
  /** What the step prints. */
  lines: string[];
  outputs: Record<string, string>;
  /** Kept for the action's post step (actions/cache). */
  state?: Record<string, string>;
}

export function runBuiltin(name: string, inputs: Record<string, string>, ctx: BuiltinContext): BuiltinResult {
  switch (name) {
    case 'actions/setup-node':
      return setup(
        ctx,
        'node',
        requested(inputs, 'node-version', ctx),
        () => tool(ctx, 'node', ['--version']),
        'node-version',
      );
    case 'actions/setup-python':
      return setup(
        ctx,
        'python',
        requested(inputs, 'python-version', ctx),
        () => tool(ctx, 'python3', ['--version']) ?? tool(ctx, 'python', ['--version']),
        'python-version',
      );
    case 'actions/setup-go':
      return setup(
        ctx,
        'go',
        requested(inputs, 'go-version', ctx),
        () => tool(ctx, 'go', ['version']),
        'go-version',
      );
    case 'actions/setup-java':
      return setup(
        ctx,
        'java',
        requested(inputs, 'java-version', ctx),
        () => tool(ctx, 'java', ['-version']),
        'version',
      );
    case 'actions/upload-artifact':
      return uploadArtifact(inputs, ctx);
    case 'actions/download-artifact':
      return downloadArtifact(inputs, ctx);
    case 'actions/cache':
      return restoreCache(inputs, ctx);
    default:
      throw new Error(`${name} is not a built-in action`);
  }
}

/** The post step of a built-in action (actions/cache saves), given what its main step kept. */
export function runBuiltinPost(name: string, state: Record<string, string>, ctx: BuiltinContext): string[] {
  if (name !== 'actions/cache') return [];
  if (state.hit === 'true') return [`Cache hit on "${state.key}": not saved again.`];
  const entry = cacheEntry(ctx, state.key!);
  rmSync(entry, { recursive: true, force: true });
  const paths = JSON.parse(state.paths ?? '[]') as string[];
  let saved = 0;
  paths.forEach((path, index) => {
    const source = absolutePath(path, ctx.workspace);
    if (!existsSync(source)) return;
    cpSync(source, join(entry, String(index)), { recursive: true });
    saved++;
  });
  return saved === 0
    ? [`Nothing to cache: none of ${paths.join(', ')} exists.`]
    : [`Saved ${saved} path${saved === 1 ? '' : 's'} to the local cache under the key "${state.key}".`];
}

// --- setup-*: the host's toolchain ----------------------------------------------------------------

function requested(inputs: Record<string, string>, key: string, ctx: BuiltinContext): string {
  const direct = (inputs[key] ?? '').trim();
  if (direct) return direct;
  const file = (inputs[`${key}-file`] ?? '').trim();
  if (!file) return '';
  const text = readFileSync(resolve(ctx.workspace, file), 'utf8');
  if (file.endsWith('go.mod')) return /^go\s+(\S+)/m.exec(text)?.[1] ?? '';
  if (file.endsWith('package.json')) {
    const engines = (JSON.parse(text) as { engines?: Record<string, string> }).engines;
    return engines?.node ?? '';
  }
  return (
    text
      .split(/\r?\n/)
      .find((line) => line.trim() !== '' && !line.startsWith('#'))
      ?.trim() ?? ''
  );
}

/** A tool's version text (stdout and stderr: java prints it on stderr), or null when it does not run. */
function tool(ctx: BuiltinContext, command: string, args: string[]): string | null {
  const result = spawnSync(command, args, { env: ctx.env, encoding: 'utf8', timeout: 15_000 });
  if (result.error || result.status !== 0) return null;
  return `${result.stdout}\n${result.stderr}`;
}

function setup(
  ctx: BuiltinContext,
  toolName: string,
  wanted: string,
  probe: () => string | null,
  output: string,
): BuiltinResult {
  const text = probe();
  if (text === null) {
    throw new Error(
      `actions/setup-${toolName}: ${toolName} is not installed on this machine${wanted ? ` (${wanted} wanted)` : ''}; the cockpit uses the host's toolchain and downloads nothing`,
    );
  }
  const version = /(\d+(?:\.\d+)*)/.exec(text.replace(/^go version go/, ''))?.[1] ?? '';
  if (wanted && !satisfies(version, wanted)) {
    throw new Error(
      `actions/setup-${toolName}: ${toolName} ${wanted} is wanted, this machine has ${version}; install it or change the workflow (the cockpit uses the host's toolchain and downloads nothing)`,
    );
  }
  return {
    lines: [`Using this machine's ${toolName} ${version}${wanted ? ` (satisfies ${wanted})` : ''}.`],
    outputs: { [output]: toolName === 'node' ? `v${version}` : version },
  };
}

/** Whether a version (1.2.3) meets a requested one as the setup actions read it (20, 20.x, >=18, ^3.10, lts/*). */
export function satisfies(version: string, wanted: string): boolean {
  const spec = wanted.trim().replace(/^v/, '');
  if (/^(|\*|x|latest|stable|node|lts\/.*|current)$/i.test(spec)) return true;
  const have = numbers(version);
  return spec.split('||').some((alternative) =>
    alternative
      .trim()
      .split(/\s+/)
      .every((comparator) => {
        const match = /^(>=|<=|>|<|\^|~|=)?v?(.+)$/.exec(comparator);
        if (!match) return false;
        const [, op = '', rest] = match;
        const want = numbers(rest!);
        const cmp = compare(have, want);
        switch (op) {
          case '>=':
            return cmp >= 0;
          case '>':
            return cmp > 0;
          case '<=':
            return cmp <= 0;
          case '<':
            return cmp < 0;
          case '^':
            return cmp >= 0 && have[0] === want[0];
          case '~':
            return cmp >= 0 && have[0] === want[0] && (want.length < 2 || have[1] === want[1]);
          default:
            // 20, 3.11, 1.22.x: the given parts must be equal.
            return want.every((part, index) => Number.isNaN(part) || have[index] === part);
        }
      }),
  );
}

function numbers(text: string): number[] {
  return text.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : NaN));
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = Number.isNaN(b[i] ?? 0) ? 0 : (a[i] ?? 0);
    const y = Number.isNaN(b[i] ?? 0) ? 0 : (b[i] ?? 0);
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

// --- artifacts: named, kept with the run ----------------------------------------------------------

function artifactsRoot(ctx: BuiltinContext): string {
  return join(ctx.dataDir, 'artifacts', String(ctx.runId), 'github-artifacts');
}

function lines(text: string | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

function uploadArtifact(inputs: Record<string, string>, ctx: BuiltinContext): BuiltinResult {
  const name = inputs.name?.trim() || 'artifact';
  if (/[\\/:*?"<>|]/.test(name) || name === '.' || name === '..')
    throw new Error(`actions/upload-artifact: "${name}" is not a valid artifact name`);
  const patterns = lines(inputs.path);
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

function downloadArtifact(inputs: Record<string, string>, ctx: BuiltinContext): BuiltinResult {
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

function absolutePath(path: string, workspace: string): string {
  if (path === '~' || path.startsWith('~/')) return join(homedir(), path.slice(1));
  return resolve(workspace, path);
}

// --- cache: a local folder per key ----------------------------------------------------------------

function cacheEntry(ctx: BuiltinContext, key: string): string {
  const project = createHash('sha256').update(ctx.workspace).digest('hex').slice(0, 16);
  // The "k-" prefix keeps a key such as ".." a name inside the folder, never a way out of it.
  return join(ctx.dataDir, 'actions-cache', project, `k-${encodeURIComponent(key)}`);
}

function restoreCache(inputs: Record<string, string>, ctx: BuiltinContext): BuiltinResult {
  const key = inputs.key?.trim();
  const paths = lines(inputs.path);
  if (!key) throw new Error('actions/cache: "key" is required');
  if (paths.length === 0) throw new Error('actions/cache: "path" is required');
  const exact = cacheEntry(ctx, key);
  let found: string | null = existsSync(exact) ? exact : null;
  let matchedKey = found ? key : '';
  if (!found) {
    const folder = dirname(exact);
    const entries = existsSync(folder)
      ? readdirSync(folder)
          .filter((entry) => entry.startsWith('k-'))
          .map((entry) => decodeURIComponent(entry.slice(2)))
      : [];
    for (const prefix of lines(inputs['restore-keys'])) {
      const candidates = entries
        .filter((entry) => entry.startsWith(prefix))
        .map((entry) => ({ entry, at: statSync(cacheEntry(ctx, entry)).mtimeMs }))
        .sort((a, b) => b.at - a.at);
      if (candidates[0]) {
        found = cacheEntry(ctx, candidates[0].entry);
        matchedKey = candidates[0].entry;
        break;
      }
    }
  }
  const hit = found === exact;
  if (found) {
    paths.forEach((path, index) => {
      const stored = join(found, String(index));
      if (existsSync(stored)) cpSync(stored, absolutePath(path, ctx.workspace), { recursive: true });
    });
  }
  const outputs = { 'cache-hit': String(hit), 'cache-primary-key': key, 'cache-matched-key': matchedKey };
  return {
    lines: [
      found
        ? `Cache restored from the local cache (key "${matchedKey}"${hit ? '' : `, a restore key for "${key}"`}).`
        : `Cache not found for "${key}"; it is saved after the job if it succeeds.`,
    ],
    outputs,
    state: { key, hit: String(hit), paths: JSON.stringify(paths) },
  };
}
