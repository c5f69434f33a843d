// A project's files for the sources: the working tree as it is, or a commit read from git (so a
// commit-triggered run compiles the pipeline as that commit defines it).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { runGit } from '../../kernel/git/run-git.ts';
import type { ProjectFiles } from './types.ts';

export function workingTreeFiles(root: string): ProjectFiles {
  return {
    root,
    read(path) {
      try {
        return readFileSync(join(root, path), 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return null;
        throw error;
      }
    },
    list(dir) {
      try {
        return readdirSync(join(root, dir), { withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => entry.name)
          .sort();
      } catch {
        return [];
      }
    },
  };
}

/**
 * The files `paths` and those directly in `dirs` as they are at `sha` (relative to the project
 * folder, which may sit below the repository's root). Read once, up front, so sources stay synchronous.
 */
export async function commitFiles(
  root: string,
  sha: string,
  paths: string[],
  dirs: string[],
): Promise<ProjectFiles> {
  const texts = new Map<string, string | null>();
  const listings = new Map<string, string[]>();
  for (const dir of dirs) {
    const listed = await runGit(root, ['ls-tree', '--name-only', `${sha}:./${dir}`]);
    const names = listed.failed ? [] : String(listed.stdout).split('\n').filter(Boolean).sort();
    listings.set(dir, names);
    paths.push(...names.map((name) => `${dir}/${name}`));
  }
  for (const path of paths) {
    const shown = await runGit(root, ['show', `${sha}:./${path}`]);
    if (!shown.failed) texts.set(path, String(shown.stdout));
  }
  return {
    root,
    // Files read up front, and any other a source asks for (.gitlab-ci.yml's includes) read then.
    read: (path) => {
      if (!texts.has(path)) texts.set(path, showAt(root, sha, path));
      return texts.get(path) ?? null;
    },
    list: (dir) => listings.get(dir) ?? [],
  };
}

/** A file's text at a commit, or null when it is not there. */
function showAt(root: string, sha: string, path: string): string | null {
  try {
    return execFileSync('git', ['show', `${sha}:./${path}`], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch {
    return null;
  }
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
