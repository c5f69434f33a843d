// Which project a CLI command is about: --project DIR, else the current folder or the nearest
// parent with a cockpit.yml, .gitlab-ci.yml or .github/workflows. A folder not yet in the cockpit is
// added, so `cockpit run ci` (or `cockpit run github/ci`) just works.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { EngineClient } from '../../../shared/client.ts';
import type { Project } from '../../../shared/domain/project.ts';
import { UsageError, type CliIo } from './cli-io.ts';

export async function resolveProject(
  client: EngineClient,
  io: CliIo,
  projectOption: string | undefined,
): Promise<Project> {
  const start = resolve(io.cwd, projectOption ?? '.');
  const root = projectOption ? start : findConfigRoot(start);
  if (!root) {
    throw new UsageError(
      `no cockpit.yml, .gitlab-ci.yml or .github/workflows in ${start} or any folder above it; pass --project DIR`,
    );
  }
  const { path } = await client.api.projects.inspect({ path: root });
  const existing = (await client.api.projects.list()).find((project) => project.path === path);
  if (existing) return client.api.projects.refresh({ id: existing.id });
  const added = await client.api.projects.add({ path });
  io.stderr(`Added ${path} to the cockpit as project ${added.id} "${added.name}".\n`);
  return added;
}

function findConfigRoot(from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    if (['cockpit.yml', '.gitlab-ci.yml', '.github/workflows'].some((name) => existsSync(join(dir, name)))) {
      return dir;
    }
    if (dirname(dir) === dir) return null;
  }
}
