// How far apart a handful of commits are, from two git processes instead of one per pair: the
// commits between the set's common ancestor and its tips are read once, and "commits in B that A
// lacks" is a set difference in memory. Everything below the common ancestor is in every set, so
// leaving it out changes no difference.
import { runGit } from '../kernel/git/run-git.ts';

/** count(a, b): commits reachable from b but not from a (git rev-list --count a..b); null if unknown. */
export type CommitCounter = (from: string, to: string) => number | null;

const FULL_SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

export async function commitCounter(dir: string, commits: string[]): Promise<CommitCounter> {
  const tips = [...new Set(commits.filter((sha) => FULL_SHA.test(sha)))];
  if (tips.length === 0) return () => null;
  const base = tips.length > 1 ? await runGit(dir, ['merge-base', '--octopus', ...tips]) : null;
  const baseSha = base && !base.failed ? String(base.stdout).trim() : '';
  const listed = await runGit(dir, [
    'rev-list',
    '--parents',
    ...tips,
    ...(FULL_SHA.test(baseSha) ? [`^${baseSha}`] : []),
  ]);
  if (listed.failed) return () => null;
  const parents = new Map<string, string[]>();
  for (const line of String(listed.stdout).split('\n')) {
    const [sha, ...rest] = line.trim().split(' ');
    if (sha) parents.set(sha, rest);
  }
  const ancestry = new Map<string, Set<string>>();
  const ancestorsOf = (tip: string): Set<string> => {
    const known = ancestry.get(tip);
    if (known) return known;
    const seen = new Set<string>();
    const stack = parents.has(tip) ? [tip] : [];
    while (stack.length > 0) {
      const sha = stack.pop()!;
      if (seen.has(sha)) continue;
      seen.add(sha);
      for (const parent of parents.get(sha) ?? []) if (parents.has(parent)) stack.push(parent);
    }
    ancestry.set(tip, seen);
    return seen;
  };
  return (from, to) => {
    if (!tips.includes(from) || !tips.includes(to)) return null;
    const lacking = ancestorsOf(from);
    let count = 0;
    for (const sha of ancestorsOf(to)) if (!lacking.has(sha)) count++;
    return count;
  };
}
