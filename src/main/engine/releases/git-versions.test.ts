// Versions read from real git repositories: annotated and lightweight tags, several tags on one
// commit, describe strings, branches, a detached HEAD, and input that must never reach git as an option.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures, emptyCommit, git, gitRepo, tempDir } from '../../testing/fixtures.ts';
import {
  commitsBetween,
  commitTime,
  headRelation,
  mainBranch,
  resolveVersion,
  sameVersion,
  versionOfCommit,
} from './git-versions.ts';

afterEach(cleanupFixtures);

function annotatedTag(repo: string, name: string, target = 'HEAD'): void {
  git(
    repo,
    '-c',
    'user.name=Ada',
    '-c',
    'user.email=ada@example.invalid',
    'tag',
    '-a',
    '-m',
    name,
    name,
    target,
  );
}

/**
 * main:    c0 (v1.0.0, annotated) ← c1 (v1.1.0 lightweight, v1.1.0-rc.1 annotated) ← c2 ← c3
 *          ← c4 (v1.9.0, v1.10.0)
 * feature: c1 ← f1
 */
function taggedRepo() {
  const repo = gitRepo();
  const c0 = git(repo, 'rev-parse', 'HEAD');
  annotatedTag(repo, 'v1.0.0');
  const c1 = emptyCommit(repo, 'feat: one');
  git(repo, 'tag', 'v1.1.0');
  annotatedTag(repo, 'v1.1.0-rc.1');
  git(repo, 'checkout', '--quiet', '-b', 'feature');
  const f1 = emptyCommit(repo, 'feat: on a branch');
  git(repo, 'checkout', '--quiet', 'main');
  const c2 = emptyCommit(repo, 'fix: two');
  const c3 = emptyCommit(repo, 'fix: three');
  const c4 = emptyCommit(repo, 'feat: four');
  git(repo, 'tag', 'v1.9.0');
  git(repo, 'tag', 'v1.10.0');
  return { repo, c0, c1, c2, c3, c4, f1 };
}

describe('versionOfCommit', () => {
  it('names a commit by its tag, annotated or lightweight, the highest version when several', async () => {
    const r = taggedRepo();
    expect(await versionOfCommit(r.repo, r.c0)).toBe('v1.0.0');
    expect(await versionOfCommit(r.repo, r.c1)).toBe('v1.1.0'); // not v1.1.0-rc.1
    expect(await versionOfCommit(r.repo, r.c4)).toBe('v1.10.0'); // not v1.9.0
    expect(await versionOfCommit(r.repo, r.c4.slice(0, 10))).toBe('v1.10.0');
    expect(await versionOfCommit(r.repo, 'v1.0.0')).toBe('v1.0.0');
  });

  it('describes an untagged commit from the nearest tag, named by that commit’s highest tag', async () => {
    const r = taggedRepo();
    expect(await versionOfCommit(r.repo, r.c2)).toBe(`v1.1.0-1-g${r.c2.slice(0, 7)}`);
    expect(await versionOfCommit(r.repo, r.c3)).toBe(`v1.1.0-2-g${r.c3.slice(0, 7)}`);
    expect(await versionOfCommit(r.repo, r.f1)).toBe(`v1.1.0-1-g${r.f1.slice(0, 7)}`);
  });

  it('falls back to the short sha without tags, and to the input when the commit is unknown', async () => {
    const repo = gitRepo();
    const sha = git(repo, 'rev-parse', 'HEAD');
    expect(await versionOfCommit(repo, sha)).toBe(sha.slice(0, 7));
    expect(await versionOfCommit(repo, 'f'.repeat(40))).toBe('fffffff');
  });
});

describe('resolveVersion', () => {
  it('resolves tags (to the commit, not the tag object), shas, branches and HEAD', async () => {
    const r = taggedRepo();
    expect(await resolveVersion(r.repo, 'v1.0.0')).toBe(r.c0);
    expect(await resolveVersion(r.repo, 'v1.1.0')).toBe(r.c1);
    expect(await resolveVersion(r.repo, 'v1.1.0-rc.1')).toBe(r.c1);
    expect(await resolveVersion(r.repo, r.c3)).toBe(r.c3);
    expect(await resolveVersion(r.repo, r.c3.slice(0, 7))).toBe(r.c3);
    expect(await resolveVersion(r.repo, 'feature')).toBe(r.f1);
    expect(await resolveVersion(r.repo, 'main')).toBe(r.c4);
    expect(await resolveVersion(r.repo, 'HEAD')).toBe(r.c4);
    expect(await resolveVersion(r.repo, '  v1.9.0\n')).toBe(r.c4);
  });

  it('accepts a version without the v of its tag', async () => {
    const r = taggedRepo();
    expect(await resolveVersion(r.repo, '1.0.0')).toBe(r.c0);
    expect(await resolveVersion(r.repo, '1.10.0')).toBe(r.c4);
    expect(await resolveVersion(r.repo, '1.1.0-rc.1')).toBe(r.c1);
    expect(await resolveVersion(r.repo, '2.0.0')).toBeNull();
  });

  it('resolves describe strings by their sha, with or without the v and a -dirty suffix', async () => {
    const r = taggedRepo();
    const short = r.c3.slice(0, 7);
    expect(await resolveVersion(r.repo, `v1.1.0-2-g${short}`)).toBe(r.c3);
    expect(await resolveVersion(r.repo, `1.1.0-2-g${short}`)).toBe(r.c3);
    expect(await resolveVersion(r.repo, `v1.1.0-2-g${short}-dirty`)).toBe(r.c3);
    expect(await resolveVersion(r.repo, `release-7-g${short}`)).toBe(r.c3);
    expect(await resolveVersion(r.repo, 'v1.1.0-2-g0000000')).toBeNull();
  });

  it('answers null for unknown input and anything that could be taken as an option', async () => {
    const r = taggedRepo();
    const marker = join(tempDir(), 'written-by-git');
    for (const text of [
      '',
      '   ',
      'nope',
      'deadbeef',
      '-h',
      '--all',
      `--output=${marker}`,
      '-1',
      'main..feature',
      'main~1',
      'main^',
      ':/feat',
      'main@{0}',
      'v1.0.0 v1.1.0',
    ]) {
      expect(await resolveVersion(r.repo, text), text).toBeNull();
    }
    expect(existsSync(marker)).toBe(false);
    expect(await resolveVersion(tempDir(), 'main')).toBeNull(); // not a repository
    expect(await resolveVersion(join(tempDir(), 'missing'), 'main')).toBeNull();
  });
});

describe('sameVersion', () => {
  it('ignores one leading v, case and surrounding space', () => {
    expect(sameVersion('v1.2.0', '1.2.0')).toBe(true);
    expect(sameVersion(' V1.2.0\n', 'v1.2.0')).toBe(true);
    expect(sameVersion('abc1234', 'ABC1234')).toBe(true);
    expect(sameVersion('1.2.0', '1.2.1')).toBe(false);
    expect(sameVersion('vv1.2.0', '1.2.0')).toBe(false);
    expect(sameVersion('v1.2.0', '1.2.0-rc.1')).toBe(false);
  });
});

describe('commitsBetween and headRelation', () => {
  it('counts the commits in `to` that are not in `from`', async () => {
    const r = taggedRepo();
    expect(await commitsBetween(r.repo, 'v1.0.0', 'v1.10.0')).toBe(4);
    expect(await commitsBetween(r.repo, '1.1.0', r.c3)).toBe(2);
    expect(await commitsBetween(r.repo, 'v1.10.0', 'v1.0.0')).toBe(0);
    expect(await commitsBetween(r.repo, 'main', 'feature')).toBe(1);
    expect(await commitsBetween(r.repo, 'feature', 'main')).toBe(3);
    expect(await commitsBetween(r.repo, 'v1.1.0', 'v1.1.0')).toBe(0);
    expect(await commitsBetween(r.repo, 'v9.9.9', 'main')).toBeNull();
    expect(await commitsBetween(r.repo, 'main', '--all')).toBeNull();
  });

  it('says whether HEAD is the same as, ahead of, behind or diverged from a commit', async () => {
    const r = taggedRepo();
    expect(await headRelation(r.repo, 'HEAD', r.c4)).toEqual({ relation: 'same', ahead: 0, behind: 0 });
    expect(await headRelation(r.repo, 'HEAD', 'v1.1.0')).toEqual({ relation: 'ahead', ahead: 3, behind: 0 });
    expect(await headRelation(r.repo, r.c2, 'v1.10.0')).toEqual({ relation: 'behind', ahead: 0, behind: 2 });
    expect(await headRelation(r.repo, 'feature', 'main')).toEqual({
      relation: 'diverged',
      ahead: 1,
      behind: 3,
    });
    expect(await headRelation(r.repo, 'HEAD', '1.2.3')).toEqual({ relation: 'unknown', ahead: 0, behind: 0 });
  });
});

describe('mainBranch', () => {
  it('prefers main, then master', async () => {
    const r = taggedRepo();
    git(r.repo, 'checkout', '--quiet', 'feature');
    expect(await mainBranch(r.repo)).toEqual({ name: 'main', sha: r.c4 });

    const old = gitRepo();
    git(old, 'branch', '-m', 'main', 'master');
    git(old, 'checkout', '--quiet', '-b', 'topic');
    emptyCommit(old, 'topic work');
    expect(await mainBranch(old)).toEqual({ name: 'master', sha: git(old, 'rev-parse', 'master') });
  });

  it('falls back to the current branch, and to null when detached or empty', async () => {
    const repo = gitRepo();
    git(repo, 'branch', '-m', 'main', 'trunk');
    const sha = git(repo, 'rev-parse', 'HEAD');
    expect(await mainBranch(repo)).toEqual({ name: 'trunk', sha });

    git(repo, 'checkout', '--quiet', '--detach');
    expect(await mainBranch(repo)).toBeNull();

    const empty = tempDir();
    git(empty, 'init', '--quiet', '--initial-branch=main');
    expect(await mainBranch(empty)).toBeNull();
    expect(await mainBranch(tempDir())).toBeNull();
  });

  it('still finds main from a detached HEAD', async () => {
    const r = taggedRepo();
    git(r.repo, 'checkout', '--quiet', r.c2);
    expect(await mainBranch(r.repo)).toEqual({ name: 'main', sha: r.c4 });
    expect(await headRelation(r.repo, 'HEAD', 'main')).toMatchObject({ relation: 'behind', behind: 2 });
    expect(await versionOfCommit(r.repo, 'HEAD')).toBe(`v1.1.0-1-g${r.c2.slice(0, 7)}`);
  });
});

describe('commitTime', () => {
  it('reads the committer time in milliseconds', async () => {
    const r = taggedRepo();
    const expected = Number(git(r.repo, 'show', '--no-patch', '--format=%ct', r.c3)) * 1000;
    expect(await commitTime(r.repo, r.c3)).toBe(expected);
    expect(await commitTime(r.repo, 'v1.1.0')).toBe(expected - 2 * 60_000 - 60_000);
    expect(await commitTime(r.repo, 'nope')).toBeNull();
  });
});
