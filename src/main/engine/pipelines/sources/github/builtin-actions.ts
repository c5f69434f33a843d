// Well-known actions done by the cockpit itself, offline: actions/setup-node|python|go|java use the
// host's toolchain (builtin-setup.ts); upload-artifact / download-artifact keep named artifacts under
// the run's artifacts folder (builtin-artifacts.ts); cache is a local cache folder under the data dir,
// restored by the step and saved after the job (builtin-cache.ts).
import { downloadArtifact, uploadArtifact } from './builtin-artifacts.ts';
import { restoreCache, saveCache } from './builtin-cache.ts';
import type { BuiltinContext, BuiltinResult } from './builtin-context.ts';
import { SETUP_ACTIONS, setupToolchain } from './builtin-setup.ts';

export const BUILTIN_ACTIONS = new Set([
  ...SETUP_ACTIONS,
  'actions/upload-artifact',
  'actions/download-artifact',
  'actions/cache',
]);

export function runBuiltin(name: string, inputs: Record<string, string>, ctx: BuiltinContext): BuiltinResult {
  if (SETUP_ACTIONS.includes(name)) return setupToolchain(name, inputs, ctx);
  switch (name) {
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
  return saveCache(state, ctx);
}
