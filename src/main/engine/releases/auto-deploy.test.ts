// Continuous delivery end to end: a real repository, real ci and deploy pipeline runs, the real HTTP
// environments, SQLite — `auto_deploy` ships what ci passed on main, `auto_promote` promotes it after
// its soak (the kernel clock moved, never slept), and a pause holds both, visibly.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BoardCell, Deployment } from '../../../shared/domain/release.ts';
import { cleanupFixtures, git, writeFiles } from '../../testing/fixtures.ts';
import { releaseShop, type ReleaseShopOptions } from '../../testing/release-shop.ts';

afterEach(async () => {
  delete process.env.COCKPIT_USER;
  await cleanupFixtures();
});

const ciJobs = `      test: { run: 'test ! -f "$VERSION_DIR/fail-ci"' }
      build:
        needs: test
        run: mkdir -p dist && cp app.txt dist/app.txt
        artifacts: [dist/**]`;
const deployRun = [
  'E="$VERSION_DIR/$COCKPIT_DEPLOY_ENVIRONMENT"',
  'if [ -n "$COCKPIT_RELEASE_DIR" ]; then sha256sum "$COCKPIT_RELEASE_DIR/dist/app.txt" | cut -c1-64 > "$E.shipped"; else echo none > "$E.shipped"; fi',
  `printf '%s' "\${COCKPIT_DEPLOY_VERSION#v}" > "$E"`,
].join('; ');
const autoDeployStaging = '    auto_deploy: { after: ci, branch: main }\n';

async function shop(options: ReleaseShopOptions = {}) {
  const shop = await releaseShop({
    ciJobs,
    deployRun,
    files: { '.gitignore': 'dist/\n' },
    stagingKeys: autoDeployStaging,
    ...options,
  });
  const { engine, projectId } = shop;
  async function runCi() {
    const run = await engine.invoke('runs.start', { projectId, pipeline: 'ci' });
    return engine.waitForRun(run.id);
  }
  /** The automatic deployments (any environment), oldest first, each waited for to its end. */
  async function automatic(): Promise<Deployment[]> {
    const all = await engine.invoke('releases.list', { projectId });
    const auto = all.filter((d) => d.actor.startsWith('auto-')).sort((a, b) => a.id - b.id);
    return Promise.all(auto.map((d) => engine.waitForDeployment(d.id)));
  }
  async function cell(environment: string): Promise<BoardCell> {
    const board = await engine.invoke('releases.board', {});
    return board.rows[0]!.cells.find((c) => c.environment === environment)!;
  }
  return { ...shop, runCi, automatic, cell };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('auto_deploy', () => {
  it('deploys a commit to staging by itself once ci passes on main, audited with the rule', async () => {
    const { engine, projectId, repo, runCi, automatic, cell, versionDir } = await shop();
    engine.startBackgroundWork();
    // Wait for the event-driven deploy: each board change is a chance to look (no sleeps, no polls).
    const arrived = new Promise<Deployment>((resolve) => {
      const off = engine.events.on('releases.changed', () => {
        void engine.invoke('releases.list', { projectId, environment: 'staging' }).then((list) => {
          const found = list.find((d) => d.status === 'succeeded');
          if (found) {
            off();
            resolve(found);
          }
        });
      });
    });
    const run = await runCi();
    expect(run.status).toBe('success');
    const deployment = await arrived;
    expect(deployment).toMatchObject({
      environment: 'staging',
      kind: 'deploy',
      commit: git(repo, 'rev-parse', 'HEAD'),
      actor: 'auto-deploy (environments.staging.auto_deploy)',
      verification: 'verified',
    });
    // Built once: the release is ci's build.
    expect(deployment.build).toMatchObject({ source: 'release', builtByRun: run.id, builtByPipeline: 'ci' });
    expect(readFileSync(join(versionDir, 'staging.shipped'), 'utf8').trim()).toBe(sha256('three\n'));
    const detail = await engine.invoke('releases.get', { deploymentId: deployment.id });
    expect(detail.audit[0]).toMatchObject({
      action: 'deploy.requested',
      actor: 'auto-deploy (environments.staging.auto_deploy)',
    });
    expect((await cell('staging')).autoDeploy).toMatchObject({
      rule: 'environments.staging.auto_deploy',
      after: 'ci',
      branch: 'main',
      paused: null,
      state: 'deployed',
      message: `deployed ${deployment.version} (deployment #${deployment.id})`,
    });
    expect(await automatic()).toHaveLength(1);
  });

  it('does nothing for ci on another branch, or a failed ci', async () => {
    const { engine, repo, versionDir, runCi, automatic, cell } = await shop();
    git(repo, 'checkout', '-q', '-b', 'feature');
    writeFiles(repo, { 'app.txt': 'feature\n' });
    git(repo, 'commit', '-qam', 'feat: on a branch');
    expect((await runCi()).status).toBe('success');
    await engine.evaluateAutoDeploy();
    expect(await automatic()).toEqual([]);
    expect((await cell('staging')).autoDeploy).toMatchObject({
      state: 'idle',
      message: 'waiting for ci to pass on main',
    });

    git(repo, 'checkout', '-q', 'main');
    writeFileSync(join(versionDir, 'fail-ci'), '');
    expect((await runCi()).status).toBe('failed');
    await engine.evaluateAutoDeploy();
    expect(await automatic()).toEqual([]);
  });

  it('deploys a commit once, however often ci passes on it', async () => {
    const { engine, runCi, automatic, repo } = await shop();
    await runCi();
    await engine.evaluateAutoDeploy();
    await automatic();
    await runCi();
    await engine.evaluateAutoDeploy();
    await engine.evaluateAutoDeploy();
    const deployed = await automatic();
    expect(deployed.map((d) => [d.environment, d.commit])).toEqual([
      ['staging', git(repo, 'rev-parse', 'HEAD')],
    ]);

    // A new commit on main is new: it goes too.
    writeFiles(repo, { 'app.txt': 'four\n' });
    git(repo, 'commit', '-qam', 'feat: four');
    await runCi();
    await engine.evaluateAutoDeploy();
    expect((await automatic()).map((d) => d.commit)).toEqual([
      deployed[0]!.commit,
      git(repo, 'rev-parse', 'HEAD'),
    ]);
  });

  it('holds while paused, says by whom on the board, audits pause and resume, then deploys', async () => {
    const { engine, projectId, repo, runCi, automatic, cell, clock } = await shop();
    process.env.COCKPIT_USER = 'alice';
    const paused = await engine.invoke('releases.autoDeployPause', { projectId, environment: 'staging' });
    expect(paused.paused).toEqual({ by: 'alice', at: clock.now() });
    await runCi();
    await engine.evaluateAutoDeploy();
    expect(await automatic()).toEqual([]);
    const held = (await cell('staging')).autoDeploy!;
    expect(held.paused).toEqual({ by: 'alice', at: clock.now() });
    // What passed meanwhile is named, not hidden by the pause.
    const head = git(repo, 'rev-parse', '--short=7', 'HEAD');
    expect(held.message).toBe(`v1.1.0-1-g${head} waits: ci passed on main; not deployed while paused`);

    const resumed = await engine.invoke('releases.autoDeployResume', { projectId, environment: 'staging' });
    expect(resumed.paused).toBeNull();
    await engine.evaluateAutoDeploy();
    expect((await automatic()).map((d) => d.status)).toEqual(['succeeded']);
    const audit = await engine.invoke('audit.list', { projectId });
    const actions = audit.filter((e) => e.action.startsWith('auto_deploy.'));
    expect(actions.map((e) => [e.action, e.actor, e.subject])).toEqual(
      expect.arrayContaining([
        ['auto_deploy.paused', 'alice', 'staging'],
        ['auto_deploy.resumed', 'alice', 'staging'],
      ]),
    );
    await expect(
      engine.invoke('releases.autoDeployPause', { projectId, environment: 'production' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('shows a blocking gate on the board instead of deploying, and deploys once it passes', async () => {
    const { engine, runCi, automatic, cell, clock } = await shop({
      // Frozen until 11:00 on the shop's clock (Wednesday 10:00 UTC).
      stagingGates: '      freeze: [{ weekdays: [wed], from: "09:00", to: "11:00", timezone: UTC }]\n',
    });
    await runCi();
    await engine.evaluateAutoDeploy();
    expect(await automatic()).toEqual([]);
    const blocked = (await cell('staging')).autoDeploy!;
    expect(blocked.state).toBe('blocked');
    expect(blocked.message).toMatch(/^freeze — /);
    clock.advance(61 * 60_000);
    await engine.evaluateAutoDeploy();
    expect((await automatic()).map((d) => d.status)).toEqual(['succeeded']);
  });
});

describe('auto_promote', () => {
  it('promotes the same release to production once its soak passed (the kernel clock moved)', async () => {
    const { engine, projectId, runCi, automatic, cell, clock } = await shop({
      productionGates: '      soak: 30m\n',
      productionKeys: '    auto_promote: true\n',
    });
    await runCi();
    await engine.evaluateAutoDeploy();
    const [staging] = await automatic();
    expect(staging).toMatchObject({ environment: 'staging', status: 'succeeded', verification: 'verified' });

    clock.advance(10 * 60_000);
    await engine.evaluateAutoDeploy();
    expect(await automatic()).toHaveLength(1);
    expect((await cell('production')).autoDeploy).toMatchObject({
      rule: 'environments.production.auto_promote',
      kind: 'auto_promote',
      state: 'waiting',
      message: 'soak — healthy in staging for 10m of 30m; 20m to go',
    });

    // Paused: nothing is promoted once the soak passed, and the board names what waits.
    await engine.invoke('releases.autoDeployPause', { projectId, environment: 'production' });
    clock.advance(21 * 60_000);
    await engine.evaluateAutoDeploy();
    expect(await automatic()).toHaveLength(1);
    expect((await cell('production')).autoDeploy?.message).toBe(
      `${staging!.version} waits: not promoted from staging while paused`,
    );
    await engine.invoke('releases.autoDeployResume', { projectId, environment: 'production' });
    await engine.evaluateAutoDeploy();
    const [, production] = await automatic();
    expect(production).toMatchObject({
      environment: 'production',
      kind: 'promote',
      status: 'succeeded',
      actor: 'auto-promote (environments.production.auto_promote)',
      sourceEnvironment: 'staging',
      commit: staging!.commit,
      version: staging!.version,
    });
    expect(production!.build?.releaseId).toBe(staging!.build?.releaseId);
    expect(production!.build?.files.map((f) => f.sha256)).toEqual(staging!.build?.files.map((f) => f.sha256));
    // Promoted once.
    await engine.evaluateAutoDeploy();
    expect(await automatic()).toHaveLength(2);
  });
});
