// Reads the commit a local branch points at, for commit triggers: one cheap `git rev-parse` per poll.
import { runGit } from '../../kernel/git/run-git.ts';

/**
 * The sha of `refs/heads/<branch>` in the repository at `dir`, or null when the branch does not
 * exist (yet). Anything else — not a repository, git missing, a timeout — throws, so a trigger can
 * show the problem instead of mistaking it for "no branch".
 */
export async function gitBranchHead(
  dir: string,
  branch: string,
  signal?: AbortSignal,
): Promise<string | null> {
  const result = await runGit(dir, ['rev-parse', '--verify', '-q', `refs/heads/${branch}^{commit}`], signal);
  if (result.exitCode === 0) return result.stdout.trim();
  // With --verify -q, a ref that does not resolve exits 1 silently; real failures exit 128 and say why.
  if (result.exitCode === 1 && result.stderr.trim() === '') return null;
  const why = result.stderr.trim().split('\n')[0] || result.shortMessage;
  throw new Error(`cannot read branch "${branch}" in ${dir}: ${why}`);
}
