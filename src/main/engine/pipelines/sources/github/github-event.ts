// The event a local run stands for, read from the git repository when the run is planned: its ref,
// the files it changed (for `paths` filters) and the `github.event` payload GitHub would send.
//
// - push: the current branch (or, for a workflow whose push filter lists only tags, a tag at HEAD).
//   `before` is the upstream's commit when the branch has one that differs from HEAD (what a push
//   would send), else the previous commit. Changed files are those between `before` and HEAD, plus
//   uncommitted changes in the working tree (the job runs on the working tree as it is).
// - pull_request: from the current branch into the default branch (origin/HEAD, else main, else
//   master); changed files since their merge base, plus uncommitted changes.
// - workflow_dispatch: the inputs; schedule: the first cron; others: ref and repository only.
import { basename } from 'node:path';
import { runGit } from '../../../kernel/git/run-git.ts';
import type { EventFacts, EventFilters } from './trigger-filters.ts';

const ZERO_SHA = '0000000000000000000000000000000000000000';

export interface GithubEvent {
  ref: string;
  refName: string;
  refType: 'branch' | 'tag';
  headRef: string;
  baseRef: string;
  sha: string;
  payload: Record<string, unknown>;
  facts: EventFacts;
  repository: string;
  owner: string;
}

async function git(dir: string, args: string[]): Promise<string | null> {
  const result = await runGit(dir, args);
  return result.failed ? null : String(result.stdout).trim();
}

async function changedFiles(dir: string, from: string | null, to: string): Promise<string[] | null> {
  const committed = from
    ? await git(dir, ['diff', '--name-only', '--no-renames', from, to])
    : await git(dir, ['ls-tree', '-r', '--name-only', '--full-tree', to]);
  if (committed === null) return null;
  const files = new Set(committed.split('\n').filter(Boolean));
  if (to === 'HEAD') {
    const status = await runGit(dir, [
      'status',
      '--porcelain',
      '-z',
      '--untracked-files=all',
      '--no-renames',
    ]);
    if (!status.failed) {
      for (const entry of String(status.stdout).split('\0')) if (entry.length > 3) files.add(entry.slice(3));
    }
  }
  return [...files].sort();
}

export async function readGithubEvent(options: {
  root: string;
  event: string;
  /** The commit the run is for; null: the working tree at HEAD. */
  commit: string | null;
  inputs: Record<string, unknown>;
  filters: EventFilters | undefined;
  crons: string[];
}): Promise<GithubEvent> {
  const { root, event } = options;
  const head = options.commit ?? 'HEAD';
  const sha = (await git(root, ['rev-parse', '--verify', '--quiet', `${head}^{commit}`])) ?? '';
  const branch = (await git(root, ['symbolic-ref', '--quiet', '--short', 'HEAD'])) ?? '';
  // owner/name as GitHub would say it: from the origin remote's URL when it has one.
  const origin = await git(root, ['remote', 'get-url', 'origin']);
  const fromOrigin = origin ? /[/:]([^/:]+)\/([^/]+?)(?:\.git)?\/?$/.exec(origin) : null;
  const owner = fromOrigin?.[1] ?? 'local';
  const repository = fromOrigin?.[2] ?? basename(root);
  const subject = sha ? await git(root, ['log', '-1', '--format=%s%x00%aI%x00%an%x00%ae', sha]) : null;
  const [message = '', timestamp = '', name = '', email = ''] = (subject ?? '').split('\0');
  const headCommit = sha
    ? {
        id: sha,
        tree_id: (await git(root, ['rev-parse', `${sha}^{tree}`])) ?? '',
        message,
        timestamp,
        author: { name, email },
        committer: { name, email },
      }
    : null;
  const repo = {
    name: repository,
    full_name: `local/${repository}`,
    default_branch: (await defaultBranch(root)) ?? branch,
  };

  if (event === 'pull_request' || event === 'pull_request_target') {
    const base = repo.default_branch;
    const baseSha =
      (await git(root, ['rev-parse', '--verify', '--quiet', `refs/remotes/origin/${base}`])) ??
      (await git(root, ['rev-parse', '--verify', '--quiet', `refs/heads/${base}`])) ??
      '';
    const mergeBase = baseSha ? await git(root, ['merge-base', baseSha, head]) : null;
    const files = await changedFiles(root, mergeBase, head);
    const payload = {
      action: 'opened',
      number: 0,
      pull_request: {
        number: 0,
        title: message,
        head: { ref: branch, sha, label: branch },
        base: { ref: base, sha: baseSha, label: base },
        user: { login: name },
      },
      repository: repo,
    };
    return {
      ref: 'refs/pull/0/merge',
      refName: '0/merge',
      refType: 'branch',
      headRef: branch,
      baseRef: base,
      sha,
      payload,
      facts: { refType: 'branch', refName: base, changedFiles: files },
      repository: `${owner}/${repository}`,
      owner,
    };
  }

  // A push of a tag when the workflow's push filter names only tags and HEAD carries one.
  const filters = options.filters;
  const tagsOnly =
    event === 'push' &&
    filters &&
    (filters.tags || filters['tags-ignore']) &&
    !filters.branches &&
    !filters['branches-ignore'];
  const tag = tagsOnly
    ? ((await git(root, ['tag', '--points-at', sha]))?.split('\n').filter(Boolean)[0] ?? null)
    : null;
  const refType: 'branch' | 'tag' = tag ? 'tag' : 'branch';
  const refName = tag ?? branch;
  const ref = tag ? `refs/tags/${tag}` : branch ? `refs/heads/${branch}` : '';

  let before: string | null = null;
  if (event === 'push') {
    const upstream = await git(root, ['rev-parse', '--verify', '--quiet', '@{upstream}']);
    before =
      upstream && upstream !== sha
        ? upstream
        : await git(root, ['rev-parse', '--verify', '--quiet', `${sha}~1`]);
  }
  const files = event === 'push' ? await changedFiles(root, before, head) : null;
  const payload: Record<string, unknown> = { repository: repo, ref, sender: { login: name } };
  if (event === 'push') {
    Object.assign(payload, {
      before: before ?? ZERO_SHA,
      after: sha,
      created: before === null,
      deleted: false,
      forced: false,
      base_ref: null,
      compare: before ? `${before.slice(0, 12)}...${sha.slice(0, 12)}` : sha.slice(0, 12),
      head_commit: headCommit,
      commits: headCommit ? [headCommit] : [],
      pusher: { name, email },
    });
  } else if (event === 'workflow_dispatch') {
    payload.inputs = options.inputs;
  } else if (event === 'schedule') {
    payload.schedule = options.crons[0] ?? '';
  }
  return {
    ref,
    refName,
    refType,
    headRef: '',
    baseRef: '',
    sha,
    payload,
    facts: { refType, refName, changedFiles: files },
    repository: `${owner}/${repository}`,
    owner,
  };
}

async function defaultBranch(root: string): Promise<string | null> {
  const remote = await git(root, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']);
  if (remote) return remote.replace(/^origin\//, '');
  for (const name of ['main', 'master']) {
    if (await git(root, ['rev-parse', '--verify', '--quiet', `refs/heads/${name}`])) return name;
  }
  return null;
}
