// The in-memory commit counts agree with git's own rev-list --count on real repositories: linear
// history, branches that diverge, merges, and a commit counted against itself.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures, git, gitRepo, writeFiles } from '../../testing/fixtures.ts';
import { commitCounter } from './commit-graph.ts';

afterEach(cleanupFixtures);

function commit(repo: string, message: string): string {
  writeFiles(repo, { [`${message}.txt`]: message });
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', message);
  return git(repo, 'rev-parse', 'HEAD');
}

describe('commit counter', () => {
  it('matches git rev-list --count for every pair, across branches and merges', async () => {
    const repo = gitRepo();
    const root = git(repo, 'rev-parse', 'HEAD');
    const a1 = commit(repo, 'a1');
    const a2 = commit(repo, 'a2');
    git(repo, 'checkout', '-qb', 'topic', a1);
    const t1 = commit(repo, 't1');
    const t2 = commit(repo, 't2');
    git(repo, 'checkout', '-q', 'main');
    git(repo, 'merge', '-q', '--no-ff', '-m', 'merge topic', 'topic');
    const merged = git(repo, 'rev-parse', 'HEAD');
    const m1 = commit(repo, 'm1');
    const tips = [root, a1, a2, t1, t2, merged, m1];
    const count = await commitCounter(repo, tips);
    for (const from of tips) {
      for (const to of tips) {
        expect(count(from, to), `${from.slice(0, 7)}..${to.slice(0, 7)}`).toBe(
          Number(git(repo, 'rev-list', '--count', `${from}..${to}`)),
        );
      }
    }
  });

  it('answers null for commits it was not given and for nonsense', async () => {
    const repo = gitRepo();
    const head = git(repo, 'rev-parse', 'HEAD');
    const count = await commitCounter(repo, [head, 'not-a-sha', '--all']);
    expect(count(head, head)).toBe(0);
    expect(count(head, 'f'.repeat(40))).toBeNull();
    expect((await commitCounter(repo, []))(head, head)).toBeNull();
  });
});
