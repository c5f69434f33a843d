// The team store on a real PostgreSQL server, as different login roles: the database itself refuses
// self-approval, approving as someone else, approving outside the environment's approvers, a second
// deploy lock, and changes to the audit log — whatever SQL a member sends.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLoginRoles,
  findPostgresBin,
  POSTGRES_MISSING,
  startPostgresCluster,
  type PostgresCluster,
} from '../../testing/postgres-cluster.ts';
import { appendTeamAudit, verifyTeamAudit } from './team-audit.ts';
import {
  acquireDeployLock,
  heartbeatDeployLock,
  holdDeployLock,
  liveDeployLocks,
  releaseDeployLock,
} from './team-locks.ts';
import { loadTeamMigrations, migrateTeamStore, readMigrationLevel } from './team-migrations.ts';
import { readTeamStatus } from './team-status.ts';

const bin = findPostgresBin();
const holderScript = join(import.meta.dirname, '..', '..', 'testing', 'team-lock-holder.ts');
if (!bin) console.warn(`team-store tests skipped: ${POSTGRES_MISSING}`);

describe.skipIf(!bin)('team store on PostgreSQL', () => {
  let cluster: PostgresCluster;
  const clients: pg.Client[] = [];
  let owner: pg.Client;
  let alice: pg.Client;
  let bob: pg.Client;
  let carol: pg.Client;

  async function as(role: string): Promise<pg.Client> {
    const client = await cluster.connect(role, role, 'team');
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    cluster = await startPostgresCluster(bin!);
    await createLoginRoles(cluster, ['cockpit_owner', 'alice', 'bob', 'carol']);
    await cluster.admin('CREATE ROLE cockpit_member NOLOGIN');
    await cluster.admin('CREATE ROLE release_managers NOLOGIN');
    await cluster.admin('GRANT cockpit_member TO alice, bob, carol');
    await cluster.admin('GRANT release_managers TO bob');
    await cluster.admin('CREATE DATABASE team OWNER cockpit_owner');
    owner = await as('cockpit_owner');
    const result = await migrateTeamStore(owner);
    expect(result).toMatchObject({ from: 0, to: loadTeamMigrations().length });
    await owner.query(
      "INSERT INTO cockpit.environment_approvers VALUES ('shop', 'production', 'release_managers')",
    );
    [alice, bob, carol] = await Promise.all([as('alice'), as('bob'), as('carol')]);
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.end().catch(() => {})));
    await cluster?.stop();
  });

  async function requestDeployment(client: pg.Client, environment = 'production'): Promise<string> {
    const { rows } = await client.query<{ id: string }>(
      "INSERT INTO cockpit.deployments (project, environment, version) VALUES ('shop', $1, 'v1.2.0') RETURNING id",
      [environment],
    );
    return rows[0]!.id;
  }

  describe('migrations', () => {
    it('are applied once, recorded with who applied them, and only by the schema owner', async () => {
      expect(await migrateTeamStore(owner)).toMatchObject({ applied: [] });
      const { rows } = await owner.query('SELECT version, name, applied_by FROM cockpit.schema_migrations');
      expect(rows).toEqual([{ version: 1, name: 'shared_record', applied_by: 'cockpit_owner' }]);
      await expect(migrateTeamStore(alice)).rejects.toThrow(
        /must be run by the schema owner "cockpit_owner"; you are connected as "alice"/,
      );
    });

    it('run by two owners at once apply each migration once', async () => {
      await cluster.admin('CREATE DATABASE race OWNER cockpit_owner');
      const [first, second] = await Promise.all([
        cluster.connect('cockpit_owner', 'cockpit_owner', 'race'),
        cluster.connect('cockpit_owner', 'cockpit_owner', 'race'),
      ]);
      clients.push(first, second);
      const results = await Promise.all([migrateTeamStore(first), migrateTeamStore(second)]);
      expect(results.map((result) => result.applied.length).sort()).toEqual([0, 1]);
      expect(results.map((result) => result.to)).toEqual([1, 1]);
      const { rows } = await first.query('SELECT version FROM cockpit.schema_migrations');
      expect(rows).toEqual([{ version: 1 }]);
    });

    it('refuse a schema newer than the client knows, changing nothing', async () => {
      await owner.query(
        "INSERT INTO cockpit.schema_migrations (version, name) VALUES (2, 'from_the_future')",
      );
      try {
        await expect(migrateTeamStore(owner)).rejects.toThrow(
          /migration level 2, newer than this cockpit knows \(1\)\. Update Release Cockpit/,
        );
        expect(await readMigrationLevel(owner, 1)).toMatchObject({ applied: 2, known: 1 });
      } finally {
        await owner.query('DELETE FROM cockpit.schema_migrations WHERE version = 2');
      }
    });
  });

  describe('actors are the login role', () => {
    it('defaults to session_user and cannot be set to anyone else, or changed', async () => {
      const id = await requestDeployment(alice);
      const { rows } = await alice.query<{ actor: string }>(
        'SELECT actor FROM cockpit.deployments WHERE id = $1',
        [id],
      );
      expect(rows[0]!.actor).toBe('alice');
      await expect(
        alice.query(
          "INSERT INTO cockpit.deployments (project, environment, version, actor) VALUES ('shop', 'production', 'v1', 'bob')",
        ),
      ).rejects.toThrow(/actor must be the connected role "alice", not "bob"/);
      await expect(
        alice.query("UPDATE cockpit.deployments SET actor = 'bob' WHERE id = $1", [id]),
      ).rejects.toThrow(/permission denied/);
      await expect(
        owner.query("UPDATE cockpit.deployments SET actor = 'bob' WHERE id = $1", [id]),
      ).rejects.toThrow(/actor of a recorded row cannot change/);
      // `SET ROLE` changes current_user, not session_user.
      await cluster.admin('GRANT bob TO carol');
      try {
        await carol.query('SET ROLE bob');
        const set = await carol.query<{ actor: string }>(
          "INSERT INTO cockpit.comments (deployment_id, body) VALUES ($1, 'looks fine') RETURNING actor",
          [id],
        );
        expect(set.rows[0]!.actor).toBe('carol');
      } finally {
        await carol.query('RESET ROLE');
        await cluster.admin('REVOKE bob FROM carol');
      }
    });

    it('lets only the requester move a deployment on', async () => {
      const id = await requestDeployment(alice);
      const byBob = await bob.query("UPDATE cockpit.deployments SET status = 'cancelled' WHERE id = $1", [
        id,
      ]);
      expect(byBob.rowCount).toBe(0); // row-level security: not bob's row
      const byAlice = await alice.query("UPDATE cockpit.deployments SET status = 'running' WHERE id = $1", [
        id,
      ]);
      expect(byAlice.rowCount).toBe(1);
    });
  });

  describe('four eyes', () => {
    const approve = (client: pg.Client, id: string, actor?: string) =>
      actor === undefined
        ? client.query('INSERT INTO cockpit.approvals (deployment_id) VALUES ($1)', [id])
        : client.query('INSERT INTO cockpit.approvals (deployment_id, actor) VALUES ($1, $2)', [id, actor]);

    it('refuses approving one’s own deployment, as someone else, or outside the approvers', async () => {
      const id = await requestDeployment(alice);
      await expect(approve(alice, id)).rejects.toThrow(
        /four eyes: "alice" requested deployment \d+ and cannot approve it/,
      );
      await expect(approve(carol, id)).rejects.toThrow(
        /"carol" is not an approver of shop\/production \(approvers: release_managers\)/,
      );
      await expect(approve(carol, id, 'bob')).rejects.toThrow(
        /actor must be the connected role "carol", not "bob"/,
      );
      await expect(approve(bob, id)).resolves.toMatchObject({ rowCount: 1 });
      await expect(approve(bob, id)).rejects.toThrow(/duplicate key/);
      await expect(bob.query('DELETE FROM cockpit.approvals')).rejects.toThrow(/permission denied/);
      // Even the owner, whom row-level security does not bind, cannot approve its own request.
      const ownerId = await requestDeployment(owner);
      await cluster.admin('GRANT release_managers TO cockpit_owner');
      try {
        await expect(approve(owner, ownerId)).rejects.toThrow(/four eyes/);
      } finally {
        await cluster.admin('REVOKE release_managers FROM cockpit_owner');
      }
    });

    it('holds by row-level security alone, without the trigger', async () => {
      const id = await requestDeployment(alice);
      await owner.query('ALTER TABLE cockpit.approvals DISABLE TRIGGER b_four_eyes');
      try {
        await expect(approve(alice, id)).rejects.toThrow(/row-level security policy for table "approvals"/);
        await expect(approve(carol, id)).rejects.toThrow(/row-level security policy for table "approvals"/);
        await expect(approve(bob, id)).resolves.toMatchObject({ rowCount: 1 });
      } finally {
        await owner.query('ALTER TABLE cockpit.approvals ENABLE TRIGGER b_four_eyes');
      }
    });

    it('follows the approver group: a role added to it may approve', async () => {
      const id = await requestDeployment(alice);
      await expect(approve(carol, id)).rejects.toThrow(/not an approver/);
      await cluster.admin('GRANT release_managers TO carol');
      try {
        await expect(approve(carol, id)).resolves.toMatchObject({ rowCount: 1 });
      } finally {
        await cluster.admin('REVOKE release_managers FROM carol');
      }
    });
  });

  describe('deploy locks', () => {
    it('50 concurrent attempts by two people: exactly one holder, shown with since', async () => {
      const attempts = await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const role = i % 2 === 0 ? 'alice' : 'bob';
          const client = await cluster.connect(role, role, 'team');
          try {
            return await acquireDeployLock(client, {
              project: 'shop',
              environment: 'production',
              leaseSeconds: 60,
            });
          } finally {
            await client.end();
          }
        }),
      );
      const winners = attempts.filter((attempt) => attempt.acquired);
      expect(winners).toHaveLength(1);
      const winner = winners[0]!;
      const holder = attempts.findIndex((attempt) => attempt.acquired) % 2 === 0 ? 'alice' : 'bob';
      for (const attempt of attempts) {
        if (!attempt.acquired) expect(attempt.holder).toBe(holder);
      }
      const live = await liveDeployLocks(carol);
      expect(live).toEqual([
        expect.objectContaining({ project: 'shop', environment: 'production', holder, since: winner.since }),
      ]);
      const status = await readTeamStatus(carol, 'test', 1);
      expect(status.locks.map((lock) => `${lock.environment}:${lock.holder}`)).toEqual([
        `production:${holder}`,
      ]);
      // Nobody else can give it back or change it, even with direct SQL.
      const other = holder === 'alice' ? bob : alice;
      await expect(other.query('DELETE FROM cockpit.deploy_locks')).rejects.toThrow(/permission denied/);
      expect(
        await releaseDeployLock(other, {
          project: 'shop',
          environment: 'production',
          token: winner.acquired ? winner.token : '',
        }),
      ).toBe(false);
      const holderClient = holder === 'alice' ? alice : bob;
      expect(
        await releaseDeployLock(holderClient, {
          project: 'shop',
          environment: 'production',
          token: winner.acquired ? winner.token : '',
        }),
      ).toBe(true);
      expect(await liveDeployLocks(carol)).toEqual([]);
    });

    it('a holder that stops heartbeating loses the lock when its lease ends', async () => {
      const lock = { project: 'shop', environment: 'staging', leaseSeconds: 1 };
      const first = await acquireDeployLock(alice, lock);
      expect(first.acquired).toBe(true);
      const token = first.acquired ? first.token : '';
      expect(await heartbeatDeployLock(alice, { ...lock, token })).toBe(true);
      const meanwhile = await acquireDeployLock(bob, { ...lock, leaseSeconds: 60 });
      expect(meanwhile).toMatchObject({ acquired: false, holder: 'alice' });
      // alice goes silent; wait on the server's own clock until the lease has ended.
      await bob.query(
        "SELECT pg_sleep(greatest(0, extract(epoch FROM (SELECT lease_until FROM cockpit.deploy_locks WHERE project = 'shop' AND environment = 'staging') - clock_timestamp())) + 0.05)",
      );
      const taken = await acquireDeployLock(bob, { ...lock, leaseSeconds: 60 });
      expect(taken).toMatchObject({ acquired: true });
      expect(await heartbeatDeployLock(alice, { ...lock, token })).toBe(false);
      expect(await releaseDeployLock(alice, { ...lock, token })).toBe(false);
      expect((await liveDeployLocks(carol)).map((l) => l.holder)).toEqual(['bob']);
      expect(await releaseDeployLock(bob, { ...lock, token: taken.acquired ? taken.token : '' })).toBe(true);
    });

    it('a holder that keeps renewing keeps the lock past its lease; killed with -9, it loses it when the lease ends', async () => {
      const leaseSeconds = 3;
      const child = spawn(process.execPath, [holderScript], {
        env: {
          ...process.env,
          COCKPIT_TEAM_URL: cluster.url('alice', 'alice', 'team'),
          LOCK_PROJECT: 'shop',
          LOCK_ENVIRONMENT: 'eu-production',
          LOCK_LEASE_SECONDS: String(leaseSeconds),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      try {
        const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
        expect(line).toMatch(/^held /);
        const lock = { project: 'shop', environment: 'eu-production', leaseSeconds: 60 };
        // Two whole leases later it is still alice's: the holder renews it.
        await bob.query('SELECT pg_sleep($1)', [leaseSeconds * 2]);
        expect(await acquireDeployLock(bob, lock)).toMatchObject({ acquired: false, holder: 'alice' });
        const before = await liveDeployLocks(carol);
        expect(before.find((l) => l.environment === 'eu-production')?.heartbeatAt.getTime()).toBeGreaterThan(
          before.find((l) => l.environment === 'eu-production')!.since.getTime(),
        );
        child.kill('SIGKILL');
        await once(child, 'exit');
        expect(await acquireDeployLock(bob, lock)).toMatchObject({ acquired: false, holder: 'alice' });
        await bob.query(
          "SELECT pg_sleep(greatest(0, extract(epoch FROM (SELECT lease_until FROM cockpit.deploy_locks WHERE project = 'shop' AND environment = 'eu-production') - clock_timestamp())) + 0.05)",
        );
        const taken = await acquireDeployLock(bob, lock);
        expect(taken).toMatchObject({ acquired: true });
        expect(await releaseDeployLock(bob, { ...lock, token: taken.acquired ? taken.token : '' })).toBe(
          true,
        );
      } finally {
        child.kill('SIGKILL');
      }
    });

    it('holdDeployLock reports the lock lost when its lease ran out before a renewal', async () => {
      const held = await holdDeployLock(alice, { project: 'shop', environment: 'dev', leaseSeconds: 1 });
      expect('token' in held).toBe(true);
      if (!('token' in held)) return;
      // Someone with the owner's rights clears the row: the next renewal finds it gone.
      await owner.query("DELETE FROM cockpit.deploy_locks WHERE environment = 'dev'");
      await expect(held.lost).resolves.toBe('the lease on shop/dev ended before it was renewed');
      expect(await held.release()).toBe(false);
    });

    it('notifies listeners of a change with the table and operation only', async () => {
      const listener = await as('carol');
      await listener.query('LISTEN cockpit_changes');
      const received = once(listener, 'notification') as Promise<[pg.Notification]>;
      const taken = await acquireDeployLock(alice, {
        project: 'shop',
        environment: 'notify',
        leaseSeconds: 60,
      });
      const [notification] = await received;
      // An upsert fires the statement triggers of both INSERT and UPDATE: either tells boards to refetch.
      expect(notification.channel).toBe('cockpit_changes');
      expect(notification.payload).toMatch(/^deploy_locks:(insert|update)$/);
      await releaseDeployLock(alice, {
        project: 'shop',
        environment: 'notify',
        token: taken.acquired ? taken.token : '',
      });
    });

    it('refuses a lease outside 1–3600 s', async () => {
      await expect(
        acquireDeployLock(alice, { project: 'shop', environment: 'qa', leaseSeconds: 0 }),
      ).rejects.toThrow(/a lease lasts 1 to 3600 seconds, not 0/);
    });
  });

  describe('audit log', () => {
    it('chains concurrent entries from several people, verifiable by any member', async () => {
      await Promise.all(
        [alice, bob, carol].map(async (client) => {
          for (let i = 0; i < 10; i++) {
            await appendTeamAudit(client, {
              action: 'deploy.requested',
              project: 'shop',
              details: { i, note: 'é ✓ 🚀' },
            });
          }
        }),
      );
      const verdict = await verifyTeamAudit(carol);
      expect(verdict).toMatchObject({ ok: true, entries: 30 });
      const { rows } = await alice.query<{ actor: string; n: string }>(
        'SELECT actor, count(*) AS n FROM cockpit.audit_log GROUP BY actor ORDER BY actor',
      );
      expect(rows).toEqual([
        { actor: 'alice', n: '10' },
        { actor: 'bob', n: '10' },
        { actor: 'carol', n: '10' },
      ]);
    });

    it('is append-only for members: by privilege, and by trigger if a privilege slips through', async () => {
      await appendTeamAudit(alice, { action: 'note' });
      await expect(alice.query("UPDATE cockpit.audit_log SET action = 'x'")).rejects.toThrow(
        /permission denied/,
      );
      await expect(alice.query('DELETE FROM cockpit.audit_log')).rejects.toThrow(/permission denied/);
      await expect(alice.query('TRUNCATE cockpit.audit_log')).rejects.toThrow(/permission denied/);
      await expect(
        alice.query(
          "INSERT INTO cockpit.audit_log (seq, at, action, prev_hash, hash, actor) VALUES (1, now(), 'x', '', '', 'bob')",
        ),
      ).rejects.toThrow(/actor must be the connected role "alice"/);
      await owner.query('GRANT UPDATE, DELETE, TRUNCATE ON cockpit.audit_log TO carol');
      try {
        await expect(carol.query("UPDATE cockpit.audit_log SET action = 'x'")).rejects.toThrow(
          /the audit log is append-only: "carol" cannot update/,
        );
        await expect(carol.query('DELETE FROM cockpit.audit_log')).rejects.toThrow(
          /append-only: "carol" cannot delete/,
        );
        await expect(carol.query('TRUNCATE cockpit.audit_log')).rejects.toThrow(
          /append-only: "carol" cannot truncate/,
        );
      } finally {
        await owner.query('REVOKE UPDATE, DELETE, TRUNCATE ON cockpit.audit_log FROM carol');
      }
      expect(await verifyTeamAudit(bob)).toMatchObject({ ok: true });
    });

    it('an entry changed or removed by the owner fails verification, naming it', async () => {
      await appendTeamAudit(bob, { action: 'deploy.finished', details: { ok: true } });
      await owner.query('UPDATE cockpit.audit_log SET details = \'{"i": 99}\' WHERE seq = 5');
      const changed = await verifyTeamAudit(alice);
      expect(changed).toMatchObject({ ok: false, seq: '5' });
      expect(changed.ok === false && changed.reason).toMatch(/^entry 5 was changed after it was written/);
      await owner.query('DELETE FROM cockpit.audit_log WHERE seq = 5');
      expect(await verifyTeamAudit(alice)).toMatchObject({
        ok: false,
        seq: '6',
        reason: 'entry 5 is missing (the next entry is 6)',
      });
    });
  });
});
