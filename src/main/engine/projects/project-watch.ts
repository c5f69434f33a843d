// Keeps each project's facts current without anyone pressing Refresh: a commit or checkout moves
// HEAD, an edit changes cockpit.yml — both are noticed from file times alone (no git process while
// nothing happens), and then the project is refreshed, which tells every client.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE_NAME } from '../config/index.ts';
import type { Logger } from '../kernel/diagnostics/logger.ts';
import { createGitStateCache } from './git-state-cache.ts';

export interface ProjectWatchDeps {
  list(): { id: number; path: string }[];
  refresh(id: number): Promise<unknown>;
  logger: Logger;
  /** How often to look; default 2 s. */
  intervalMs?: number;
}

function fileStamp(file: string): string {
  try {
    const stat = statSync(file);
    return `${stat.mtimeMs}/${stat.size}`;
  } catch {
    return 'none';
  }
}

export function createProjectWatch(deps: ProjectWatchDeps) {
  const git = createGitStateCache();
  const seen = new Map<number, string>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  /**
   * One look at every project; refreshes those whose HEAD, refs or cockpit.yml changed since the last
   * look — and, on the first look, every project (what was stored may be from another day).
   */
  async function pass(): Promise<number[]> {
    const refreshed: number[] = [];
    const projects = deps.list();
    for (const id of seen.keys()) if (!projects.some((p) => p.id === id)) seen.delete(id);
    for (const project of projects) {
      const stamp = `${(await git.signature(project.path)) ?? ''}|${fileStamp(join(project.path, CONFIG_FILE_NAME))}`;
      const before = seen.get(project.id);
      seen.set(project.id, stamp);
      if (before === stamp) continue;
      try {
        await deps.refresh(project.id);
        refreshed.push(project.id);
      } catch (error) {
        deps.logger.warn('could not refresh a project that changed', { projectId: project.id, error });
      }
    }
    return refreshed;
  }

  function schedule() {
    timer = setTimeout(() => {
      running = pass()
        .then(() => undefined)
        .catch((error: unknown) => deps.logger.warn('watching projects failed; will try again', { error }))
        .finally(() => {
          running = null;
          if (timer !== null) schedule();
        });
    }, deps.intervalMs ?? 2000);
    timer.unref();
  }

  return {
    pass,
    start() {
      if (timer !== null) return;
      schedule();
    },
    async stop() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
