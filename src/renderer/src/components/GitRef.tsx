// Where a run's code came from: branch@short-sha, and whether the working tree had changes.
import type { RunSummary } from '../../../shared/domain/run.ts';
import { shortSha } from '../lib/short-sha.ts';

export function GitRef({ git }: { git: RunSummary['git'] }) {
  if (!git) return <span className="git-ref git-ref-none">not a git repository</span>;
  return (
    <span className="git-ref" title={git.sha ?? undefined}>
      <span className="git-ref-branch">{git.branch ?? 'detached'}</span>
      {git.sha ? <span className="mono git-ref-sha">@{shortSha(git.sha)}</span> : null}
      {git.dirty ? (
        <span className="git-ref-dirty" title="The working tree had uncommitted changes">
          +dirty
        </span>
      ) : null}
    </span>
  );
}
