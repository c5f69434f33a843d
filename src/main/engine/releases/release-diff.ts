// The diff between what an environment runs and a proposed release, computed from the project's git
// repository: commits both ways (a rollback removes commits), changed files with line counts and
// renames, and the keys of declared configuration files (diff.variables) added, removed or changed.
import { matchesGlob } from 'node:path';
import {
  DIFF_LIST_CAP,
  type DiffCommit,
  type DiffFile,
  type DiffVariable,
  type ReleaseDiff,
} from '../../../shared/domain/release-diff.ts';
import { CockpitError } from '../../../shared/errors.ts';
import { runGit } from '../kernel/git/run-git.ts';
import type { Plan } from './release-context.ts';
import { releaseNotes } from './release-notes.ts';
import { isSecretVariable, readVariables, type Variables } from './variable-files.ts';

export interface SecretsKnown {
  names: string[];
  values: string[];
}

export interface DiffOptions {
  /** Longest list kept (commits each way, files, variables); default DIFF_LIST_CAP. */
  cap?: number;
  secrets?: SecretsKnown;
}

export async function diffForPlan(plan: Plan, options: DiffOptions = {}): Promise<ReleaseDiff> {
  const cap = options.cap ?? DIFF_LIST_CAP;
  const secrets = options.secrets ?? { names: [], values: [] };
  const variableFiles = plan.config.diff?.variables ?? [];
  const base = {
    projectId: plan.projectId,
    environment: plan.environment.name,
    kind: plan.kind,
    live: { version: plan.previousVersion, commit: plan.currentCommit },
    proposed: { version: plan.version, commit: plan.commit },
    variableFiles,
  };
  const empty = {
    commitsAdded: [],
    commitsRemoved: [],
    commitsOmitted: { added: 0, removed: 0 },
    files: [],
    filesOmitted: 0,
    totals: { files: 0, added: 0, deleted: 0 },
    variables: [],
    variablesOmitted: 0,
  };
  const live = plan.currentCommit;
  if (live === null) {
    const seen = plan.previousVersion
      ? `reports ${plan.previousVersion}, which is no tag or commit in this repository`
      : 'has never been observed running a version (no deployment recorded, no version reported)';
    return {
      ...base,
      ...empty,
      direction: 'unknown_live',
      summary: `"${plan.environment.name}" ${seen}: there is nothing to compare ${plan.version} with.`,
    };
  }
  if (live === plan.commit) {
    return {
      ...base,
      ...empty,
      direction: 'same',
      summary: `"${plan.environment.name}" already runs ${plan.version}: nothing changes.`,
    };
  }

  const path = plan.projectPath;
  const [added, removed, files, variables] = await Promise.all([
    releaseNotes(path, live, plan.commit),
    releaseNotes(path, plan.commit, live),
    changedFiles(path, live, plan.commit),
    changedVariables(path, live, plan.commit, variableFiles, secrets),
  ]);
  const direction =
    removed.commits.length === 0
      ? 'forward'
      : added.commits.length === 0
        ? 'backward'
        : ('diverged' as const);
  const from = plan.previousVersion ?? live.slice(0, 7);
  const count = (n: number) => `${n} commit${n === 1 ? '' : 's'}`;
  const summary = {
    forward: `${plan.version} adds ${count(added.commits.length)} to ${from}.`,
    backward: `${plan.version} removes ${count(removed.commits.length)} that ${from} has: they are taken out of "${plan.environment.name}".`,
    diverged: `${plan.version} and ${from} have diverged: it adds ${count(added.commits.length)} and removes ${count(removed.commits.length)}.`,
  }[direction];
  const toCommit = (commit: (typeof added.commits)[number]): DiffCommit => ({
    sha: commit.sha,
    shortSha: commit.shortSha,
    subject: commit.subject,
    description: commit.description,
    author: commit.author,
    date: commit.date,
    type: commit.type,
    scope: commit.scope,
    breaking: commit.breaking,
  });
  return {
    ...base,
    direction,
    summary,
    commitsAdded: added.commits.slice(0, cap).map(toCommit),
    commitsRemoved: removed.commits.slice(0, cap).map(toCommit),
    commitsOmitted: {
      added: Math.max(0, added.commits.length - cap),
      removed: Math.max(0, removed.commits.length - cap),
    },
    files: files.slice(0, cap),
    filesOmitted: Math.max(0, files.length - cap),
    totals: {
      files: files.length,
      added: files.reduce((sum, file) => sum + (file.added ?? 0), 0),
      deleted: files.reduce((sum, file) => sum + (file.deleted ?? 0), 0),
    },
    variables: variables.slice(0, cap),
    variablesOmitted: Math.max(0, variables.length - cap),
  };
}

const statusNames: Record<string, DiffFile['status']> = {
  A: 'added',
  M: 'modified',
  D: 'deleted',
  R: 'renamed',
  C: 'copied',
  T: 'type-changed',
};

/** `git diff --raw --numstat -z`: raw records give the status, numstat records the line counts. */
async function changedFiles(path: string, from: string, to: string): Promise<DiffFile[]> {
  const result = await runGit(path, [
    'diff',
    '--raw',
    '--numstat',
    '-z',
    '-M',
    '--no-ext-diff',
    from,
    to,
    '--',
  ]);
  if (result.failed)
    throw new CockpitError('INTERNAL', `git diff failed in ${path}: ${result.stderr.trim()}`);
  const fields = result.stdout.split('\0');
  const files: DiffFile[] = [];
  let index = 0;
  let counted = 0;
  while (index < fields.length) {
    const field = fields[index]!;
    if (field.startsWith(':')) {
      const letter = field.split(' ').pop()!.charAt(0);
      const twoPaths = letter === 'R' || letter === 'C';
      const first = fields[index + 1]!;
      const second = twoPaths ? fields[index + 2]! : null;
      files.push({
        path: second ?? first,
        oldPath: twoPaths ? first : null,
        status: statusNames[letter] ?? 'modified',
        added: null,
        deleted: null,
      });
      index += twoPaths ? 3 : 2;
    } else if (/^(\d+|-)\t(\d+|-)\t/.test(field)) {
      // Numstat follows the raw records in the same order; a rename's paths come as two more fields.
      const [added, deleted, inline] = field.split('\t') as [string, string, string];
      const file = files[counted++];
      if (file) {
        file.added = added === '-' ? null : Number(added);
        file.deleted = deleted === '-' ? null : Number(deleted);
      }
      index += inline === '' ? 3 : 1;
    } else {
      index += 1;
    }
  }
  return files;
}

async function changedVariables(
  path: string,
  from: string,
  to: string,
  patterns: string[],
  secrets: SecretsKnown,
): Promise<DiffVariable[]> {
  if (patterns.length === 0) return [];
  const [before, after] = await Promise.all([
    declaredFiles(path, from, patterns),
    declaredFiles(path, to, patterns),
  ]);
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changes: DiffVariable[] = [];
  for (const file of names) {
    const old = before.get(file) ?? new Map<string, string>();
    const now = after.get(file) ?? new Map<string, string>();
    for (const key of [...new Set([...old.keys(), ...now.keys()])].sort()) {
      const was = old.get(key) ?? null;
      const is = now.get(key) ?? null;
      if (was === is) continue;
      const masked = isSecretVariable(key, [was, is], secrets);
      const shown = (value: string | null) => (value === null ? null : masked ? '***' : value);
      changes.push({
        file,
        key,
        change: was === null ? 'added' : is === null ? 'removed' : 'changed',
        before: shown(was),
        after: shown(is),
        masked,
      });
    }
  }
  return changes;
}

/** The declared files as they are in one commit, each read as variables. */
async function declaredFiles(
  path: string,
  commit: string,
  patterns: string[],
): Promise<Map<string, Variables>> {
  const listed = await runGit(path, ['ls-tree', '-r', '-z', '--name-only', commit]);
  if (listed.failed)
    throw new CockpitError('INTERNAL', `git ls-tree failed in ${path}: ${listed.stderr.trim()}`);
  const matching = listed.stdout
    .split('\0')
    .filter((file) => file.length > 0 && patterns.some((pattern) => matchesGlob(file, pattern)))
    .slice(0, 100);
  const read = new Map<string, Variables>();
  for (const file of matching) {
    const shown = await runGit(path, ['show', `${commit}:${file}`]);
    if (!shown.failed) read.set(file, readVariables(file, shown.stdout));
  }
  return read;
}
