// Artifacts as clients see them (artifacts.list, artifacts.read) and the project's retention of them
// (cockpit.yml artifacts: keep_last_runs, keep_released), on real runs, a real store and real files.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../kernel/store/database.ts';
import { loadMigrations, migrate } from '../kernel/store/migrate.ts';
import { cleanupFixtures, tempDir } from '../../testing/fixtures.ts';
import { projectWith, runToEnd } from '../../testing/pipeline-project.ts';
import { releaseDb } from '../../testing/release-db.ts';
import { testEngine } from '../../testing/test-engine.ts';
import { pruneProjectArtifacts } from './artifact-retention.ts';

afterEach(cleanupFixtures);

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

function config(artifacts = '') {
  return {
    'cockpit.yml': `version: 1
${artifacts}
pipelines:
  ci:
    jobs:
      build:
        run: mkdir -p dist && printf "build $COCKPIT_PARAM_N" > dist/app.txt && head -c 1300000 /dev/zero | tr '\\\\0' 'x' > dist/big.bin
        artifacts: ["dist/**"]
      test:
        needs: build
        run: printf ok > report.txt
        artifacts: [report.txt]
    params:
      n: { type: string, default: "0" }
`,
  };
}

describe('artifacts.list and artifacts.read', () => {
  it('list a run’s artifacts per job and read them back in chunks, byte for byte', async () => {
    const { engine, projectId } = await projectWith(config());
    const detail = await runToEnd(engine, projectId, 'ci', { params: { n: '7' } });
    const artifacts = await engine.invoke('artifacts.list', { runId: detail.id });
    expect(artifacts.map((a) => [a.job, a.path, a.size, a.available, a.removed])).toEqual([
      ['build', 'dist/app.txt', 7, true, null],
      ['build', 'dist/big.bin', 1_300_000, true, null],
      ['test', 'report.txt', 2, true, null],
    ]);
    expect(artifacts[0]!.sha256).toBe(sha256('build 7'));
    // The run view shows the same facts per job.
    expect(detail.jobs.find((j) => j.name === 'build')!.artifacts.map((a) => a.available)).toEqual([
      true,
      true,
    ]);

    const big = artifacts[1]!;
    const parts: Buffer[] = [];
    let chunks = 0;
    for (let offset = 0, done = false; !done; chunks++) {
      const chunk = await engine.invoke('artifacts.read', { artifactId: big.id, offset, length: 512 * 1024 });
      const bytes = Buffer.from(chunk.data, 'base64');
      parts.push(bytes);
      offset += bytes.length;
      done = chunk.done;
      expect(chunk.size).toBe(1_300_000);
    }
    expect(chunks).toBe(3);
    expect(sha256(Buffer.concat(parts))).toBe(big.sha256);
  });

  it('refuse bad params, unknown runs and artifacts, with what and where', async () => {
    const { engine, projectId } = await projectWith(config());
    const detail = await runToEnd(engine, projectId, 'ci');
    const [first] = await engine.invoke('artifacts.list', { runId: detail.id });
    await expect(
      engine.call('artifacts.read', { artifactId: first!.id, offset: 0, length: 600 * 1024 }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('length') as string });
    await expect(
      engine.call('artifacts.read', { artifactId: first!.id, offset: -1, length: 10 }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('offset') as string });
    await expect(engine.call('artifacts.list', { runId: 'one' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(engine.invoke('artifacts.list', { runId: 999 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'There is no run #999.',
    });
    await expect(
      engine.invoke('artifacts.read', { artifactId: 999, offset: 0, length: 1 }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'There is no artifact #999.' });
  });
});

describe('artifact retention (cockpit.yml artifacts:)', () => {
  it('keeps the last N runs’ files after each run, logs what it removed, keeps the rows', async () => {
    const { engine, projectId } = await projectWith(config('artifacts: { keep_last_runs: 2 }'));
    const dataDir = engine.info().dataDir;
    const runs = [];
    for (let n = 1; n <= 3; n++)
      runs.push(await runToEnd(engine, projectId, 'ci', { params: { n: String(n) } }));

    const oldest = await engine.invoke('artifacts.list', { runId: runs[0]!.id });
    expect(oldest).toHaveLength(3);
    for (const artifact of oldest) {
      expect(artifact.available).toBe(false);
      expect(artifact.removed?.reason).toBe(
        "removed by the project's retention: not among its last 2 runs and not a released build (cockpit.yml artifacts.keep_last_runs: 2)",
      );
    }
    expect(oldest[0]!.sha256).toBe(sha256('build 1')); // the evidence stays
    expect(existsSync(join(dataDir, 'artifacts', String(runs[0]!.id)))).toBe(false);
    for (const run of runs.slice(1)) {
      const kept = await engine.invoke('artifacts.list', { runId: run.id });
      expect(kept.every((artifact) => artifact.available)).toBe(true);
    }
    await expect(
      engine.invoke('artifacts.read', { artifactId: oldest[0]!.id, offset: 0, length: 10 }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(
        /^Artifact dist\/app\.txt of run #\d+ \(job build\) is gone: removed by the project's retention/,
      ) as string,
      details: { gone: true },
    });
    const logged = engine.logLines.filter((line) => line.includes('artifacts removed by retention'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(`"runs":[${runs[0]!.id}]`);
    expect(logged[0]).toContain('"files":3');
  });

  it('applies at start, with the policy as cockpit.yml says it now', async () => {
    const { engine, projectId, repo } = await projectWith(config());
    const dataDir = engine.info().dataDir;
    const first = await runToEnd(engine, projectId, 'ci');
    const second = await runToEnd(engine, projectId, 'ci');
    await engine.close();
    writeFileSync(join(repo, 'cockpit.yml'), config('artifacts: { keep_last_runs: 1 }')['cockpit.yml']);
    mkdirSync(dataDir, { recursive: true });
    const again = testEngine({ dataDir });
    expect((await again.invoke('artifacts.list', { runId: first.id })).map((a) => a.available)).toEqual([
      false,
      false,
      false,
    ]);
    expect((await again.invoke('artifacts.list', { runId: second.id })).every((a) => a.available)).toBe(true);
    expect(again.logLines.some((line) => line.includes('artifacts removed by retention'))).toBe(true);
  });

  it('keeps every released build: the deploy run and the successful build of a deployed commit', () => {
    const store = releaseDb();
    const dataDir = tempDir('cockpit-retention-');
    const artifactOf = (runId: number) => {
      const jobId = Number(
        store.db
          .prepare("INSERT INTO jobs (run_id, name, position, status) VALUES (?, 'build', 0, 'success')")
          .run(runId).lastInsertRowid,
      );
      const stored = join('artifacts', String(runId), 'build', 'app.txt');
      mkdirSync(join(dataDir, 'artifacts', String(runId), 'build'), { recursive: true });
      writeFileSync(join(dataDir, stored), `run ${runId}`);
      store.db
        .prepare('INSERT INTO artifacts (job_id, path, size, sha256, stored_path) VALUES (?, ?, 5, ?, ?)')
        .run(jobId, 'app.txt', sha256(`run ${runId}`), stored);
      return stored;
    };
    const deployed = store.run('ci', 'aaa', 'success'); // its commit went to production
    const deployRun = store.run('deploy', 'aaa', 'success');
    const failedDeploy = store.run('deploy', 'bbb', 'failed');
    const plain = store.run('ci', 'ccc', 'success');
    const newest = store.run('ci', 'ddd', 'success');
    const stored = new Map(
      [deployed, deployRun, failedDeploy, plain, newest].map((id) => [id, artifactOf(id)]),
    );
    const deployment = store.db.prepare(
      `INSERT INTO deployments (project_id, environment, kind, version, commit_sha, pipeline, actor, status, requested_at, run_id)
       VALUES (?, 'production', 'deploy', ?, ?, 'deploy', 'ann', ?, 1, ?)`,
    );
    deployment.run(store.projectId, 'v1', 'aaa', 'succeeded', deployRun);
    deployment.run(store.projectId, 'v2', 'bbb', 'failed', failedDeploy);

    const pruned = pruneProjectArtifacts(store.db, {
      projectId: store.projectId,
      policy: { keep_last_runs: 1 },
      dataDir,
      now: 1000,
    });
    expect(pruned).toEqual({ runs: [failedDeploy, plain], files: 2, bytes: 10 });
    for (const id of [deployed, deployRun, newest])
      expect(readFileSync(join(dataDir, stored.get(id)!), 'utf8')).toBe(`run ${id}`);
    for (const id of [failedDeploy, plain]) expect(existsSync(join(dataDir, stored.get(id)!))).toBe(false);
    // Without keep_released, only the newest run keeps its files; pruning twice changes nothing more.
    expect(
      pruneProjectArtifacts(store.db, {
        projectId: store.projectId,
        policy: { keep_last_runs: 1, keep_released: false },
        dataDir,
        now: 2000,
      }),
    ).toEqual({ runs: [deployed, deployRun], files: 2, bytes: 10 });
    expect(
      pruneProjectArtifacts(store.db, {
        projectId: store.projectId,
        policy: { keep_last_runs: 1 },
        dataDir,
        now: 3000,
      }),
    ).toEqual({ runs: [], files: 0, bytes: 0 });
    expect(store.db.prepare('SELECT count(*) FROM artifacts WHERE pruned_at IS NULL').pluck().get()).toBe(1);
    expect(store.db.prepare('SELECT count(*) FROM artifacts').pluck().get()).toBe(5);
  });

  it('without a policy, nothing is removed', () => {
    const store = releaseDb();
    expect(
      pruneProjectArtifacts(store.db, {
        projectId: store.projectId,
        policy: undefined,
        dataDir: tempDir(),
        now: 1,
      }),
    ).toEqual({ runs: [], files: 0, bytes: 0 });
  });
});

// The migration keeps what an older database holds: artifacts recorded before it stay available.
describe('migration artifact_retention', () => {
  it('adds pruned_at and pruned_reason, empty for the artifacts already kept', () => {
    const migrations = loadMigrations();
    const step = migrations.find((m) => m.name === 'artifact_retention')!;
    const path = join(tempDir(), 'cockpit.db');
    const old = new BetterSqlite3(path);
    migrate(old, migrations, step.version - 1);
    old.exec(`INSERT INTO projects (id, name, path, added_at, config_status, checked_at) VALUES (1, 'p', '/p', 1, 'ok', 1);
      INSERT INTO runs (id, project_id, pipeline, status, trigger, actor, queued_at, definition) VALUES (1, 1, 'ci', 'success', 'manual', 'a', 0, '{}');
      INSERT INTO jobs (id, run_id, name, position, status) VALUES (1, 1, 'build', 0, 'success');
      INSERT INTO artifacts (job_id, path, size, sha256, stored_path) VALUES (1, 'a.txt', 1, 'x', 'artifacts/1/build/a.txt');`);
    old.close();
    const db = openDatabase(path, { migrations });
    expect(db.prepare('SELECT path, pruned_at, pruned_reason FROM artifacts').all()).toEqual([
      { path: 'a.txt', pruned_at: null, pruned_reason: null },
    ]);
    db.close();
  });
});
