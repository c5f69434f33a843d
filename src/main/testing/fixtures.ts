// Test fixtures made of real things: temp directories, git repositories, engines on temp data dirs.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';

const cleanups: (() => void | Promise<void>)[] = [];

/** Removes everything the fixtures made; call from afterEach. */
/** Runs `cleanup` in cleanupFixtures (last registered, first run). */
export function onCleanup(cleanup: () => void | Promise<void>): void {
  cleanups.push(cleanup);
}

export async function cleanupFixtures(): Promise<void> {
  while (cleanups.length > 0) await cleanups.pop()!();
}

export function tempDir(prefix = 'cockpit-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), content);
  }
}

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.invalid',
  GIT_COMMITTER_NAME: 'Test Author',
  GIT_COMMITTER_EMAIL: 'author@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  HOME: tmpdir(),
};

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: gitEnv, encoding: 'utf8' }).trim();
}

/** A real git repository with the given files committed on `main`. */
export function gitRepo(files: Record<string, string> = { 'README.md': '# test\n' }): string {
  const dir = tempDir('cockpit-repo-');
  git(dir, 'init', '--quiet', '--initial-branch=main');
  writeFiles(dir, files);
  git(dir, 'add', '--all');
  git(dir, 'commit', '--quiet', '--no-gpg-sign', '-m', 'initial commit');
  return dir;
}

export interface GitPerson {
  name: string;
  email: string;
}

/** Commit times for emptyCommit: a minute apart from 2026-01-01, so `git log` order is deterministic. */
let commitSeconds = Date.UTC(2026, 0, 1) / 1000;

/** An empty commit by `author` one minute after the previous one; returns its sha. */
export function emptyCommit(
  repo: string,
  message: string,
  author: GitPerson = { name: 'Ada', email: 'ada@example.invalid' },
): string {
  commitSeconds += 60;
  const date = `@${commitSeconds} +0000`;
  execFileSync('git', ['commit', '--quiet', '--no-gpg-sign', '--allow-empty', '-m', message], {
    cwd: repo,
    env: {
      ...gitEnv,
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: author.name,
      GIT_COMMITTER_EMAIL: author.email,
      GIT_COMMITTER_DATE: date,
    },
  });
  return git(repo, 'rev-parse', 'HEAD');
}
