// One deploy per environment across the team: lease rows in cockpit.deploy_locks, taken, renewed and
// given back through the server's functions, which record session_user as the holder. A holder that
// stops renewing (crashed, cut off) loses the lock when its lease ends; the next taker gets it.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type pg from 'pg';

export interface DeployLockHolder {
  project: string;
  environment: string;
  holder: string;
  since: Date;
  heartbeatAt: Date;
  leaseUntil: Date;
  deploymentId: number | null;
}

export type AcquireResult =
  | { acquired: true; token: string; since: Date; leaseUntil: Date }
  | { acquired: false; holder: string; since: Date; leaseUntil: Date };

/** Names this client among the holder's clients: host, process and a random part. */
export function newLockToken(): string {
  return `${hostname()}:${process.pid}:${randomBytes(6).toString('hex')}`;
}

export async function acquireDeployLock(
  client: pg.Client,
  request: {
    project: string;
    environment: string;
    leaseSeconds: number;
    token?: string;
    deploymentId?: number;
  },
): Promise<AcquireResult> {
  const token = request.token ?? newLockToken();
  const { rows } = await client.query<{
    acquired: boolean;
    holder: string;
    acquired_at: Date;
    lease_until: Date;
  }>(
    'SELECT acquired, holder, acquired_at, lease_until FROM cockpit.acquire_deploy_lock($1, $2, $3, $4, $5)',
    [request.project, request.environment, token, request.leaseSeconds, request.deploymentId ?? null],
  );
  const row = rows[0];
  if (!row) throw new Error('acquire_deploy_lock returned no row'); // the row it lost to is always there
  return row.acquired
    ? { acquired: true, token, since: row.acquired_at, leaseUntil: row.lease_until }
    : { acquired: false, holder: row.holder, since: row.acquired_at, leaseUntil: row.lease_until };
}

/** Renews the lease; false when it is no longer ours (it ran out, or was taken after it ran out). */
export async function heartbeatDeployLock(
  client: pg.Client,
  lock: { project: string; environment: string; token: string; leaseSeconds: number },
): Promise<boolean> {
  const { rows } = await client.query<{ ok: boolean }>(
    'SELECT cockpit.heartbeat_deploy_lock($1, $2, $3, $4) AS ok',
    [lock.project, lock.environment, lock.token, lock.leaseSeconds],
  );
  return rows[0]!.ok;
}

/** Gives the lock back; false when it was not ours any more. */
export async function releaseDeployLock(
  client: pg.Client,
  lock: { project: string; environment: string; token: string },
): Promise<boolean> {
  const { rows } = await client.query<{ ok: boolean }>(
    'SELECT cockpit.release_deploy_lock($1, $2, $3) AS ok',
    [lock.project, lock.environment, lock.token],
  );
  return rows[0]!.ok;
}

/** Locks whose lease has not ended: who holds which environment, since when. */
export async function liveDeployLocks(client: pg.Client): Promise<DeployLockHolder[]> {
  const { rows } = await client.query<{
    project: string;
    environment: string;
    holder: string;
    acquired_at: Date;
    heartbeat_at: Date;
    lease_until: Date;
    deployment_id: string | null;
  }>(
    `SELECT project, environment, holder, acquired_at, heartbeat_at, lease_until, deployment_id
       FROM cockpit.deploy_locks WHERE lease_until >= clock_timestamp() ORDER BY project, environment`,
  );
  return rows.map((row) => ({
    project: row.project,
    environment: row.environment,
    holder: row.holder,
    since: row.acquired_at,
    heartbeatAt: row.heartbeat_at,
    leaseUntil: row.lease_until,
    deploymentId: row.deployment_id === null ? null : Number(row.deployment_id),
  }));
}

export interface HeldDeployLock {
  token: string;
  since: Date;
  /** Resolves, with why, when the lock is lost: a renewal found the lease ended, or none got through in time. */
  lost: Promise<string>;
  /** Stops renewing and gives the lock back; false when it was no longer ours. */
  release(): Promise<boolean>;
}

/**
 * Takes the lock and keeps it: renews the lease every third of its length until released. A
 * process that dies stops renewing, so the server frees the lock when the lease ends.
 */
export async function holdDeployLock(
  client: pg.Client,
  request: { project: string; environment: string; leaseSeconds: number; deploymentId?: number },
): Promise<HeldDeployLock | Extract<AcquireResult, { acquired: false }>> {
  const taken = await acquireDeployLock(client, request);
  if (!taken.acquired) return taken;
  const lock = { ...request, token: taken.token };
  let leaseUntil = taken.leaseUntil.getTime();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let markLost: (why: string) => void = () => {};
  const lost = new Promise<string>((resolve) => {
    markLost = (why) => {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      resolve(why);
    };
  });
  const renew = async () => {
    if (stopped) return;
    const sent = Date.now();
    try {
      if (await heartbeatDeployLock(client, lock)) {
        leaseUntil = sent + request.leaseSeconds * 1000;
      } else {
        markLost(`the lease on ${request.project}/${request.environment} ended before it was renewed`);
        return;
      }
    } catch (error) {
      if (Date.now() >= leaseUntil) {
        markLost(
          `the lease on ${request.project}/${request.environment} could not be renewed: ${error instanceof Error ? error.message : String(error)}`,
        );
        return;
      }
    }
    schedule();
  };
  const schedule = () => {
    if (!stopped) timer = setTimeout(() => void renew(), Math.max(200, (request.leaseSeconds * 1000) / 3));
  };
  schedule();
  return {
    token: taken.token,
    since: taken.since,
    lost,
    async release() {
      stopped = true;
      clearTimeout(timer);
      return releaseDeployLock(client, lock);
    },
  };
}
