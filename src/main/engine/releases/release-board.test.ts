// The release board over a long history: rows written straight into SQLite beside a real git
// repository and engine, so each test states the history it asserts on.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../kernel/clock.ts';
import { openDatabase } from '../kernel/store/database.ts';
import { loadMigrations } from '../kernel/store/migrate.ts';
import { cleanupFixtures, git, gitRepo } from '../../testing/fixtures.ts';
import { testEngine } from '../../testing/test-engine.ts';

afterEach(async () => {
  await cleanupFixtures();
});

const NOW = Date.UTC(2026, 10, 25, 10);

// Nothing listens on port 9: checks fail fast, and no environment reports a version.
const config = `version: 1
name: shop
pipelines:
  ci:
    jobs:
      test: { run: 'true' }
  lint:
    jobs:
      lint: { run: 'true' }
  deploy:
    deploy: { environment: staging }
    jobs:
      release: { run: 'true' }
environments:
  - name: staging
    tier: staging
    url: http://127.0.0.1:9/
    interval: 1h
`;

async function setup() {
  const repo = gitRepo({ 'cockpit.yml': config });
  git(repo, 'tag', 'v1.0.0');
  const head = git(repo, 'rev-parse', 'HEAD');
  const engine = testEngine({ clock: manualClock(NOW) });
  const { id: projectId } = await engine.invoke('projects.add', { path: repo });
  const db = openDatabase(join(engine.info().dataDir, 'cockpit.db'), { migrations: loadMigrations() });
  const insertDeployment = db.prepare(
    `INSERT INTO deployments (project_id, environment, kind, version, commit_sha, pipeline, actor, status,
       verification, requested_at, started_at, finished_at)
     VALUES (?, 'staging', 'deploy', ?, ?, 'deploy', 'alice', ?, ?, ?, ?, ?)`,
  );
  const insertRun = db.prepare(
    `INSERT INTO runs (project_id, pipeline, status, trigger, git_sha, git_dirty, actor, queued_at, started_at,
       finished_at, definition)
     VALUES (?, ?, 'success', 'manual', ?, 0, 'alice', ?, ?, ?, '{}')`,
  );
  let at = NOW - 1000 * 60_000;
  const history = {
    deployment(version: string, status: string): number {
      at += 60_000;
      const verification = status === 'succeeded' ? 'verified' : null;
      return Number(
        insertDeployment.run(projectId, version, head, status, verification, at, at, at + 30_000)
          .lastInsertRowid,
      );
    },
    run(pipeline: string): number {
      at += 60_000;
      return Number(insertRun.run(projectId, pipeline, head, at, at, at + 30_000).lastInsertRowid);
    },
    close: () => db.close(),
  };
  const cell = async () => {
    const board = await engine.invoke('releases.board', {});
    return board.rows[0]!.cells.find((c) => c.environment === 'staging')!;
  };
  return { head, history, cell };
}

describe('release board', () => {
  it('keeps the recorded deployment behind any number of newer unsuccessful ones', async () => {
    const { head, history, cell } = await setup();
    const recorded = history.deployment('v1.0.0', 'succeeded');
    for (let i = 0; i < 25; i++) history.deployment('v1.1.0', i % 2 === 0 ? 'failed' : 'cancelled');
    history.deployment('v1.1.0', 'failed');
    history.close();

    const staging = await cell();
    expect(staging.recorded).toMatchObject({ deploymentId: recorded, version: 'v1.0.0', commit: head });
    expect(staging.drift?.commit).toBe(head);
    expect(staging.lastProblem).toBe('deploy of v1.1.0 failed');
  });

  it('finds the CI run on a commit however many other pipelines ran on it since', async () => {
    const { history, cell } = await setup();
    history.deployment('v1.0.0', 'succeeded');
    const ci = history.run('ci');
    for (let i = 0; i < 25; i++) history.run(i % 2 === 0 ? 'lint' : 'deploy');
    history.close();

    expect((await cell()).drift?.tested).toEqual({ pipeline: 'ci', runId: ci });
  });

  it('shows no problem when the newest finished deployment succeeded', async () => {
    const { history, cell } = await setup();
    history.deployment('v1.0.0', 'failed');
    history.deployment('v1.0.1', 'succeeded');
    history.deployment('v1.0.2', 'awaiting_approval'); // not finished: ignored
    history.close();

    const staging = await cell();
    expect(staging.recorded?.version).toBe('v1.0.1');
    expect(staging.lastProblem).toBeNull();
  });
});
