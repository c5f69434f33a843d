// Branch, HEAD and dirtiness of a folder's git repository, from one `git status --porcelain=v2` call.
import { execa } from 'execa';
import type { GitFacts } from '../../../shared/domain/project.ts';

export async function readGitFacts(dir: string, signal?: AbortSignal): Promise<GitFacts | null> {
  const result = await execa('git', ['status', '--porcelain=v2', '--branch', '--untracked-files=normal'], {
    cwd: dir,
    reject: false,
    timeout: 15_000,
    cancelSignal: signal,
    env: { GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
    stdin: 'ignore',
  });
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

export async function isGitAvailable(): Promise<boolean> {
  const result = await execa('git', ['--version'], { reject: false, stdin: 'ignore' });
  return !result.failed;
}
