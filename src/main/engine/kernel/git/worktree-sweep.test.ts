// Worktrees a stopped cockpit left behind are removed at the next start — unless some run is still
// active (another live cockpit may be using its worktree).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { identityOf } from '../process/process-identity.ts';
import { openDatabase } from '../store/database.ts';
import { loadMigrations } from '../store/migrate.ts';
import { cleanupFixtures, git, gitRepo, onCleanup, tempDir } from '../../../testing/fixtures.ts';
import { testEngine } from '../../../testing/test-engine.ts';

afterEach(cleanupFixtures);

async function leftover() {
  const dataDir = tempDir('cockpit-data-');
  const repo = gitRepo({ 'cockpit.yml': 'version: 1\n' });
  const first = testEngine({ dataDir });
  const project = await first.invoke('projects.add', { path: repo });
  await first.close();
  mkdirSync(join(dataDir, 'worktrees'), { recursive: true });
  const stale = join(dataDir, 'worktrees', 'wt-left-behind');
  git(repo, 'worktree', 'add', '--detach', stale, 'HEAD');
  return { dataDir, repo, stale, projectId: project.id };
}

describe('stale worktree sweep', () => {
  it('removes the folders and makes git forget them', async () => {
    const { dataDir, repo, stale } = await leftover();
    const engine = testEngine({ dataDir });
    expect(await engine.worktreesSwept).toBe(1);
    expect(existsSync(stale)).toBe(false);
    expect(git(repo, 'worktree', 'list').split('\n')).toHaveLength(1);
  });

  it('leaves them while another live cockpit has a run going', async () => {
    const { dataDir, stale, projectId } = await leftover();
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    onCleanup(() => void other.kill('SIGKILL'));
    const db = openDatabase(join(dataDir, 'cockpit.db'), { migrations: loadMigrations() });
    db.prepare(
      `INSERT INTO runs (project_id, pipeline, status, trigger, actor, queued_at, owner_pid, owner_start, definition)
       VALUES (?, 'ci', 'running', 'manual', 'someone', 1, ?, ?, '{}')`,
    ).run(projectId, other.pid!, identityOf(other.pid!)); // the other cockpit, as it records itself
    db.close();
    const engine = testEngine({ dataDir });
    expect(await engine.worktreesSwept).toBe(0);
    expect(existsSync(stale)).toBe(true);
  });
});
