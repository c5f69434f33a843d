// Worktrees left by a cockpit that died mid-run (commit-triggered runs, deploys of other versions):
// their folders are deleted and git forgets them — but only while no run is active anywhere (the
// app and the CLI share the data directory, and a live one may be using its worktree right now).
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../diagnostics/logger.ts';
import { runGit } from './run-git.ts';

export async function sweepWorktrees(options: {
  dataDir: string;
  anyRunActive: () => boolean;
  projectPaths: () => string[];
  logger: Logger;
}): Promise<number> {
  if (options.anyRunActive()) return 0;
  const parent = join(options.dataDir, 'worktrees');
  let names: string[];
  try {
    names = readdirSync(parent).filter((name) => name.startsWith('wt-'));
  } catch {
    return 0; // no worktrees folder yet
  }
  for (const name of names) rmSync(join(parent, name), { recursive: true, force: true });
  if (names.length === 0) return 0;
  // The repositories still list them; prune forgets worktrees whose folders are gone.
  for (const path of options.projectPaths()) {
    const pruned = await runGit(path, ['worktree', 'prune']);
    if (pruned.failed) options.logger.warn('could not prune worktrees', { path, stderr: pruned.stderr });
  }
  options.logger.warn('removed worktrees a stopped cockpit left behind', { count: names.length });
  return names.length;
}
