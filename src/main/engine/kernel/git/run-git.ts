// One way to ask git about a repository without changing it: no optional locks (so a running IDE
// or a second cockpit never collides), C locale output, no stdin, a timeout, cancellable.
import { execa } from 'execa';

export function runGit(dir: string, args: string[], signal?: AbortSignal) {
  return execa('git', args, {
    cwd: dir,
    reject: false,
    timeout: 15_000,
    cancelSignal: signal,
    env: { GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
    stdin: 'ignore',
  });
}
