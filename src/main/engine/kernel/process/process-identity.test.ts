// Crash recovery and deploy locks know processes by pid + start time + boot id, not by pid alone:
// after a crash and pid reuse, recovery leaves an unrelated process group alone, and a deploy lock
// held in the name of an unrelated live process is released. Real processes, a real database.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../engine.ts';
import { createMemoryLogger } from '../diagnostics/logger.ts';
import { processAlive } from './process-group.ts';
import { bootId, identityOf, ownerAlive, selfIdentity, startedAtMs } from './process-identity.ts';
import { openDatabase } from '../store/database.ts';
import { cleanupFixtures, onCleanup, tempDir } from '../../../testing/fixtures.ts';

afterEach(cleanupFixtures);

/** A live process that has nothing to do with any cockpit: `sleep`, leading its own process group. */
function unrelatedGroup(): ChildProcess {
  const child = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
  onCleanup(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  });
  return child;
}

/** A pid that was used and is free again (its process has exited and been reaped). */
function deadPid(): number {
  return spawnSync('true').pid;
}

function engineOn(dataDir: string) {
  const engine = createEngine({
    dataDir,
    version: '0.0.0-test',
    host: 'test',
    logger: createMemoryLogger(),
    killGraceMs: 200,
  });
  onCleanup(() => engine.close());
  return engine;
}

/** A data dir whose store says: run #1 of a dead cockpit has an attempt running in group `pgid`. */
function crashedRun(pgid: number, pgidStart: string | null) {
  const dataDir = tempDir('cockpit-crashed-');
  const db = openDatabase(join(dataDir, 'cockpit.db'));
  const project = db
    .prepare(
      "INSERT INTO projects (name, path, added_at, config_status, checked_at) VALUES ('p', ?, 1, 'ok', 1)",
    )
    .run(tempDir()).lastInsertRowid;
  const run = db
    .prepare(
      `INSERT INTO runs (project_id, pipeline, status, trigger, actor, queued_at, started_at, definition, owner_pid, owner_start)
       VALUES (?, 'ci', 'running', 'manual', 'me', ?, ?, '{"jobs":{}}', ?, ?)`,
    )
    .run(project, Date.now() - 60_000, Date.now() - 60_000, deadPid(), `${bootId()}/1`).lastInsertRowid;
  const job = db
    .prepare("INSERT INTO jobs (run_id, name, position, status) VALUES (?, 'build', 0, 'running')")
    .run(run).lastInsertRowid;
  db.prepare(
    "INSERT INTO attempts (job_id, number, status, started_at, pgid, pgid_start) VALUES (?, 1, 'running', 1, ?, ?)",
  ).run(job, pgid, pgidStart);
  db.close();
  return dataDir;
}

describe('process identity', () => {
  it('tells a process from another one that got the same pid', () => {
    const me = selfIdentity();
    expect(me).toMatch(/^.+\/.+$/);
    expect(identityOf(process.pid)).toBe(me);
    const child = unrelatedGroup();
    expect(identityOf(child.pid!)).not.toBe(me);
    expect(ownerAlive(child.pid!, identityOf(child.pid!))).toBe(true);
    expect(ownerAlive(child.pid!, `${bootId()}/1`)).toBe(false); // that pid, but another process
    expect(ownerAlive(child.pid!, `another-boot/${identityOf(child.pid!)!.split('/')[1]}`)).toBe(false);
    expect(ownerAlive(deadPid(), me)).toBe(false);
    expect(Math.abs(startedAtMs(process.pid)! - (Date.now() - process.uptime() * 1000))).toBeLessThan(3000);
  });

  it('recovery leaves alone a process group whose leader is not the shell it recorded', () => {
    for (const recorded of [`${bootId()}/1`, null]) {
      const stranger = unrelatedGroup();
      const engine = engineOn(crashedRun(stranger.pid!, recorded));
      expect(engine.logger).toBeDefined();
      expect(processAlive(stranger.pid!)).toBe(true); // not signalled
    }
  });

  it('recovery ends a process group whose leader is provably the one it started', async () => {
    const job = unrelatedGroup();
    const dataDir = crashedRun(job.pid!, identityOf(job.pid!));
    engineOn(dataDir);
    await new Promise((resolve) => job.once('exit', resolve));
    expect(processAlive(job.pid!)).toBe(false);
  });

  it('releases a deploy lock held in the name of an unrelated live process, keeps one held by its owner', async () => {
    const dataDir = tempDir('cockpit-lock-');
    const db = openDatabase(join(dataDir, 'cockpit.db'));
    const project = Number(
      db
        .prepare(
          "INSERT INTO projects (name, path, added_at, config_status, checked_at) VALUES ('p', ?, 1, 'ok', 1)",
        )
        .run(tempDir()).lastInsertRowid,
    );
    const stranger = unrelatedGroup(); // lives, but is not the cockpit that took the lock
    const owner = unrelatedGroup(); // stands in for another live cockpit: its identity is recorded
    const insert = db.prepare(
      `INSERT INTO deployments (project_id, environment, kind, version, commit_sha, pipeline, actor, status,
         owner_pid, owner_start, requested_at, started_at)
       VALUES (?, ?, 'deploy', 'v1', 'abc', 'deploy', 'me', 'running', ?, ?, ?, ?)`,
    );
    const hourAgo = Date.now() - 3_600_000;
    insert.run(project, 'production', stranger.pid, `${bootId()}/1`, hourAgo, hourAgo); // reused pid
    insert.run(project, 'staging', stranger.pid, null, hourAgo, hourAgo); // an older row: no identity
    insert.run(project, 'qa', owner.pid, identityOf(owner.pid!), hourAgo, hourAgo);
    db.close();

    const engine = engineOn(dataDir);
    const deployments = await engine.invoke('releases.list', { projectId: project });
    const status = Object.fromEntries(deployments.map((d) => [d.environment, d.status]));
    expect(status).toEqual({ production: 'interrupted', staging: 'interrupted', qa: 'running' });
    expect(processAlive(stranger.pid!)).toBe(true);
    expect(processAlive(owner.pid!)).toBe(true);
  });
});
