// One deploy per environment: the lock refuses a second one naming the holder, queues it on request,
// and a lock whose process is gone is released to the next request.
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../kernel/clock.ts';
import { createEventBus } from '../kernel/events.ts';
import { createMemoryLogger } from '../kernel/diagnostics/logger.ts';
import type { RunService } from '../pipelines/index.ts';
import { identityOf } from '../kernel/process/process-identity.ts';
import { cleanupFixtures, onCleanup, tempDir } from '../../testing/fixtures.ts';
import { releaseDb } from '../../testing/release-db.ts';
import { createAuditLog } from './audit-log.ts';
import { createDeployDriver, type DeployDriver } from './deploy-driver.ts';
import { createDeployLock } from './deploy-lock.ts';
import { createDeploymentsRepo, type NewDeployment } from './deployments-repo.ts';
import { createReleaseContext } from './release-context.ts';

afterEach(cleanupFixtures);

function lockOn() {
  const store = releaseDb();
  const clock = manualClock();
  const repo = createDeploymentsRepo(store.db);
  const ctx = createReleaseContext({
    db: store.db,
    dataDir: tempDir('cockpit-lock-data-'),
    repo,
    audit: createAuditLog(store.db, clock),
    clock,
    events: createEventBus(),
    logger: createMemoryLogger(),
    // The lock never starts a run in these tests: nothing here launches a deployment.
    runs: {} as RunService,
    listProjects: () => [],
    project: (id) => ({ id, name: 'shop', path: '/srv/shop' }),
    configOf: () => {
      throw new Error('not read by the lock');
    },
    environments: () => [],
    checkNow: () => Promise.resolve({ version: null, state: 'unknown' }),
  });
  const lock = createDeployLock(ctx, () => driver);
  const driver: DeployDriver = createDeployDriver(ctx, { settled: () => {} });
  const record = (version: string): NewDeployment => ({
    projectId: store.projectId,
    environment: 'production',
    kind: 'deploy',
    version,
    commit: 'a'.repeat(40),
    pipeline: 'deploy',
    params: {},
    actor: 'ann',
    actorOsUser: 'ann',
    status: 'running',
    sourceEnvironment: null,
    previousVersion: null,
    gates: [],
    approvalsNeeded: 0,
    override: null,
    fix: false,
    releaseNotes: null,
    requestedAt: clock.now(),
  });
  return { store, repo, lock, record };
}

describe('deploy lock', () => {
  it('refuses a second running deploy naming the holder, or queues it when asked', () => {
    const { store, repo, lock, record } = lockOn();
    const first = lock.insertWithLock(record('v1'), false);
    // Another live cockpit drives it: a real process, recorded by its pid and start time.
    const other = spawn('sleep', ['60']);
    onCleanup(() => {
      other.kill('SIGKILL');
    });
    store.db
      .prepare('UPDATE deployments SET owner_pid = ?, owner_start = ? WHERE id = ?')
      .run(other.pid!, identityOf(other.pid!), first);
    expect(() => lock.insertWithLock(record('v2'), false)).toThrow(
      /being deployed by ann .*deployment #1, v1/,
    );
    const queued = lock.insertWithLock(record('v2'), true);
    expect(repo.get(queued)?.status).toBe('queued');
    expect(repo.holder(repo.get(first)!.projectId, 'production')?.id).toBe(first);
    lock.stop();
  });

  it('a lock whose process is gone is released: its deployment is interrupted, the new one runs', () => {
    const { store, repo, lock, record } = lockOn();
    const orphan = lock.insertWithLock(record('v1'), false);
    store.db
      .prepare('UPDATE deployments SET owner_pid = 2147483646, owner_start = ? WHERE id = ?')
      .run('gone', orphan);
    const next = lock.insertWithLock(record('v2'), false);
    expect(repo.get(orphan)?.status).toBe('interrupted');
    expect(repo.get(next)?.status).toBe('running');
    lock.stop();
  });
});
