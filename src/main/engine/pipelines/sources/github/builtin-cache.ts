// actions/cache: a local cache folder per key under the data dir, restored by the step and saved by
// its post step after the job.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { absolutePath, inputLines, type BuiltinContext, type BuiltinResult } from './builtin-context.ts';

function cacheEntry(ctx: BuiltinContext, key: string): string {
  const project = createHash('sha256').update(ctx.workspace).digest('hex').slice(0, 16);
  // The "k-" prefix keeps a key such as ".." a name inside the folder, never a way out of it.
  return join(ctx.dataDir, 'actions-cache', project, `k-${encodeURIComponent(key)}`);
}

export function restoreCache(inputs: Record<string, string>, ctx: BuiltinContext): BuiltinResult {
  const key = inputs.key?.trim();
  const paths = inputLines(inputs.path);
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
    for (const prefix of inputLines(inputs['restore-keys'])) {
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

/** The post step: saves the paths under the key, unless the step restored that very key. */
export function saveCache(state: Record<string, string>, ctx: BuiltinContext): string[] {
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
