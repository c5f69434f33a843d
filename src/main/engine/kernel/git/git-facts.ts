// Branch, HEAD and dirtiness of a folder's git repository, from one `git status --porcelain=v2` call.
import { runGit } from './run-git.ts';
import type { GitFacts } from '../../../../shared/domain/project.ts';

export async function readGitFacts(dir: string, signal?: AbortSignal): Promise<GitFacts | null> {
  const result = await runGit(
    dir,
    ['status', '--porcelain=v2', '--branch', '--untracked-files=normal'],
    signal,
  );
  if (result.failed) return null; // not a repository, or git is missing: both mean "no git facts"
  return parsePorcelainV2(result.stdout);
}

export function parsePorcelainV2(output: string): GitFacts {
  let branch: string | null = null;
  let headSha: string | null = null;
  let dirty = false;
  for (const line of output.split('\n')) {
    if (line.startsWith('# branch.oid ')) {
      const oid = line.slice('# branch.oid '.length);
      headSha = oid === '(initial)' ? null : oid;
    } else if (line.startsWith('# branch.head ')) {
      const head = line.slice('# branch.head '.length);
      branch = head === '(detached)' ? null : head;
    } else if (line.length > 0 && !line.startsWith('#')) {
      dirty = true;
    }
  }
  return { branch, headSha, dirty };
}
