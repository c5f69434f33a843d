// Versions as the release board speaks them, read from git: the name of a commit (its tag, else a
// describe string, else its short sha), what a reported version resolves to, and how far apart
// two commits are. Unknown input answers null rather than throwing.
import { runGit } from '../kernel/git/run-git.ts';

export interface HeadRelation {
  relation: 'same' | 'ahead' | 'behind' | 'diverged' | 'unknown';
  /** Commits HEAD has that the other commit lacks. */
  ahead: number;
  /** Commits the other commit has that HEAD lacks. */
  behind: number;
}

/** `v1.2.0-3-gabc1234` (optionally `-dirty`): a tag, commits since it, and an abbreviated sha. */
const describePattern = /^(.+)-(\d+)-g([0-9a-f]{4,64})(?:-dirty)?$/i;

/**
 * The version of a commit: its tag (the highest by version when several point at it), else
 * `git describe --tags` (v1.1.0-2-gabc1234), else the 7-character short sha.
 */
export async function versionOfCommit(dir: string, sha: string): Promise<string> {
  const full = await revParse(dir, sha);
  if (full === null) return sha.trim().slice(0, 7);
  const exact = await highestTagAt(dir, full);
  if (exact !== null) return exact;
  const described = await runGit(dir, ['describe', '--tags', '--abbrev=7', full]);
  const match = described.failed ? null : describePattern.exec(described.stdout.trim());
  if (!match) return full.slice(0, 7);
  // describe picks any of the tags on that commit; name it by the highest, like an exact match.
  const tagCommit = await revParse(dir, `refs/tags/${match[1]!}`);
  const tag = (tagCommit && (await highestTagAt(dir, tagCommit))) ?? match[1]!;
  return `${tag}-${match[2]!}-g${match[3]!}`;
}

/**
 * The full commit sha `text` names: a tag, a sha (short or full), a branch, a describe string
 * (resolved by its sha), or a version without the leading "v" of its tag ("1.2.0" for v1.2.0).
 * Null when nothing matches.
 */
export async function resolveVersion(dir: string, text: string): Promise<string | null> {
  const trimmed = text.trim();
  if (!isSafeRev(trimmed)) return null;
  const direct = await revParse(dir, trimmed);
  if (direct !== null) return direct;
  if (!/^v/i.test(trimmed)) {
    const tagged = await revParse(dir, `refs/tags/v${trimmed}`);
    if (tagged !== null) return tagged;
  }
  const described = describePattern.exec(trimmed);
  if (described) return revParse(dir, described[3]!);
  return null;
}

/** Equal after trimming, lowercasing and dropping one leading "v": "v1.2.0" is "1.2.0". */
export function sameVersion(a: string, b: string): boolean {
  const normal = (version: string) => version.trim().toLowerCase().replace(/^v/, '');
  return normal(a) === normal(b);
}

/** Commits in `to` that are not in `from`; null when either is unknown. */
export async function commitsBetween(dir: string, from: string, to: string): Promise<number | null> {
  const [fromSha, toSha] = await Promise.all([resolveVersion(dir, from), resolveVersion(dir, to)]);
  if (fromSha === null || toSha === null) return null;
  const result = await runGit(dir, ['rev-list', '--count', `${fromSha}..${toSha}`]);
  if (result.failed) return null;
  return Number(result.stdout.trim());
}

/** Where `head` (the working tree's HEAD) stands relative to `sha` (what an environment runs). */
export async function headRelation(dir: string, head: string, sha: string): Promise<HeadRelation> {
  const unknown: HeadRelation = { relation: 'unknown', ahead: 0, behind: 0 };
  const [headSha, otherSha] = await Promise.all([resolveVersion(dir, head), resolveVersion(dir, sha)]);
  if (headSha === null || otherSha === null) return unknown;
  const result = await runGit(dir, ['rev-list', '--left-right', '--count', `${otherSha}...${headSha}`]);
  const counts = /^(\d+)\s+(\d+)$/.exec(result.stdout.trim());
  if (result.failed || !counts) return unknown;
  const behind = Number(counts[1]);
  const ahead = Number(counts[2]);
  const relation =
    ahead === 0 && behind === 0 ? 'same' : behind === 0 ? 'ahead' : ahead === 0 ? 'behind' : 'diverged';
  return { relation, ahead, behind };
}

/** The local branch `main`, else `master`, else the checked-out branch; null when detached or empty. */
export async function mainBranch(dir: string): Promise<{ name: string; sha: string } | null> {
  for (const name of ['main', 'master']) {
    const sha = await revParse(dir, `refs/heads/${name}`);
    if (sha !== null) return { name, sha };
  }
  const current = await runGit(dir, ['symbolic-ref', '--quiet', '--short', 'HEAD']);
  if (current.failed) return null;
  const name = current.stdout.trim();
  const sha = await revParse(dir, `refs/heads/${name}`);
  return sha === null ? null : { name, sha };
}

/** The committer time of a commit, in milliseconds; null when unknown. */
export async function commitTime(dir: string, sha: string): Promise<number | null> {
  const full = await resolveVersion(dir, sha);
  if (full === null) return null;
  const result = await runGit(dir, ['show', '--no-patch', '--format=%ct', full]);
  const seconds = Number(result.stdout.trim());
  if (result.failed || !Number.isFinite(seconds)) return null;
  return seconds * 1000;
}

/** The tag pointing at `sha` that sorts highest as a version (v1.2.0 above v1.2.0-rc.1), or null. */
async function highestTagAt(dir: string, sha: string): Promise<string | null> {
  const result = await runGit(dir, [
    '-c',
    'versionsort.suffix=-',
    'tag',
    '--points-at',
    sha,
    '--sort=-v:refname',
  ]);
  if (result.failed) return null;
  return result.stdout.split('\n').find((line) => line.trim().length > 0) ?? null;
}

/** The full sha of the commit `rev` names, or null. `rev` must pass isSafeRev. */
async function revParse(dir: string, rev: string): Promise<string | null> {
  if (!isSafeRev(rev)) return null;
  const result = await runGit(dir, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  const sha = result.stdout.trim();
  return !result.failed && /^[0-9a-f]{40,64}$/.test(sha) ? sha : null;
}

/** Never an option, a range, a path or a revision expression: just a name or a sha. */
function isSafeRev(text: string): boolean {
  return (
    text.length > 0 &&
    text.length <= 256 &&
    !text.startsWith('-') &&
    !text.includes('..') &&
    !/[\s\0:^~?*[\\{}]/.test(text)
  );
}
