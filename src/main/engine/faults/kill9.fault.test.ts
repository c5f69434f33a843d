// kill -9 at random moments — during a log flood, a deploy, a poll, a migration — of a real
// `cockpit` process. After each: PRAGMA integrity_check is ok, nothing that was committed is lost,
// work in progress is marked interrupted with its logs, no job process is left, locks are released.
// A few kills in the short profile; at least 30 with COCKPIT_FAULTS=long (docs/reliability.md).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../engine.ts';
import { createMemoryLogger } from '../kernel/diagnostics/logger.ts';
import { groupAlive } from '../kernel/process/process-group.ts';
import { loadMigrations, migrate } from '../kernel/store/migrate.ts';
import { openDatabase } from '../kernel/store/database.ts';
import { cleanupFixtures, gitRepo, onCleanup, tempDir } from '../../testing/fixtures.ts';
import {
  cockpitProcess,
  exited,
  recordFigures,
  SEED,
  seededRandom,
  times,
  waitFor,
} from '../../testing/faults.ts';
import { serveCockpit } from '../../testing/served-cockpit.ts';

afterEach(cleanupFixtures);

const random = seededRandom(SEED);
const kills: Record<string, number> = {};
let failures = 0;

/** One fault injection; a failed check counts into the run's figures before it fails the test. */
async function inject(scenario: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    failures++;
    throw error;
  } finally {
    kills[scenario] = (kills[scenario] ?? 0) + 1;
  }
}
const sleep = (ms: number) => new Promise((wake) => setTimeout(wake, ms));

afterAll(() => {
  const total = Object.values(kills).reduce((sum, n) => sum + n, 0);
  recordFigures('kill -9', { ...kills, total, failures });
});

/** A value from a read-only connection, or undefined when there is nothing (yet). */
function peek<T>(dataDir: string, sql: string): T | undefined {
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new BetterSqlite3(join(dataDir, 'cockpit.db'), { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 2000');
    return db.prepare<[], T>(sql).get();
  } catch {
    return undefined;
  } finally {
    db?.close();
  }
}

function expectIntegrity(dataDir: string): void {
  const db = new BetterSqlite3(join(dataDir, 'cockpit.db'));
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    db.close();
  }
}

/** The next start: recovery runs in createEngine. */
function restart(dataDir: string) {
  const engine = createEngine({
    dataDir,
    version: '0.0.0-test',
    host: 'test',
    logger: createMemoryLogger(),
    killGraceMs: 300,
  });
  onCleanup(() => engine.close());
  return engine;
}

/** Every stored log row points at bytes that are in its file. */
function expectLogRowsBacked(dataDir: string): void {
  const db = new BetterSqlite3(join(dataDir, 'cockpit.db'), { readonly: true });
  try {
    const rows = db
      .prepare<[], { file: string | null; end: number | null }>(
        `SELECT a.log_file AS file, max(c.byte_offset + c.byte_length) AS end
         FROM attempts a JOIN log_chunks c ON c.attempt_id = a.id GROUP BY a.id`,
      )
      .all();
    for (const row of rows) expect(statSync(row.file!).size).toBeGreaterThanOrEqual(row.end!);
  } finally {
    db.close();
  }
}

async function groupsGone(pgids: number[]): Promise<void> {
  await waitFor('the job processes to be gone', () => pgids.every((pgid) => !groupAlive(pgid)), 10_000);
}

const FLOOD = `version: 1
pipelines:
  flood:
    jobs:
      print:
        run: node -e "let i = 0; setInterval(() => { for (let j = 0; j < 500; j++) console.log('line ' + i++ + ' ' + 'x'.repeat(80)); }, 2)"
`;

describe('kill -9 at random moments', () => {
  it('during a log flood: the stored lines stay, the run is interrupted with its log, the job is ended', async () => {
    for (let n = 0; n < times(2, 8); n++) {
      await inject('logFlood', async () => {
        const repo = gitRepo({ 'cockpit.yml': FLOOD });
        const dataDir = tempDir('cockpit-fault-');
        const cli = cockpitProcess(dataDir, ['run', 'flood'], repo);
        await waitFor('the flood to be stored', () =>
          peek<{ n: number }>(
            dataDir,
            "SELECT log_lines AS n FROM attempts WHERE status = 'running' AND log_lines > 10",
          ),
        );
        await sleep(random() * 1500);
        const before = peek<{ lines: number; chunks: number; pgid: number }>(
          dataDir,
          'SELECT (SELECT sum(log_lines) FROM attempts) AS lines, (SELECT count(*) FROM log_chunks) AS chunks, (SELECT max(pgid) FROM attempts) AS pgid',
        )!;
        cli.kill('SIGKILL');
        await exited(cli);

        expectIntegrity(dataDir);
        const engine = restart(dataDir);
        await groupsGone([before.pgid]);
        const [run] = await engine.invoke('runs.list', {});
        expect(run!.status).toBe('interrupted');
        const detail = await engine.invoke('runs.get', { runId: run!.id });
        const attempt = detail.jobs[0]!.attempts[0]!;
        expect(attempt.status).toBe('interrupted');
        const after = peek<{ lines: number; chunks: number }>(
          dataDir,
          'SELECT (SELECT sum(log_lines) FROM attempts) AS lines, (SELECT count(*) FROM log_chunks) AS chunks',
        )!;
        expect(after.lines).toBeGreaterThanOrEqual(before.lines);
        expect(after.chunks).toBeGreaterThanOrEqual(before.chunks);
        expectLogRowsBacked(dataDir);
        const page = await engine.invoke('runs.logPage', { attemptId: attempt.id, fromLine: 0, count: 50 });
        expect(page.totalLines).toBeGreaterThanOrEqual(before.lines);
        expect(page.lines.some((line) => /^line \d+ x{80}$/.test(line.text))).toBe(true);
        await engine.close();
      });
    }
  });

  it('during a deploy: the deployment ends interrupted (or finished), its lock is free, the audit chain holds', async () => {
    const server = await versionServer();
    for (let n = 0; n < times(2, 8); n++) {
      await inject('deploy', async () => {
        const repo = gitRepo({
          'cockpit.yml': `version: 1
pipelines:
  release:
    deploy: { environment: staging }
    jobs:
      ship:
        run: |
          echo "shipping $COCKPIT_DEPLOY_VERSION"
          for i in 1 2 3 4 5 6 7 8; do echo "step $i"; sleep 0.2; done
environments:
  - name: staging
    url: http://127.0.0.1:${(server.address() as AddressInfo).port}/
`,
        });
        const dataDir = tempDir('cockpit-fault-');
        const cli = cockpitProcess(dataDir, ['deploy', 'staging'], repo);
        await waitFor('the deployment to be recorded', () =>
          peek<{ id: number }>(dataDir, 'SELECT id FROM deployments'),
        );
        await sleep(random() * 2500);
        const pgids = (
          peek<{ g: string | null }>(dataDir, 'SELECT group_concat(pgid) AS g FROM attempts')?.g ?? ''
        )
          .split(',')
          .filter(Boolean)
          .map(Number);
        const auditBefore = peek<{ n: number }>(dataDir, 'SELECT count(*) AS n FROM audit_log')!.n;
        cli.kill('SIGKILL');
        await exited(cli);

        expectIntegrity(dataDir);
        const engine = restart(dataDir);
        await groupsGone(pgids);
        const deployments = await engine.invoke('releases.list', {});
        expect(deployments).toHaveLength(1);
        expect(['interrupted', 'succeeded', 'failed']).toContain(deployments[0]!.status);
        // The lock (a running or verifying deployment per environment) is free.
        expect(
          peek<{ n: number }>(
            dataDir,
            "SELECT count(*) AS n FROM deployments WHERE status IN ('running', 'verifying', 'queued')",
          )!.n,
        ).toBe(0);
        const audit = await engine.invoke('audit.verify', {});
        expect(audit.ok).toBe(true);
        expect(audit.entries).toBeGreaterThanOrEqual(auditBefore);
        if (deployments[0]!.runId !== null) {
          const run = await engine.invoke('runs.get', { runId: deployments[0]!.runId });
          expect(['interrupted', 'success', 'failed']).toContain(run.status);
        }
        await engine.close();
      });
    }
  });

  it('during a poll: the checks stored before the kill are kept', async () => {
    const server = await versionServer();
    for (let n = 0; n < times(1, 7); n++) {
      await inject('poll', async () => {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
        const environments = ['a', 'b', 'c', 'd']
          .map(
            (name) => `  - name: ${name}\n    url: ${url}\n    interval: 1s\n    failures_before_down: 1\n`,
          )
          .join('');
        const repo = gitRepo({ 'cockpit.yml': `version: 1\nenvironments:\n${environments}` });
        const dataDir = tempDir('cockpit-fault-');
        const served = await serveCockpit(dataDir);
        expect((await served.call('projects.add', { path: repo })).ok).toBe(true);
        await waitFor(
          'checks to be stored',
          () => (peek<{ n: number }>(dataDir, 'SELECT count(*) AS n FROM check_results')?.n ?? 0) >= 4,
        );
        await sleep(random() * 2000);
        const before = peek<{ n: number }>(dataDir, 'SELECT count(*) AS n FROM check_results')!.n;
        served.child.kill('SIGKILL');
        await served.exited;

        expectIntegrity(dataDir);
        const engine = restart(dataDir);
        expect(
          peek<{ n: number }>(dataDir, 'SELECT count(*) AS n FROM check_results')!.n,
        ).toBeGreaterThanOrEqual(before);
        expect(await engine.invoke('environments.list', {})).toHaveLength(4);
        await engine.close();
      });
    }
  });

  it('during a migration: the database is at a whole version, with every row, and the next start finishes it', async () => {
    for (let n = 0; n < times(2, 8); n++) {
      await inject('migration', async () => {
        const dataDir = tempDir('cockpit-fault-');
        const rows = seedVersion6(dataDir);
        const cli = cockpitProcess(dataDir, ['projects', 'list'], dataDir);
        await sleep(300 + random() * 2500);
        cli.kill('SIGKILL');
        await exited(cli);

        expectIntegrity(dataDir);
        const version = peek<{ v: number }>(dataDir, 'SELECT user_version AS v FROM pragma_user_version')!.v;
        expect(version).toBeGreaterThanOrEqual(6);
        expect(version).toBeLessThanOrEqual(loadMigrations().length);
        expect(peek<{ n: number }>(dataDir, 'SELECT count(*) AS n FROM jobs')!.n).toBe(rows);
        const db = openDatabase(join(dataDir, 'cockpit.db'));
        expect(db.pragma('user_version', { simple: true })).toBe(loadMigrations().length);
        expect(db.prepare('SELECT count(*) FROM jobs').pluck().get()).toBe(rows);
        db.close();
      });
    }
  });
});

/** A database at schema version 6 with enough runs that migration 007's indexes take a while. */
function seedVersion6(dataDir: string): number {
  const db = new BetterSqlite3(join(dataDir, 'cockpit.db'));
  db.pragma('journal_mode = WAL');
  migrate(db, loadMigrations(), 6);
  const project = db
    .prepare(
      "INSERT INTO projects (name, path, added_at, config_status, checked_at) VALUES ('p', '/p', 1, 'ok', 1)",
    )
    .run().lastInsertRowid;
  const run = db.prepare(
    `INSERT INTO runs (project_id, pipeline, status, trigger, actor, queued_at, started_at, finished_at, definition)
     VALUES (?, 'ci', 'success', 'manual', 'me', ?, ?, ?, '{}')`,
  );
  const job = db.prepare("INSERT INTO jobs (run_id, name, position, status) VALUES (?, ?, ?, 'success')");
  const runs = 40_000;
  db.transaction(() => {
    for (let i = 0; i < runs; i++) {
      const id = run.run(project, i, i, i + 1).lastInsertRowid;
      for (let j = 0; j < 3; j++) job.run(id, `job-${j}`, j);
    }
  })();
  db.close();
  return runs * 3;
}

/** An environment that answers 200 with a version, for deploys and polls. */
async function versionServer(): Promise<Server> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"version":"1.0.0"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return server;
}
