// Answers about a repository's moving parts (HEAD, branches, what a tag names) reused until the
// repository changes. "Changed" is read from the files git itself rewrites when a ref moves — HEAD,
// its reflog, the refs folders and packed-refs — so the board costs no git process while nothing
// happens, and sees a commit, checkout or new tag on its next look. A minute's limit covers the rest.
import { statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { runGit } from '../kernel/git/run-git.ts';

const MAX_AGE_MS = 60_000;

interface GitDirs {
  gitDir: string;
  commonDir: string;
}

export type GitStateCache = ReturnType<typeof createGitStateCache>;

export function createGitStateCache() {
  const dirs = new Map<string, GitDirs | null>();
  const values = new Map<string, { signature: string; at: number; value: unknown }>();

  async function gitDirsOf(path: string): Promise<GitDirs | null> {
    if (dirs.has(path)) return dirs.get(path)!;
    const result = await runGit(path, ['rev-parse', '--git-dir', '--git-common-dir']);
    const [gitDir, commonDir] = result.failed ? [] : String(result.stdout).trim().split('\n');
    const absolute = (dir: string) => (isAbsolute(dir) ? dir : resolve(path, dir));
    const found = gitDir && commonDir ? { gitDir: absolute(gitDir), commonDir: absolute(commonDir) } : null;
    dirs.set(path, found);
    return found;
  }

  function mtime(file: string): number {
    try {
      return statSync(file).mtimeMs;
    } catch {
      return 0;
    }
  }

  async function signature(path: string): Promise<string | null> {
    const found = await gitDirsOf(path);
    if (!found) return null;
    const { gitDir, commonDir } = found;
    return [
      join(gitDir, 'HEAD'),
      join(gitDir, 'logs', 'HEAD'),
      join(commonDir, 'packed-refs'),
      join(commonDir, 'refs', 'heads'),
      join(commonDir, 'refs', 'tags'),
      join(commonDir, 'logs', 'refs', 'heads'),
    ]
      .map(mtime)
      .join(':');
  }

  return {
    /** What changes when a ref moves (a commit, a checkout, a tag): null outside a repository. */
    signature,
    /** `compute()`'s answer for `key` in the repository at `path`, recomputed once the repository changed. */
    async get<T>(path: string, key: string, compute: () => Promise<T>): Promise<T> {
      const current = await signature(path);
      const entryKey = `${path}\0${key}`;
      const cached = values.get(entryKey);
      if (
        cached &&
        current !== null &&
        cached.signature === current &&
        performance.now() - cached.at < MAX_AGE_MS
      ) {
        return cached.value as T;
      }
      const value = await compute();
      if (values.size > 20_000) values.clear();
      values.set(entryKey, { signature: current ?? '', at: performance.now(), value });
      return value;
    },
  };
}
