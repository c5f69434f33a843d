// How the engine's release diff reads on screen: a badge per conventional commit type, a letter per
// file status, and the heading of a diff with nothing to list. Looks only: the engine decided which
// commits, files and variables change and which values are masked.
import type { DiffCommit, DiffFile, ReleaseDiff } from '../../../shared/domain/release-diff.ts';

export interface CommitTypeLook {
  /** `feat`, `fix!` (breaking), `other`… */
  label: string;
  tone: 'ok' | 'warning' | 'danger' | 'neutral';
}

export function commitTypeLook(commit: Pick<DiffCommit, 'type' | 'breaking'>): CommitTypeLook {
  const label = commit.breaking ? `${commit.type}!` : commit.type;
  if (commit.breaking) return { label, tone: 'danger' };
  if (commit.type === 'feat') return { label, tone: 'ok' };
  if (commit.type === 'fix' || commit.type === 'perf' || commit.type === 'revert')
    return { label, tone: 'warning' };
  return { label, tone: 'neutral' };
}

const fileStatuses: Record<DiffFile['status'], { letter: string; label: string }> = {
  added: { letter: 'A', label: 'added' },
  modified: { letter: 'M', label: 'modified' },
  deleted: { letter: 'D', label: 'deleted' },
  renamed: { letter: 'R', label: 'renamed' },
  copied: { letter: 'C', label: 'copied' },
  'type-changed': { letter: 'T', label: 'type changed' },
};

export function fileStatusLook(status: DiffFile['status']): { letter: string; label: string } {
  return fileStatuses[status];
}

/** The heading of a diff that lists nothing (the engine's summary says why); null when it lists changes. */
export function emptyDiffTitle(diff: Pick<ReleaseDiff, 'direction' | 'live'>): string | null {
  if (diff.direction === 'same') return 'Same commit as live';
  if (diff.direction !== 'unknown_live') return null;
  return diff.live.version === null
    ? 'Nothing live yet — first deploy'
    : `Live version ${diff.live.version} is not in this repository`;
}

export const plural = (count: number, one: string, many = `${one}s`) =>
  `${count} ${count === 1 ? one : many}`;
