// Worktrees on real repositories: the old commit's files appear, the user's checkout never moves.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CockpitError } from '../../../../shared/errors.ts';
import { cleanupFixtures, git, gitRepo, tempDir, writeFiles } from '../../../testing/fixtures.ts';
import { createWorktree } from './git-worktree.ts';

afterEach(cleanupFixtures);

function checkoutState(repo: string) {
  return {
    branch: git(repo, 'rev-parse', '--abbrev-ref', 'HEAD'),
    head: git(repo, 'rev-parse', 'HEAD'),
    status: git(repo, 'status', '--porcelain=v1', '--untracked-files=all'),
    version: readFileSync(join(repo, 'version.txt'), 'utf8'),
    scratch: readFileSync(join(repo, 'scratch.txt'), 'utf8'),
  };
}

describe('git worktree', () => {
  it('checks out an old commit beside the checkout and removes it without a trace', async () => {
    const repo = gitRepo({ 'version.txt': 'v1\n', 'only-in-v1.txt': 'old\n' });
    const v1 = git(repo, 'rev-parse', 'HEAD');
    git(repo, 'rm', '--quiet', 'only-in-v1.txt');
    writeFiles(repo, { 'version.txt': 'v2\n' });
    git(repo, 'commit', '--quiet', '--no-gpg-sign', '-am', 'v2');
    git(repo, 'checkout', '--quiet', '-b', 'feature');
    writeFiles(repo, { 'version.txt': 'dirty\n', 'scratch.txt': 'untracked\n' });
    const before = checkoutState(repo);
    const parent = join(tempDir(), 'worktrees');

    const worktree = await createWorktree(repo, v1, parent);
    expect(worktree.path.startsWith(parent)).toBe(true);
    expect(readFileSync(join(worktree.path, 'version.txt'), 'utf8')).toBe('v1\n');
    expect(readFileSync(join(worktree.path, 'only-in-v1.txt'), 'utf8')).toBe('old\n');
    expect(git(worktree.path, 'rev-parse', 'HEAD')).toBe(v1);
    expect(git(repo, 'worktree', 'list').split('\n')).toHaveLength(2);
    expect(checkoutState(repo)).toEqual(before);

    await worktree.remove();
    expect(existsSync(worktree.path)).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
    expect(git(repo, 'worktree', 'list').split('\n')).toHaveLength(1);
    expect(checkoutState(repo)).toEqual(before);
    await worktree.remove(); // a second call does nothing
  });

  it('removes a worktree the job left files in', async () => {
    const repo = gitRepo({ 'version.txt': 'v1\n' });
    const worktree = await createWorktree(repo, git(repo, 'rev-parse', 'HEAD'), tempDir());
    writeFiles(worktree.path, { 'version.txt': 'changed\n', 'dist/out.txt': 'built\n' });
    await worktree.remove();
    expect(existsSync(worktree.path)).toBe(false);
    expect(git(repo, 'worktree', 'list').split('\n')).toHaveLength(1);
  });

  it('gives runs two different folders for the same commit', async () => {
    const repo = gitRepo();
    const sha = git(repo, 'rev-parse', 'HEAD');
    const parent = tempDir();
    const [a, b] = await Promise.all([createWorktree(repo, sha, parent), createWorktree(repo, sha, parent)]);
    expect(a.path).not.toBe(b.path);
    await Promise.all([a.remove(), b.remove()]);
    expect(git(repo, 'worktree', 'list').split('\n')).toHaveLength(1);
  });

  it("reports git's message for a commit that does not exist and leaves nothing behind", async () => {
    const repo = gitRepo();
    const parent = tempDir();
    const error = await createWorktree(repo, 'f'.repeat(40), parent).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CockpitError);
    expect((error as CockpitError).message).toMatch(/invalid reference|not a valid|fatal/i);
    expect(readdirSync(parent)).toEqual([]);
    expect(git(repo, 'worktree', 'list').split('\n')).toHaveLength(1);
  });
});
