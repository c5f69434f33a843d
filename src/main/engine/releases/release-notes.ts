// Release notes for the release board: what changed between the version an environment runs and the candidate.
import { badRequest, CockpitError } from '../../../shared/errors.ts';
import { markdownText as md } from '../../../shared/markdown-text.ts';
import { runGit } from '../kernel/git/run-git.ts';

export interface NoteCommit {
  sha: string;
  shortSha: string;
  subject: string;
  body: string;
  author: string;
  email: string;
  /** Author date, milliseconds since the epoch. */
  date: number;
  /** A conventional-commit type from `groupOrder`, or `other` for free-form and unknown types. */
  type: string;
  scope: string | null;
  breaking: boolean;
  description: string;
  issues: string[];
}

export interface ReleaseNotes {
  /** As given: tags, shas or branches. `from` is null for a first release. */
  from: string | null;
  to: string;
  fromSha: string | null;
  toSha: string;
  /** True when `from` is not an ancestor of `to` (a rollback or a diverged branch); the UI should warn. */
  notAncestor: boolean;
  /** Newest first, merges excluded. */
  commits: NoteCommit[];
  /** Non-empty groups in `groupOrder`; each commit is in exactly one group (breaking ones only in `breaking`). */
  groups: { type: string; title: string; commits: NoteCommit[] }[];
  /** By commits, most first. */
  authors: { name: string; email: string; commits: number }[];
  /** Issue references (#123, GH-12, ABC-123), deduplicated, in first-seen order. */
  issues: string[];
}

const groupTitles = {
  breaking: '⚠ Breaking changes',
  feat: 'Features',
  fix: 'Bug fixes',
  perf: 'Performance',
  refactor: 'Refactoring',
  docs: 'Documentation',
  test: 'Tests',
  build: 'Build',
  ci: 'CI',
  chore: 'Chores',
  other: 'Other changes',
} as const;

export const groupOrder = Object.keys(groupTitles) as (keyof typeof groupTitles)[];

const conventionalTypes = new Set<string>(
  groupOrder.filter((type) => type !== 'breaking' && type !== 'other'),
);

const FIELD = '\x1f';
const RECORD = '\x1e';
const logFormat = ['%H', '%h', '%an', '%ae', '%at', '%s', '%b'].join('%x1f') + '%x1e';

export async function releaseNotes(repoDir: string, from: string | null, to: string): Promise<ReleaseNotes> {
  if (from !== null) checkRef(from);
  checkRef(to);
  const toSha = await resolveRef(repoDir, to);
  const fromSha = from === null ? null : await resolveRef(repoDir, from);
  const notAncestor = fromSha !== null && !(await isAncestor(repoDir, fromSha, toSha));

  const range = fromSha === null ? toSha : `${fromSha}..${toSha}`;
  const log = await runGit(repoDir, ['log', '--no-merges', `--format=${logFormat}`, range, '--']);
  if (log.failed) throw new CockpitError('INTERNAL', `git log failed in ${repoDir}: ${log.stderr.trim()}`);
  const commits = log.stdout
    .split(RECORD)
    .map((record) => record.replace(/^\n/, ''))
    .filter((record) => record.length > 0)
    .map(parseRecord);

  return {
    from,
    to,
    fromSha,
    toSha,
    notAncestor,
    commits,
    groups: groupCommits(commits),
    authors: countAuthors(commits),
    issues: unique(commits.flatMap((commit) => commit.issues)),
  };
}

/** A ref starting with `-` would be read by git as an option; an empty one means nothing. */
function checkRef(ref: string): void {
  if (ref.length === 0 || ref.startsWith('-') || ref.includes('\0')) {
    throw badRequest(`"${ref}" is not a valid commit, tag or branch name`, [
      { path: 'ref', message: 'not a valid commit, tag or branch name' },
    ]);
  }
}

async function resolveRef(repoDir: string, ref: string): Promise<string> {
  const result = await runGit(repoDir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (!result.failed) return result.stdout.trim();
  if (/not a git repository/i.test(result.stderr)) {
    throw new CockpitError('NOT_FOUND', `${repoDir} is not a git repository`);
  }
  throw new CockpitError('NOT_FOUND', `No commit, tag or branch "${ref}" in ${repoDir}`);
}

async function isAncestor(repoDir: string, ancestor: string, descendant: string): Promise<boolean> {
  const result = await runGit(repoDir, ['merge-base', '--is-ancestor', ancestor, descendant]);
  if (result.exitCode === 0) return true;
  if (result.exitCode === 1) return false;
  throw new CockpitError('INTERNAL', `git merge-base failed in ${repoDir}: ${result.stderr.trim()}`);
}

function parseRecord(record: string): NoteCommit {
  const [sha = '', shortSha = '', author = '', email = '', seconds = '0', subject = '', rawBody = ''] =
    record.split(FIELD);
  const body = rawBody.trim();
  return {
    sha,
    shortSha,
    subject,
    body,
    author,
    email,
    date: Number(seconds) * 1000,
    ...parseConventional(subject, body),
    issues: unique([...findIssues(subject), ...findIssues(body)]),
  };
}

const conventionalSubject = /^([a-zA-Z]+)(?:\(([^()]*)\))?(!)?:\s+(\S.*)$/;
const breakingFooter = /^BREAKING[ -]CHANGE:\s/m;

export function parseConventional(
  subject: string,
  body = '',
): Pick<NoteCommit, 'type' | 'scope' | 'breaking' | 'description'> {
  const match = conventionalSubject.exec(subject.trim());
  const type = match?.[1]?.toLowerCase();
  const footerBreaking = breakingFooter.test(body);
  if (!match || type === undefined || !conventionalTypes.has(type)) {
    return { type: 'other', scope: null, breaking: footerBreaking, description: subject.trim() };
  }
  const scope = match[2]?.trim() || null;
  return { type, scope, breaking: match[3] === '!' || footerBreaking, description: match[4]!.trim() };
}

// Words that look like JIRA keys but are names of standards and encodings ("UTF-8", "SHA-256").
const notIssueKeys = new Set([
  'UTF',
  'SHA',
  'ISO',
  'RFC',
  'CVE',
  'HTTP',
  'TLS',
  'SSL',
  'ECMA',
  'ES',
  'MD',
  'X',
]);
const issuePattern = /(?<![\w&/-])(#\d+|GH-\d+|[A-Z][A-Z0-9_]+-\d+)(?![\w-])/g;

export function findIssues(text: string): string[] {
  const found: string[] = [];
  for (const [, reference = ''] of text.matchAll(issuePattern)) {
    if (!reference.startsWith('#') && notIssueKeys.has(reference.slice(0, reference.lastIndexOf('-'))))
      continue;
    found.push(reference);
  }
  return unique(found);
}

function groupCommits(commits: NoteCommit[]): ReleaseNotes['groups'] {
  return groupOrder
    .map((type) => ({
      type,
      title: groupTitles[type],
      commits: commits.filter((commit) => (commit.breaking ? 'breaking' : commit.type) === type),
    }))
    .filter((group) => group.commits.length > 0);
}

function countAuthors(commits: NoteCommit[]): ReleaseNotes['authors'] {
  const byEmail = new Map<string, { name: string; email: string; commits: number }>();
  for (const commit of commits) {
    const key = commit.email.toLowerCase();
    const author = byEmail.get(key) ?? { name: commit.author, email: commit.email, commits: 0 };
    author.commits += 1;
    byEmail.set(key, author);
  }
  return [...byEmail.values()].sort((a, b) => b.commits - a.commits || a.name.localeCompare(b.name));
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Markdown for people and for reports; every word from a commit or a ref is escaped as text. */
export function releaseNotesMarkdown(notes: ReleaseNotes): string {
  const to = md(notes.to);
  const from = notes.from === null ? null : md(notes.from);
  const since = from === null ? 'first release' : `since ${from}`;
  const lines = [`## ${to} (${since})`, ''];
  if (notes.notAncestor) {
    lines.push(
      `> ⚠ ${from} is not an ancestor of ${to} (a rollback or a diverged branch): ` +
        `listed are the commits in ${to} that ${from} does not have.`,
      '',
    );
  }
  if (notes.commits.length === 0) lines.push('No changes.', '');
  for (const group of notes.groups) {
    lines.push(`### ${group.title}`, '');
    for (const commit of group.commits) lines.push(markdownLine(commit));
    lines.push('');
  }
  if (notes.authors.length > 0) {
    lines.push(
      `Authors: ${notes.authors.map((author) => `${md(author.name)} (${author.commits})`).join(', ')}`,
    );
  }
  return lines.join('\n').trimEnd() + '\n';
}

function markdownLine(commit: NoteCommit): string {
  const scope = commit.scope === null ? '' : `**${md(commit.scope)}:** `;
  const inDescription = new Set(findIssues(commit.description));
  const references = [commit.shortSha, ...commit.issues.filter((issue) => !inDescription.has(issue))];
  return `- ${scope}${md(commit.description)} (${md(references.join(', '))})`;
}
