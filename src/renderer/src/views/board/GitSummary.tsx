// Where a checkout stands: branch, short commit id and whether it has uncommitted changes.
import type { GitFacts } from '../../../../shared/domain/project.ts';
import { Icon } from '../../components/Icon.tsx';
import { shortSha } from '../../lib/short-sha.ts';

export function GitSummary({ git }: { git: GitFacts | null }) {
  if (!git) return <span className="git-summary git-none">Not a git repository</span>;
  return (
    <span className="git-summary">
      <Icon name="branch" />
      <span className="git-branch">{git.branch ?? 'detached HEAD'}</span>
      {git.headSha ? (
        <span className="mono git-sha" title={git.headSha}>
          {shortSha(git.headSha)}
        </span>
      ) : (
        <span className="git-none">no commits yet</span>
      )}
      {git.dirty ? (
        <span className="git-dirty" title="The working tree has uncommitted changes">
          modified
        </span>
      ) : null}
    </span>
  );
}
