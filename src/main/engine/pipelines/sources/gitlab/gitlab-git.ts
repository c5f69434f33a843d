// What GitLab would know about the pipeline's commit, read once per run from the local repository:
// the sha, branch or tag, message, default branch, and the files changed (for `rules: changes`).
import { runGit } from '../../../kernel/git/run-git.ts';

export interface GitlabGitFacts {
  sha: string;
  branch: string | null;
  tag: string | null;
  title: string;
  message: string;
  author: string;
  defaultBranch: string;
  /** Changed paths relative to the repository root; null: everything counts as changed (no base). */
  changed: string[] | null;
}

const lines = (text: unknown) => String(text).split('\n').filter(Boolean);

/**
 * `changes` compares with the default branch's upstream (as gitlab-ci-local does), else with the
 * default branch itself when on another branch, else with the parent commit; uncommitted and
 * untracked files count as changed too. A repository with a single commit has everything changed.
 */
export async function readGitlabGit(dir: string, commit: string | null): Promise<GitlabGitFacts | null> {
  const head = commit ?? 'HEAD';
  const log = await runGit(dir, ['log', '-1', '--format=%H%x00%an <%ae>%x00%B', head]);
  if (log.failed) return null;
  const [sha = '', author = '', message = ''] = String(log.stdout).split('\0');
  const [branchOut, tagOut, originHead] = await Promise.all([
    commit ? Promise.resolve(null) : runGit(dir, ['symbolic-ref', '--quiet', '--short', 'HEAD']),
    runGit(dir, ['tag', '--points-at', sha]),
    runGit(dir, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']),
  ]);
  const branch = branchOut && !branchOut.failed ? String(branchOut.stdout).trim() || null : null;
  const tag = tagOut.failed ? null : (lines(tagOut.stdout)[0] ?? null);
  let defaultBranch = originHead.failed
    ? ''
    : String(originHead.stdout)
        .trim()
        .replace(/^origin\//, '');
  if (!defaultBranch) {
    const local = await runGit(dir, ['branch', '--format=%(refname:short)']);
    const names = lines(local.stdout);
    defaultBranch = ['main', 'master'].find((name) => names.includes(name)) ?? branch ?? 'main';
  }
  const base = await firstRef(dir, [
    `origin/${defaultBranch}`,
    branch !== defaultBranch ? defaultBranch : '',
    `${sha}~1`,
  ]);
  let changed: string[] | null = null;
  if (base) {
    const [diff, status] = await Promise.all([
      runGit(dir, ['diff', '--name-only', '--relative', `${base}...${sha}`]),
      commit ? Promise.resolve(null) : runGit(dir, ['status', '--porcelain', '--untracked-files=all', '-z']),
    ]);
    changed = diff.failed ? null : lines(diff.stdout);
    if (changed && status && !status.failed) {
      for (const entry of String(status.stdout).split('\0').filter(Boolean)) changed.push(entry.slice(3));
    }
  }
  return {
    sha,
    branch: tag && !branch ? null : branch,
    tag,
    title: message.split('\n')[0] ?? '',
    message: message.trim(),
    author,
    defaultBranch,
    changed,
  };
}

async function firstRef(dir: string, refs: string[]): Promise<string | null> {
  for (const ref of refs) {
    if (!ref) continue;
    const found = await runGit(dir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    if (!found.failed) return ref;
  }
  return null;
}
