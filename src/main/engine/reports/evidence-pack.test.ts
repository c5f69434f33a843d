// Evidence packs from a real deploy: a git repository, a real HTTP environment whose /version the
// deploy job changes, a secret, an artifact and a retried job — then the pack is unpacked with the
// system's tar and checked with sha256sum, as an auditor would.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../kernel/clock.ts';
import { openDatabase } from '../kernel/store/database.ts';
import { cleanupFixtures, gitRepo, onCleanup, tempDir } from '../../testing/fixtures.ts';
import { testEngine } from '../../testing/test-engine.ts';
import { deployedVersionServer } from '../../testing/release-shop.ts';
import { createReportService } from './report-service.ts';
import { doraSummary } from '../../testing/report-db.ts';

afterEach(cleanupFixtures);

const SECRET = 'hunter2-very-secret-token';

async function deployedShop() {
  const clock = manualClock(Date.UTC(2026, 10, 25, 10));
  const state = tempDir('cockpit-env-');
  const url = await deployedVersionServer(join(state, 'production'), '0.0.0');
  const repo = gitRepo({
    'app.txt': 'the app\n',
    'cockpit.yml': `version: 1
name: shop
pipelines:
  deploy:
    deploy: { environment: production, verify_timeout: 2s }
    env: { STATE: "${state}" }
    jobs:
      build:
        secrets: [DEPLOY_TOKEN]
        run: |
          echo "building with token $DEPLOY_TOKEN"
          mkdir -p dist && cp app.txt dist/app.txt
        artifacts: [dist/app.txt]
      release:
        needs: build
        retry: 1
        run: |
          if [ ! -f "$STATE/tried" ]; then touch "$STATE/tried"; echo "first try fails" >&2; exit 7; fi
          echo "releasing $COCKPIT_DEPLOY_VERSION"
          printf '%s' "$COCKPIT_DEPLOY_VERSION" > "$STATE/production"
environments:
  - name: production
    tier: production
    url: "${url}"
    failures_before_down: 1
    version: { json_pointer: /version, path: /version }
`,
  });
  const engine = testEngine({ clock, verifyPollMs: 50 });
  const project = await engine.invoke('projects.add', { path: repo });
  await engine.invoke('secrets.set', { projectId: project.id, name: 'DEPLOY_TOKEN', value: SECRET });
  const requested = await engine.invoke('releases.deploy', {
    projectId: project.id,
    environment: 'production',
  });
  const deployment = await engine.waitForDeployment(requested.id);
  expect(deployment).toMatchObject({ status: 'succeeded', verification: 'verified' });
  const detail = await engine.invoke('releases.get', { deploymentId: deployment.id });
  const run = await engine.invoke('runs.get', { runId: deployment.runId! });

  // A second connection, as another process (or the lead's composition root) would have.
  const db = openDatabase(engine.info().databasePath);
  onCleanup(() => {
    db.close();
  });
  const environmentId = db
    .prepare<[number], number>("SELECT id FROM environments WHERE project_id = ? AND name = 'production'")
    .pluck()
    .get(project.id)!;
  // An incident that overlaps the deploy, and one long before it (outside the pack's hour either side).
  const insertIncident = db.prepare(
    'INSERT INTO incidents (environment_id, opened_at, closed_at, first_error) VALUES (?, ?, ?, ?)',
  );
  insertIncident.run(
    environmentId,
    clock.now() - 30 * 60_000,
    clock.now() + 5 * 60_000,
    'HTTP 503 during deploy',
  );
  insertIncident.run(environmentId, clock.now() - 5 * 3_600_000, clock.now() - 4 * 3_600_000, 'long before');

  const dataDir = engine.info().dataDir;
  const reports = createReportService({
    db,
    clock,
    dataDir,
    listProjects: () => [{ id: project.id, name: project.name, path: repo }],
    deployment: (id) => {
      if (id !== detail.id) throw new Error(`unexpected deployment ${id}`);
      return detail;
    },
    run: (id) => {
      if (id !== run.id) throw new Error(`unexpected run ${id}`);
      return run;
    },
    dora: ({ range, projectId }) => doraSummary(range, projectId ?? null),
  });
  return { engine, clock, dataDir, detail, run, reports, repo, db };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

describe('evidence packs', () => {
  it('packs a real deploy: record, notes, audit, run, masked logs, artifact hashes, health; checksums verify', async () => {
    const { engine, dataDir, detail, run, reports } = await deployedShop();
    const pack = await reports.evidence(detail.id);

    const stem = `deployment-${detail.id}-${detail.version}`;
    expect(pack.path).toBe(join(dataDir, 'evidence', `${stem}.tar.gz`));
    const archive = readFileSync(pack.path);
    expect(pack.bytes).toBe(archive.length);
    expect(pack.sha256).toBe(createHash('sha256').update(archive).digest('hex'));
    expect(statSync(pack.path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'evidence')).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(dataDir, 'evidence'))).toEqual([`${stem}.tar.gz`]); // no partial file left
    expect(pack.files).toEqual(
      [
        'README.txt',
        'artifacts.sha256',
        'audit.json',
        'deployment.json',
        'health.json',
        'release-notes.md',
        'run.json',
        'shipped.sha256',
        'logs/build/attempt-1.log',
        'logs/release/attempt-1.log',
        'logs/release/attempt-2.log',
        'checksums.sha256',
      ].map((name) => `${stem}/${name}`),
    );

    const out = tempDir('cockpit-unpacked-');
    execFileSync('tar', ['-xzf', pack.path, '-C', out]);
    const root = join(out, stem);
    expect(filesUnder(root)).toEqual(pack.files.map((name) => name.slice(stem.length + 1)).sort());
    const check = execFileSync('sha256sum', ['-c', 'checksums.sha256'], { cwd: root, encoding: 'utf8' });
    expect(check.trim().split('\n')).toHaveLength(pack.files.length - 1);
    expect(check).not.toMatch(/FAILED/);

    // The logs are the stored, masked lines: the secret never appears anywhere in the pack.
    const read = (name: string) => readFileSync(join(root, name), 'utf8');
    expect(read('logs/build/attempt-1.log')).toContain('building with token ***');
    expect(read('logs/release/attempt-1.log')).toContain('first try fails');
    expect(read('logs/release/attempt-2.log')).toContain(`releasing ${detail.version}`);
    for (const name of filesUnder(root)) expect(read(name)).not.toContain(SECRET);

    const deployment = JSON.parse(read('deployment.json')) as typeof detail;
    expect(deployment).toEqual(detail);
    expect(read('release-notes.md')).toBe(detail.releaseNotes);

    const audit = JSON.parse(read('audit.json')) as {
      entries: { action: string; hashMatches: boolean }[];
      chain: { ok: boolean; headId: number | null; headHash: string | null };
    };
    expect(audit.entries.map((entry) => entry.action)).toEqual([
      'deploy.requested',
      'deploy.started',
      'deploy.finished',
    ]);
    expect(audit.entries.every((entry) => entry.hashMatches)).toBe(true);
    // The chain's head at export, to compare with the log later.
    const [head] = await engine.invoke('audit.list', { limit: 1 });
    expect(audit.chain).toMatchObject({ ok: true, headId: head!.id, headHash: head!.hash });

    const runRecord = JSON.parse(read('run.json')) as {
      id: number;
      jobs: {
        name: string;
        attempts: { number: number; exitCode: number; durationMs: number; log: string }[];
      }[];
    };
    expect(runRecord.id).toBe(run.id);
    const release = runRecord.jobs.find((job) => job.name === 'release')!;
    expect(release.attempts.map((a) => [a.number, a.exitCode, a.log])).toEqual([
      [1, 7, 'logs/release/attempt-1.log'],
      [2, 0, 'logs/release/attempt-2.log'],
    ]);
    expect(release.attempts.every((a) => typeof a.durationMs === 'number')).toBe(true);

    const artifact = run.jobs.find((job) => job.name === 'build')!.artifacts[0]!;
    expect(artifact.sha256).toBe(createHash('sha256').update('the app\n').digest('hex'));
    expect(read('artifacts.sha256')).toBe(`${artifact.sha256}  build/dist/app.txt\n`);
    // No run built the commit before: the deploy pipeline built it, and what it kept is what shipped.
    expect(read('shipped.sha256')).toBe(`${artifact.sha256}  dist/app.txt\n`);
    expect(read('README.txt')).toContain('Shipped:      built at deploy time (1 file)');

    const health = JSON.parse(read('health.json')) as {
      environment: string;
      tier: string;
      checks: { state: string; version: string | null }[];
      incidents: { firstError: string }[];
    };
    expect(health).toMatchObject({ environment: 'production', tier: 'production' });
    expect(health.checks.length).toBeGreaterThan(0);
    expect(health.checks.at(-1)).toMatchObject({ state: 'up', version: detail.version });
    expect(health.incidents.map((incident) => incident.firstError)).toEqual(['HTTP 503 during deploy']);

    const readme = read('README.txt');
    expect(readme).toContain(`Evidence pack: deployment #${detail.id}`);
    expect(readme).toContain('sha256sum -c checksums.sha256');

    // Exporting again replaces the pack with identical bytes (same clock, same records).
    const again = await reports.evidence(detail.id);
    expect(again.sha256).toBe(pack.sha256);
  });

  it('marks an audit entry whose stored bytes were changed (a duplicate key in its detail)', async () => {
    const { db, detail, reports } = await deployedShop();
    const [requested] = detail.audit;
    db.exec('DROP TRIGGER audit_log_no_update');
    const stored = db
      .prepare('SELECT detail FROM audit_log WHERE id = ?')
      .pluck()
      .get(requested!.id) as string;
    const forged = stored.replace('{', '{"deploymentId":999,');
    expect(JSON.parse(forged)).toEqual(JSON.parse(stored)); // one reader sees 999, JSON.parse does not
    db.prepare('UPDATE audit_log SET detail = ? WHERE id = ?').run(forged, requested!.id);

    const pack = await reports.evidence(detail.id);
    const out = tempDir('cockpit-unpacked-');
    execFileSync('tar', ['-xzf', pack.path, '-C', out]);
    const audit = JSON.parse(
      readFileSync(join(out, `deployment-${detail.id}-${detail.version}`, 'audit.json'), 'utf8'),
    ) as { entries: { id: number; hashMatches: boolean }[]; chain: { ok: boolean; firstBadId: number } };
    expect(audit.entries.map((entry) => [entry.id, entry.hashMatches])).toEqual(
      detail.audit.map((entry) => [entry.id, entry.id !== requested!.id]),
    );
    expect(audit.chain).toMatchObject({ ok: false, firstBadId: requested!.id });
  });

  it('refuses a deployment that has not ended', async () => {
    const { detail, run } = await deployedShop();
    const db = openDatabase(join(tempDir('cockpit-data-'), 'cockpit.db'));
    onCleanup(() => {
      db.close();
    });
    const reports = createReportService({
      db,
      clock: manualClock(),
      dataDir: tempDir('cockpit-data-'),
      listProjects: () => [],
      deployment: () => ({ ...detail, status: 'running' }),
      run: () => run,
      dora: ({ range }) => doraSummary(range, null),
    });
    await expect(reports.evidence(detail.id)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('still running') as string,
    });
  });
});
