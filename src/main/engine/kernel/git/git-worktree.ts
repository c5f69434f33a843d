// A throwaway checkout of one commit, next to the user's own: `git worktree add --detach` in a fresh
// folder, so a run can build any commit without touching the branch, index or files the user has.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CockpitError } from '../../../../shared/errors.ts';
import { ensurePrivateDir } from '../private-files.ts';
import { runGit } from './run-git.ts';

export interface Worktree {
  /** The worktree's root folder. */
  path: string;
  /** Removes the worktree from the repository and deletes its folder; throws CockpitError on failure. */
  remove(): Promise<void>;
}

/** Checks out `sha` (detached) in a new folder under `parentDir`; throws CockpitError with git's message. */
export async function createWorktree(repoDir: string, sha: string, parentDir: string): Promise<Worktree> {
  ensurePrivateDir(parentDir);
  // An empty folder of our own: git accepts it, and two runs can never pick the same one.
  const path = mkdtempSync(join(parentDir, 'wt-'));
  const added = await runGit(repoDir, ['worktree', 'add', '--detach', path, sha]);
  if (added.failed) {
    rmSync(path, { recursive: true, force: true });
    // A half-made worktree leaves an entry behind; forget it (its folder is gone now).
    await runGit(repoDir, ['worktree', 'prune']);
    throw new CockpitError('INTERNAL', `Cannot check out ${sha} in a worktree: ${gitMessage(added)}`, {
      sha,
    });
  }
  let removed = false;
  return {
    path,
    async remove() {
      if (removed) return;
      const result = await runGit(repoDir, ['worktree', 'remove', '--force', path]);
      // Whatever git managed, the folder goes; prune then forgets a worktree whose folder is gone.
      let leftover: unknown = null;
      try {
        rmSync(path, { recursive: true, force: true });
      } catch (error) {
        leftover = error;
      }
      const pruned = await runGit(repoDir, ['worktree', 'prune']);
      if (leftover !== null || existsSync(path)) {
        const why = result.failed ? gitMessage(result) : String((leftover as Error)?.message ?? leftover);
        throw new CockpitError('INTERNAL', `Cannot remove the worktree ${path}: ${why}`, { path });
      }
      if (pruned.failed) {
        throw new CockpitError('INTERNAL', `Cannot prune worktrees: ${gitMessage(pruned)}`, { path });
      }
      removed = true;
    },
  };
}

function gitMessage(result: Awaited<ReturnType<typeof runGit>>): string {
  return result.stderr.trim() || result.stdout.trim() || result.shortMessage || 'git failed';
}
