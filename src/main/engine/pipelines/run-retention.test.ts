// Run retention on a real engine: old runs go with their log files and artifacts; recent runs and
// runs that carried out a deployment stay.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../kernel/clock.ts';
import { openDatabase } from '../kernel/store/database.ts';
import { loadMigrations } from '../kernel/store/migrate.ts';
import { cleanupFixtures, gitRepo } from '../../testing/fixtures.ts';
import { testEngine } from '../../testing/test-engine.ts';
import { pruneRuns } from './run-retention.ts';

afterEach(cleanupFixtures);

const DAY = 24 * 60 * 60 * 1000;

describe('run retention', () => {
  it('deletes runs older than the retention with their logs and artifacts, keeps the rest', async () => {
    const clock = manualClock(Date.UTC(2026, 0, 1));
    const engine = testEngine({ clock });
    const repo = gitRepo({
      'cockpit.yml': `version: 1
pipelines:
  ci:
    jobs: { build: { run: "echo built > out.txt", artifacts: [out.txt] } }
  deploy:
    deploy: { environment: staging }
    jobs: { go: { run: "echo deploying" } }
environments:
  - { name: staging, url: "http://127.0.0.1:9" }
`,
    });
    const { id: projectId } = await engine.invoke('projects.add', { path: repo });
    const old = await engine.invoke('runs.start', { projectId, pipeline: 'ci' });
    await engine.waitForRun(old.id);
    const deployment = await engine.invoke('releases.deploy', { projectId, environment: 'staging' });
    await engine.waitForDeployment(deployment.id);
    clock.advance(40 * DAY);
    const recent = await engine.invoke('runs.start', { projectId, pipeline: 'ci' });
    await engine.waitForRun(recent.id);

    const dataDir = engine.info().dataDir;
    const oldDetail = await engine.invoke('runs.get', { runId: old.id });
    const oldAttempt = oldDetail.jobs[0]!.attempts[0]!;
    const db = openDatabase(join(dataDir, 'cockpit.db'), { migrations: loadMigrations() });
    const logFile = db
      .prepare<[number], { log_file: string }>('SELECT log_file FROM attempts WHERE id = ?')
      .get(oldAttempt.id)!.log_file;
    expect(existsSync(logFile)).toBe(true);
    expect(existsSync(join(dataDir, 'artifacts', String(old.id)))).toBe(true);

    expect(pruneRuns(db, { now: clock.now(), retentionDays: null, dataDir })).toEqual({
      deleted: 0,
      done: true,
    });
    expect(pruneRuns(db, { now: clock.now(), retentionDays: 30, dataDir })).toEqual({
      deleted: 1,
      done: true,
    });
    db.close();

    await expect(engine.invoke('runs.get', { runId: old.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(existsSync(logFile)).toBe(false);
    expect(existsSync(join(dataDir, 'artifacts', String(old.id)))).toBe(false);
    const deployRun = (await engine.invoke('releases.get', { deploymentId: deployment.id })).runId!;
    expect((await engine.invoke('runs.get', { runId: deployRun })).id).toBe(deployRun); // evidence of a deploy stays
    expect((await engine.invoke('runs.get', { runId: recent.id })).status).toBe('success');
  });
});
