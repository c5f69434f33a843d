// Releases built once, end to end: a real repository whose ci pipeline builds dist/, real runs, real
// deploy jobs that read COCKPIT_RELEASE_DIR, the blob store on disk, and SQLite.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isCockpitError } from '../../../shared/errors.ts';
import { cleanupFixtures, tempDir } from '../../testing/fixtures.ts';
import { releaseShop } from '../../testing/release-shop.ts';
import { openDatabase } from '../kernel/store/database.ts';
import { loadMigrations, migrate } from '../kernel/store/migrate.ts';
import BetterSqlite3 from 'better-sqlite3';

afterEach(cleanupFixtures);

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

// ci builds dist/ from app.txt; the deploy job says what it was given: the release directory's
// app.txt checksum and version, or "none" (it then builds, and keeps what it built).
const ciJobs = `      test: { run: 'test ! -f "$VERSION_DIR/fail-ci"' }
      build:
        needs: test
        run: mkdir -p dist && cp app.txt dist/app.txt && printf ci > dist/built-by
        artifacts: [dist/**]`;
const deployRun = [
  'E="$VERSION_DIR/$COCKPIT_DEPLOY_ENVIRONMENT"',
  'if [ -n "$COCKPIT_RELEASE_DIR" ]; then sha256sum "$COCKPIT_RELEASE_DIR/dist/app.txt" | cut -c1-64 > "$E.shipped"; printf %s "$COCKPIT_RELEASE_VERSION" > "$E.release"; ls -R "$COCKPIT_RELEASE_DIR" > /dev/null; printf %s "$COCKPIT_RELEASE_DIR" > "$E.dir"; else echo none > "$E.shipped"; mkdir -p dist && cp app.txt dist/app.txt; fi',
  `printf '%s' "\${COCKPIT_DEPLOY_VERSION#v}" > "$E"`,
].join('; ');

const shop = () => releaseShop({ ciJobs, deployRun, files: { '.gitignore': 'dist/\n' } });

describe('releases built once', () => {
  it('captures the ci build, ships it to staging and promotes the same build to production', async () => {
    const { engine, projectId, versionDir, passCi, deployed, repo } = await shop();
    await passCi();
    const staging = await deployed(engine.invoke('releases.deploy', { projectId, environment: 'staging' }));
    expect(staging).toMatchObject({ status: 'succeeded', verification: 'verified' });
    const appSha = sha256('three\n');
    expect(staging.build).toMatchObject({
      source: 'release',
      builtByPipeline: 'ci',
      files: [
        { path: 'dist/app.txt', size: 6, sha256: appSha },
        { path: 'dist/built-by', size: 2, sha256: sha256('ci') },
      ],
    });
    // The job got the release's files (not a rebuild) and its version, through variables.
    expect(readFileSync(join(versionDir, 'staging.shipped'), 'utf8').trim()).toBe(appSha);
    expect(readFileSync(join(versionDir, 'staging.release'), 'utf8')).toBe(staging.version);
    // The release directory is gone once the deploy ended.
    expect(existsSync(readFileSync(join(versionDir, 'staging.dir'), 'utf8'))).toBe(false);

    // Someone changes app.txt in the checkout: promotion still ships what staging got.
    writeFileSync(join(repo, 'app.txt'), 'four, uncommitted\n');
    const production = await deployed(engine.invoke('releases.promote', { projectId, from: 'staging' }));
    expect(production).toMatchObject({ status: 'succeeded', kind: 'promote', commit: staging.commit });
    expect(production.build?.releaseId).toBe(staging.build?.releaseId);
    expect(production.build?.files).toEqual(staging.build?.files);
    expect(readFileSync(join(versionDir, 'production.shipped'), 'utf8').trim()).toBe(appSha);

    const builds = await engine.invoke('releases.builds', { projectId });
    expect(builds).toHaveLength(1);
    expect(builds[0]).toMatchObject({ version: staging.version, commit: staging.commit, pipeline: 'ci' });
    // Each file is a read-only blob named by its SHA-256.
    const blob = join(engine.info().dataDir, 'blobs', 'sha256', appSha.slice(0, 2), appSha.slice(2));
    expect(readFileSync(blob, 'utf8')).toBe('three\n');
    expect(statSync(blob).mode & 0o777).toBe(0o400);
  });

  it('says "built at deploy time" when no run built the commit, with what the deploy run kept', async () => {
    const { engine, projectId, versionDir, deployed } = await shop();
    const preview = await engine.invoke('releases.preview', {
      projectId,
      environment: 'staging',
      version: 'v1.0.0',
    });
    expect(preview.build).toMatchObject({ source: 'deploy_time', files: [] });
    const deployment = await deployed(
      engine.invoke('releases.deploy', { projectId, environment: 'staging', version: 'v1.0.0' }),
    );
    expect(deployment.status).toBe('succeeded');
    expect(deployment.build).toMatchObject({ source: 'deploy_time', releaseId: null, builtByRun: null });
    expect(readFileSync(join(versionDir, 'staging.shipped'), 'utf8').trim()).toBe('none');
    expect(await engine.invoke('releases.builds', { projectId })).toEqual([]);
  });

  it('previews the run a release will be captured from, and captures a commit once', async () => {
    const { engine, projectId, passCi } = await shop();
    await passCi();
    const runs = await engine.invoke('runs.list', { projectId });
    const ci = runs.find((run) => run.pipeline === 'ci')!;
    const preview = await engine.invoke('releases.preview', { projectId, environment: 'staging' });
    expect(preview.build).toMatchObject({ source: 'release', releaseId: null, builtByRun: ci.id });
    expect(preview.build.files.map((file) => file.path)).toEqual(['dist/app.txt', 'dist/built-by']);
    const first = await engine.invoke('releases.capture', { projectId, runId: ci.id });
    const again = await engine.invoke('releases.capture', { projectId, runId: ci.id });
    expect(again.id).toBe(first.id);
    expect(again.files).toEqual(first.files);
  });

  it('refuses to capture a failed run or one of a working tree with uncommitted changes', async () => {
    const { engine, projectId, repo, versionDir } = await shop();
    writeFileSync(join(versionDir, 'fail-ci'), '');
    const failed = await engine.invoke('runs.start', { projectId, pipeline: 'ci' });
    await engine.waitForRun(failed.id);
    await expect(engine.invoke('releases.capture', { projectId, runId: failed.id })).rejects.toThrow(
      /ended failed: only a successful run's build is released/,
    );
    rmSync(join(versionDir, 'fail-ci'));
    writeFileSync(join(repo, 'app.txt'), 'dirty\n');
    const dirty = await engine.invoke('runs.start', { projectId, pipeline: 'ci' });
    await engine.waitForRun(dirty.id);
    await expect(engine.invoke('releases.capture', { projectId, runId: dirty.id })).rejects.toThrow(
      /uncommitted changes/,
    );
    await expect(engine.invoke('releases.capture', { projectId, runId: 9999 })).rejects.toThrow(
      /no run #9999/,
    );
  });

  it('refuses to ship a release whose stored file was damaged on disk', async () => {
    const { engine, projectId, passCi, deployed } = await shop();
    await passCi();
    const runs = await engine.invoke('runs.list', { projectId });
    const release = await engine.invoke('releases.capture', {
      projectId,
      runId: runs.find((run) => run.pipeline === 'ci')!.id,
    });
    const file = release.files[0]!;
    const blob = join(
      engine.info().dataDir,
      'blobs',
      'sha256',
      file.sha256.slice(0, 2),
      file.sha256.slice(2),
    );
    chmodSync(blob, 0o600);
    writeFileSync(blob, 'tampered\n');
    const deployment = await deployed(
      engine.invoke('releases.deploy', { projectId, environment: 'staging' }),
    );
    expect(deployment.status).toBe('failed');
    expect(deployment.verificationDetail).toMatch(/damaged: its content hashes to/);
    expect(deployment.runId).toBeNull(); // nothing was shipped
    expect(readdirSync(join(engine.info().dataDir, 'release-dirs'))).toEqual([]);
  });
});

describe('release candidates', () => {
  it('lists tags, HEAD and what was live, with CI status, release, where live since when, and earlier here', async () => {
    const { engine, projectId, passCi, deployed, clock } = await shop();
    await deployed(
      engine.invoke('releases.deploy', { projectId, environment: 'staging', version: 'v1.0.0' }),
    );
    clock.advance(60_000);
    await passCi();
    const head = await deployed(engine.invoke('releases.deploy', { projectId, environment: 'staging' }));
    const list = await engine.invoke('releases.candidates', { projectId, environment: 'staging' });
    expect(list.map((c) => c.version)).toEqual([head.version, 'v1.1.0', 'v1.0.0']);
    const [top, , old] = list;
    expect(top).toMatchObject({
      head: true,
      commit: head.commit,
      subject: 'fix: three',
      ci: { pipeline: 'ci', status: 'success' },
      liveIn: [{ environment: 'staging', since: head.finishedAt }],
      wasLiveHere: false,
      release: { id: head.build!.releaseId!, files: 2 },
    });
    expect(old).toMatchObject({ ci: null, liveIn: [], wasLiveHere: true, release: null, head: false });
    const forProduction = await engine.invoke('releases.candidates', {
      projectId,
      environment: 'production',
    });
    expect(forProduction.find((c) => c.version === 'v1.0.0')?.wasLiveHere).toBe(false);
    await expect(engine.invoke('releases.candidates', { projectId, environment: 'qa' })).rejects.toThrow(
      /no environment "qa"/,
    );
  });
});

describe('rollback gates', () => {
  it('skips the gates the policy lists for rollbacks, shown as skipped; deploys still go by them', async () => {
    const { engine, projectId, deployed } = await releaseShop({
      productionGates: '      soak: 1h\n      rollback: { skip: [soak] }\n',
    });
    const override = { reason: 'first deploys of this test project' };
    for (const version of ['v1.0.0', 'v1.1.0']) {
      const done = await deployed(
        engine.invoke('releases.deploy', { projectId, environment: 'production', version, override }),
      );
      expect(done.status).toBe('succeeded');
    }
    const rollback = await engine.invoke('releases.preview', {
      projectId,
      environment: 'production',
      kind: 'rollback',
    });
    expect(rollback.version).toBe('v1.0.0');
    expect(rollback.gates).toEqual([
      {
        gate: 'soak',
        passed: true,
        detail: 'skipped for rollbacks (gates.rollback.skip)',
        blocks: false,
        skipped: true,
      },
    ]);
    expect(rollback.override.needed).toBe(false);
    const deploy = await engine.invoke('releases.preview', {
      projectId,
      environment: 'production',
      version: 'v1.0.0',
    });
    expect(deploy.gates.find((gate) => gate.gate === 'soak')).toMatchObject({ passed: false, blocks: true });
    const back = await deployed(engine.invoke('releases.rollback', { projectId, environment: 'production' }));
    expect(back).toMatchObject({ status: 'succeeded', kind: 'rollback', version: 'v1.0.0', override: null });
  });
});

describe('migration release_builds', () => {
  it('keeps deployments, adds releases that refuse edits, and a project takes its releases with it', () => {
    const migrations = loadMigrations();
    const index = migrations.findIndex((m) => m.name.includes('release_builds'));
    expect(index).toBeGreaterThan(0);
    const path = join(tempDir(), 'cockpit.db');
    const old = new BetterSqlite3(path);
    migrate(old, migrations, index);
    old.exec(`INSERT INTO projects (id, name, path, added_at, config_status, checked_at) VALUES (1, 'shop', '/srv/shop', 1, 'ok', 1);
      INSERT INTO deployments (project_id, environment, kind, version, commit_sha, pipeline, actor, status, requested_at)
      VALUES (1, 'staging', 'deploy', 'v1', 'abc', 'deploy', 'ann', 'succeeded', 1);`);
    old.close();
    const db = openDatabase(path);
    expect(db.prepare('SELECT build_source, release_id FROM deployments').get()).toEqual({
      build_source: null,
      release_id: null,
    });
    db.exec(`INSERT INTO releases (project_id, version, commit_sha, run_id, pipeline, captured_by, captured_at)
      VALUES (1, 'v1', 'abc', 7, 'ci', 'ann', 1);
      INSERT INTO release_files (release_id, path, size, sha256) VALUES (1, 'dist/a', 1, '${'a'.repeat(64)}');`);
    expect(() => db.exec("UPDATE release_files SET sha256 = 'b' WHERE release_id = 1")).toThrow(
      /a release is immutable/,
    );
    expect(() => db.exec("UPDATE releases SET version = 'v2'")).toThrow(/a release is immutable/);
    expect(() =>
      db.exec(`INSERT INTO releases (project_id, version, commit_sha, run_id, pipeline, captured_by, captured_at)
        VALUES (1, 'v1-again', 'abc', 8, 'ci', 'bob', 2)`),
    ).toThrow(/UNIQUE/);
    db.exec('DELETE FROM projects');
    expect(db.prepare('SELECT COUNT(*) FROM release_files').pluck().get()).toBe(0);
    db.close();
  });
});

describe('capture errors are data', () => {
  it('names the run that cannot be captured', async () => {
    const { engine, projectId } = await shop();
    try {
      await engine.invoke('releases.capture', { projectId, runId: 4242 });
      expect.unreachable();
    } catch (error) {
      expect(isCockpitError(error) && error.code).toBe('NOT_FOUND');
    }
  });
});
