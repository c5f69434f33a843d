// Release notes read from real git repositories: tags, merges, two authors, rollbacks and bad refs.
import { afterEach, describe, expect, it } from 'vitest';
import {
  cleanupFixtures,
  emptyCommit,
  git,
  gitRepo,
  tempDir,
  type GitPerson,
} from '../../testing/fixtures.ts';
import { findIssues, parseConventional, releaseNotes, releaseNotesMarkdown } from './release-notes.ts';

afterEach(cleanupFixtures);

const ada = { name: 'Ada Lovelace', email: 'ada@example.invalid' };
const bob = { name: 'Bob Builder', email: 'bob@example.invalid' };

/** An empty commit by `author` one minute after the previous one, so log order is deterministic. */
const commit = (repo: string, message: string, author: GitPerson = ada) => emptyCommit(repo, message, author);

/** main: initial ← v1.0.0 ← six commits, one merged from a branch with --no-ff ← v1.1.0 */
function releasedRepo() {
  const repo = gitRepo();
  git(repo, 'tag', 'v1.0.0');
  const feat = commit(repo, 'feat(api): add export endpoint (#12)');
  const fix = commit(repo, 'fix: crash on empty list\n\nCloses GH-7 and SHOP-42.', bob);
  git(repo, 'checkout', '--quiet', '-b', 'feature');
  const breakingBang = commit(repo, 'refactor(db)!: rename orders table');
  git(repo, 'checkout', '--quiet', 'main');
  const freeForm = commit(repo, 'Tidy up the README, see #12 and #30', bob);
  git(repo, 'merge', '--quiet', '--no-ff', '--no-gpg-sign', '-m', 'Merge branch feature', 'feature');
  const breakingFooter = commit(
    repo,
    'feat(auth): require tokens\n\nBREAKING CHANGE: anonymous access is gone.\nRefs SHOP-42, UTF-8 safe.',
  );
  const unknownType = commit(repo, 'wip: half done', bob);
  const docs = commit(repo, 'docs: explain releases');
  git(repo, 'tag', 'v1.1.0');
  return { repo, feat, fix, breakingBang, freeForm, breakingFooter, unknownType, docs };
}

describe('release notes', () => {
  it('lists the commits between two tags, newest first, grouped, with authors and issues', async () => {
    const r = releasedRepo();
    const notes = await releaseNotes(r.repo, 'v1.0.0', 'v1.1.0');

    expect(notes).toMatchObject({
      from: 'v1.0.0',
      to: 'v1.1.0',
      fromSha: git(r.repo, 'rev-parse', 'v1.0.0'),
      toSha: r.docs,
      notAncestor: false,
    });
    expect(notes.commits.map((c) => c.sha)).toEqual([
      r.docs,
      r.unknownType,
      r.breakingFooter,
      r.freeForm,
      r.breakingBang,
      r.fix,
      r.feat,
    ]);
    expect(notes.commits.some((c) => c.subject.startsWith('Merge'))).toBe(false);

    const bySha = new Map(notes.commits.map((c) => [c.sha, c]));
    expect(bySha.get(r.feat)).toEqual({
      sha: r.feat,
      shortSha: git(r.repo, 'rev-parse', '--short', r.feat),
      subject: 'feat(api): add export endpoint (#12)',
      body: '',
      author: ada.name,
      email: ada.email,
      date: Number(git(r.repo, 'log', '-1', '--format=%at', r.feat)) * 1000,
      type: 'feat',
      scope: 'api',
      breaking: false,
      description: 'add export endpoint (#12)',
      issues: ['#12'],
    });
    expect(bySha.get(r.fix)).toMatchObject({
      type: 'fix',
      scope: null,
      body: 'Closes GH-7 and SHOP-42.',
      issues: ['GH-7', 'SHOP-42'],
      author: bob.name,
    });
    expect(bySha.get(r.breakingBang)).toMatchObject({ type: 'refactor', scope: 'db', breaking: true });
    expect(bySha.get(r.breakingFooter)).toMatchObject({
      type: 'feat',
      scope: 'auth',
      breaking: true,
      description: 'require tokens',
      issues: ['SHOP-42'],
    });
    expect(bySha.get(r.freeForm)).toMatchObject({
      type: 'other',
      scope: null,
      description: 'Tidy up the README, see #12 and #30',
      issues: ['#12', '#30'],
    });
    expect(bySha.get(r.unknownType)).toMatchObject({ type: 'other', description: 'wip: half done' });

    expect(notes.groups.map((g) => [g.type, g.title, g.commits.map((c) => c.sha)])).toEqual([
      ['breaking', '⚠ Breaking changes', [r.breakingFooter, r.breakingBang]],
      ['feat', 'Features', [r.feat]],
      ['fix', 'Bug fixes', [r.fix]],
      ['docs', 'Documentation', [r.docs]],
      ['other', 'Other changes', [r.unknownType, r.freeForm]],
    ]);
    expect(notes.authors).toEqual([
      { ...ada, commits: 4 },
      { ...bob, commits: 3 },
    ]);
    expect(notes.issues).toEqual(['SHOP-42', '#12', '#30', 'GH-7']);
  });

  it('lists the whole history for a first release', async () => {
    const r = releasedRepo();
    const notes = await releaseNotes(r.repo, null, 'v1.0.0');
    expect(notes).toMatchObject({ from: null, fromSha: null, notAncestor: false });
    expect(notes.commits.map((c) => c.subject)).toEqual(['initial commit']);
    expect((await releaseNotes(r.repo, null, 'main')).commits).toHaveLength(8);
  });

  it('flags a rollback or a diverged branch, and still lists from..to', async () => {
    const r = releasedRepo();
    const rollback = await releaseNotes(r.repo, 'v1.1.0', 'v1.0.0');
    expect(rollback).toMatchObject({ notAncestor: true, commits: [] });

    git(r.repo, 'checkout', '--quiet', '-b', 'hotfix', 'v1.0.0');
    const hotfix = commit(r.repo, 'fix: hotfix on the old line');
    const diverged = await releaseNotes(r.repo, 'hotfix', 'v1.1.0');
    expect(diverged.notAncestor).toBe(true);
    expect(diverged.commits).toHaveLength(7);
    expect(diverged.commits.map((c) => c.sha)).not.toContain(hotfix);
  });

  it('refuses unknown refs, refs that look like options, and folders that are not repositories', async () => {
    const r = releasedRepo();
    await expect(releaseNotes(r.repo, 'v0.9.0', 'v1.1.0')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `No commit, tag or branch "v0.9.0" in ${r.repo}`,
    });
    await expect(releaseNotes(r.repo, null, 'no-such-branch')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(releaseNotes(r.repo, '--all', 'v1.1.0')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(releaseNotes(r.repo, 'v1.0.0', '--output=/tmp/x')).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(releaseNotes(r.repo, null, '')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const plain = tempDir();
    await expect(releaseNotes(plain, null, 'HEAD')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('accepts a sha and a branch as well as tags', async () => {
    const r = releasedRepo();
    const notes = await releaseNotes(r.repo, r.fix.slice(0, 10), 'main');
    expect(notes.commits.map((c) => c.sha)).toEqual([
      r.docs,
      r.unknownType,
      r.breakingFooter,
      r.freeForm,
      r.breakingBang,
    ]);
  });
});

describe('release notes markdown', () => {
  it('renders breaking changes first, groups, issue references and authors', async () => {
    const repo = gitRepo();
    git(repo, 'tag', 'v1.0.0');
    const feat = commit(repo, 'feat(api): add export endpoint (#12)\n\nAlso fixes #14.');
    const breaking = commit(repo, 'fix(db)!: drop legacy column', bob);
    const other = commit(repo, 'Tidy up');
    git(repo, 'tag', 'v1.1.0');
    const short = (sha: string) => git(repo, 'rev-parse', '--short', sha);

    const markdown = releaseNotesMarkdown(await releaseNotes(repo, 'v1.0.0', 'v1.1.0'));
    expect(markdown).toBe(
      [
        '## v1.1.0 (since v1.0.0)',
        '',
        '### ⚠ Breaking changes',
        '',
        `- **db:** drop legacy column (${short(breaking)})`,
        '',
        '### Features',
        '',
        `- **api:** add export endpoint (#12) (${short(feat)}, #14)`,
        '',
        '### Other changes',
        '',
        `- Tidy up (${short(other)})`,
        '',
        'Authors: Ada Lovelace (2), Bob Builder (1)',
        '',
      ].join('\n'),
    );
  });

  it('renders a first release, a rollback warning and an empty range', async () => {
    const repo = gitRepo();
    git(repo, 'tag', 'v1.0.0');
    commit(repo, 'chore: bump');
    git(repo, 'tag', 'v1.0.1');
    expect(releaseNotesMarkdown(await releaseNotes(repo, null, 'v1.0.0'))).toMatch(
      /^## v1\.0\.0 \(first release\)\n\n### Other changes\n\n- initial commit \(\w+\)\n\nAuthors: Test Author \(1\)\n$/,
    );
    expect(releaseNotesMarkdown(await releaseNotes(repo, 'v1.0.1', 'v1.0.0'))).toBe(
      [
        '## v1.0.0 (since v1.0.1)',
        '',
        '> ⚠ v1.0.1 is not an ancestor of v1.0.0 (a rollback or a diverged branch): listed are the commits in v1.0.0 that v1.0.1 does not have.',
        '',
        'No changes.',
        '',
      ].join('\n'),
    );
  });
});

describe('conventional commits and issue references', () => {
  it.each([
    ['feat: add x', '', { type: 'feat', scope: null, breaking: false, description: 'add x' }],
    ['Fix(ui): y', '', { type: 'fix', scope: 'ui', breaking: false, description: 'y' }],
    ['perf()!: z', '', { type: 'perf', scope: null, breaking: true, description: 'z' }],
    ['chore: a', 'BREAKING-CHANGE: b', { type: 'chore', scope: null, breaking: true, description: 'a' }],
    ['style: a', '', { type: 'other', scope: null, breaking: false, description: 'style: a' }],
    ['feat:no space', '', { type: 'other', scope: null, breaking: false, description: 'feat:no space' }],
    ['Update deps', '', { type: 'other', scope: null, breaking: false, description: 'Update deps' }],
  ])('parses %j', (subject, body, expected) => {
    expect(parseConventional(subject, body)).toEqual(expected);
  });

  it('finds #123, GH-12 and JIRA keys, not encodings, anchors or cross-repo paths', () => {
    expect(findIssues('Fix #1, GH-2, ABC-3 and #1 again (PROJ_X-44)')).toEqual([
      '#1',
      'GH-2',
      'ABC-3',
      'PROJ_X-44',
    ]);
    expect(findIssues('UTF-8 and SHA-256 per RFC-7231; &#123; a#4 see/#5 CVE-2024-1')).toEqual([]);
  });
});
