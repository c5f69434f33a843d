// One deploy per environment at a time: the lock (a unique index over running deployments), the queue
// behind it, and the recovery of locks whose driving process is gone.
import { CockpitError } from '../../../shared/errors.ts';
import { ownerAlive } from '../kernel/process/process-identity.ts';
import type { DeployDriver } from './deploy-driver.ts';
import type { NewDeployment } from './deployments-repo.ts';
import type { ReleaseContext } from './release-context.ts';

const QUEUE_WATCH_MS = 2000;

export type DeployLock = ReturnType<typeof createDeployLock>;

const lockTaken = (error: unknown) => (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';

export function createDeployLock(ctx: ReleaseContext, driver: () => DeployDriver) {
  const { repo, clock } = ctx;
  let stopping = false;
  let queueWatch: NodeJS.Timeout | null = null;

  /** The holder's process is gone: nobody will release its lock. */
  function orphaned(id: number): boolean {
    return !driver().isDriving(id) && !ctx.drivenElsewhere(id);
  }

  function lockError(projectId: number, environment: string): CockpitError {
    const holder = repo.holder(projectId, environment);
    const since = holder?.startedAt ?? holder?.requestedAt;
    return new CockpitError(
      'CONFLICT',
      holder
        ? `${environment} is being deployed by ${holder.actor} since ${new Date(since!).toISOString()} (deployment #${holder.id}, ${holder.version}); wait, or queue yours.`
        : `${environment} is being deployed; wait, or queue yours.`,
      { holder: holder ? { deploymentId: holder.id, actor: holder.actor, since } : null },
    );
  }

  /**
   * Starts the oldest queued deployment of an environment once its lock is free — only one this
   * process queued: another cockpit's queue is its own to start (it watches for the lock), unless
   * that cockpit is gone, and then its queued deployment is over.
   */
  function startNextQueued(projectId: number, environment: string): void {
    for (;;) {
      if (stopping) return;
      const next = repo.nextQueued(projectId, environment);
      if (!next) return;
      const row = repo.row(next.id);
      const owner = row?.owner_pid ?? null;
      if (owner !== process.pid) {
        if (ownerAlive(owner, row?.owner_start ?? null, row?.requested_at)) return;
        driver().finish(
          next,
          'interrupted',
          'the cockpit that queued this deployment stopped before it could start',
        );
        continue;
      }
      try {
        if (!repo.transition(next.id, ['queued'], 'running', { at: clock.now() })) return;
      } catch (error) {
        if (lockTaken(error)) return; // another process took the lock
        throw error;
      }
      ctx.changed(projectId, next.id);
      driver().launch(repo.get(next.id)!);
      return;
    }
  }

  /**
   * Queued deployments wait for the lock holder to finish. When the holder is driven by another
   * process that dies, nobody would release the lock: this watch notices and moves the queue on.
   */
  function watchQueue(): void {
    if (queueWatch || stopping) return;
    queueWatch = setInterval(() => {
      const queued = repo
        .active()
        .filter((d) => d.status === 'queued' && repo.row(d.id)?.owner_pid === process.pid);
      if (queued.length === 0 || stopping) {
        clearInterval(queueWatch!);
        queueWatch = null;
        return;
      }
      for (const deployment of queued) {
        const holder = repo.holder(deployment.projectId, deployment.environment);
        if (holder) {
          if (!orphaned(holder.id)) continue;
          driver().finish(holder, 'interrupted', 'the cockpit process driving this deployment stopped');
        }
        startNextQueued(deployment.projectId, deployment.environment);
      }
    }, QUEUE_WATCH_MS);
    queueWatch.unref();
  }

  /** Inserts the deployment; a running one takes the lock, or queues, or is refused naming the holder. */
  function insertWithLock(record: NewDeployment, queue: boolean): number {
    if (record.status !== 'running') return repo.create(record);
    try {
      return repo.create(record);
    } catch (error) {
      if (!lockTaken(error)) throw error;
      // A lock whose owner is gone (its cockpit died, or its pid now belongs to another process) is
      // released: the deployment holding it is over, and this one takes the lock.
      const holder = repo.holder(record.projectId, record.environment);
      if (holder && orphaned(holder.id)) {
        driver().finish(holder, 'interrupted', 'the cockpit process driving this deployment stopped');
        return insertWithLock(record, queue);
      }
      if (queue) return repo.create({ ...record, status: 'queued' });
      throw lockError(record.projectId, record.environment);
    }
  }

  return {
    insertWithLock,
    startNextQueued,
    watchQueue,

    /** An approved deployment (awaiting approval) takes the lock and runs; 'queued' when it is held. */
    takeOrQueue(id: number, fields: Parameters<typeof repo.transition>[3]): 'running' | 'queued' | null {
      try {
        return repo.transition(id, ['awaiting_approval'], 'running', { at: clock.now(), ...fields })
          ? 'running'
          : null;
      } catch (error) {
        if (!lockTaken(error)) throw error;
        repo.transition(id, ['awaiting_approval'], 'queued', fields); // the lock is held: next in line
        watchQueue();
        return 'queued';
      }
    },

    /** Deployments whose driving process died are marked interrupted (their runs are, likewise). */
    recoverInterrupted(): number[] {
      const recovered: number[] = [];
      for (const row of repo.orphans()) {
        if (!orphaned(row.id)) continue;
        driver().finish(repo.get(row.id)!, 'interrupted', 'the cockpit stopped while this deployment ran');
        recovered.push(row.id);
      }
      return recovered;
    },

    stop(): void {
      stopping = true;
      if (queueWatch) clearInterval(queueWatch);
    },
  };
}
