// The demo project: examples/demo copied into the data directory as a real git repository,
// so a first start has something alive to show without touching the user's own checkouts.
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { execa } from 'execa';
import { CockpitError } from '../../../shared/errors.ts';

export const DEMO_AUTHOR = { name: 'Release Cockpit Demo', email: 'demo@release-cockpit.invalid' };

export async function ensureDemoRepository(examplesDir: string, dataDir: string): Promise<string> {
  const source = join(examplesDir, 'demo');
  const target = join(dataDir, 'demo', 'shop-api');
  if (existsSync(join(target, '.git'))) return target;
  if (!existsSync(source)) {
    throw new CockpitError(
      'NOT_FOUND',
      `The demo project is missing from this installation (looked in ${source}).`,
    );
  }
  mkdirSync(target, { recursive: true });
  // Only the project itself: never runtime leftovers of someone running the demo in place.
  const leftovers = new Set(['.environments', 'node_modules', 'dist']);
  cpSync(source, target, {
    recursive: true,
    filter: (path) => !leftovers.has(basename(path)) && !path.endsWith('.tgz'),
  });
  const env = {
    GIT_AUTHOR_NAME: DEMO_AUTHOR.name,
    GIT_AUTHOR_EMAIL: DEMO_AUTHOR.email,
    GIT_COMMITTER_NAME: DEMO_AUTHOR.name,
    GIT_COMMITTER_EMAIL: DEMO_AUTHOR.email,
  };
  const git = (...args: string[]) => execa('git', args, { cwd: target, env, stdin: 'ignore' });
  try {
    await git('init', '--quiet', '--initial-branch=main');
    await git('add', '--all');
    await git('commit', '--quiet', '--no-gpg-sign', '-m', 'feat: first release of the demo shop API');
    await git('tag', 'v1.0.0');
  } catch (error) {
    throw new CockpitError(
      'INTERNAL',
      `Could not create the demo git repository in ${target}: ${(error as Error).message}`,
    );
  }
  return target;
}
