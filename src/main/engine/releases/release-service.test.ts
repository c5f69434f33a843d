// Deployments through the engine's protocol, end to end: a real git repository with tags, a real HTTP
// service whose version the deploy pipeline changes, real pipeline runs, real worktrees, SQLite.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GateResult } from '../../../shared/domain/release.ts';
import { identityOf } from '../kernel/process/process-identity.ts';
import { openDatabase } from '../kernel/store/database.ts';
import { loadMigrations } from '../kernel/store/migrate.ts';
import { cleanupFixtures, git, onCleanup, writeFiles } from '../../testing/fixtures.ts';
import { configText, gateFailure, releaseShop } from '../../testing/release-shop.ts';
import { testEngine } from '../../testing/test-engine.ts';

afterEach(async () => {
  delete process.env.COCKPIT_USER;
  await cleanupFixtures();
});

const setup = releaseShop;

describe('deployments', () => {
  it('records a deploy of HEAD, runs it in the checkout, and verifies the version the environment reports', async () => {
    const { engine, projectId, repo, versionDir, deployed } = await setup();
    const head = git(repo, 'rev-parse', 'HEAD');
    const deployment = await deployed(
      engine.invoke('releases.deploy', { projectId, environment: 'staging' }),
    );
    expect(deployment).toMatchObject({
      status: 'succeeded',
      verification: 'verified',
      environment: 'staging',
      kind: 'deploy',
      commit: head,
      version: expect.stringMatching(/^v1\.1\.0-1-g[0-9a-f]{7}$/) as string,
      pipeline: 'deploy',
      params: { target: 'staging' },
    });
    expect(deployment.verificationDetail).toBe(`staging reports ${deployment.version.slice(1)}`);
    expect(deployment.runId).not.toBeNull();
    expect(deployment.actor.length).toBeGreaterThan(0);
    expect(deployment.finishedAt).not.toBeNull();
    expect(readFileSync(join(versionDir, 'staging.cwd'), 'utf8').trim()).toBe(repo);
    const detail = await engine.invoke('releases.get', { deploymentId: deployment.id });
    expect(detail.releaseNotes).toContain('three');
    expect(detail.audit.map((entry) => entry.action)).toEqual([
      'deploy.requested',
      'deploy.started',
      'deploy.finished',
    ]);
  });

  it('deploys another version in a temporary worktree and leaves the checkout untouched', async () => {
    const { engine, projectId, repo, versionDir, deployed } = await setup();
    writeFiles(repo, { 'app.txt': 'local edits in progress\n' });
    const before = git(repo, 'status', '--porcelain');
    const head = git(repo, 'rev-parse', 'HEAD');
    const deployment = await deployed(
      engine.invoke('releases.deploy', { projectId, environment: 'staging', version: 'v1.0.0' }),
    );
    expect(deployment).toMatchObject({ status: 'succeeded', verification: 'verified', version: 'v1.0.0' });
    const cwd = readFileSync(join(versionDir, 'staging.cwd'), 'utf8').trim();
    expect(cwd).not.toBe(repo);
    expect(cwd).toContain('worktrees');
    expect(existsSync(cwd)).toBe(false); // removed afterwards
    expect(git(repo, 'rev-parse', 'HEAD')).toBe(head);
    expect(git(repo, 'status', '--porcelain')).toBe(before);
    expect(readFileSync(join(repo, 'app.txt'), 'utf8')).toBe('local edits in progress\n');
    expect(git(repo, 'worktree', 'list').split('\n')).toHaveLength(1);
  });

  it('accepts a version without its "v", and refuses one that names nothing', async () => {
    const { engine, projectId } = await setup();
    const preview = await engine.invoke('releases.preview', {
      projectId,
      environment: 'staging',
      version: '1.0.0',
    });
    expect(preview).toMatchObject({ version: 'v1.0.0', inWorktree: true, gates: [] });
    await expect(
      engine.invoke('releases.deploy', { projectId, environment: 'staging', version: 'v9.9.9' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('"v9.9.9" is not a tag, branch, commit or version') as string,
    });
    await expect(engine.invoke('releases.deploy', { projectId, environment: 'qa' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('environments: staging, production') as string,
    });
  });

  it('says "not verified" when the environment keeps reporting the old version', async () => {
    const { engine, projectId, deployed } = await setup({ deployRun: 'true' });
    const deployment = await deployed(
      engine.invoke('releases.deploy', { projectId, environment: 'staging' }),
    );
    expect(deployment.status).toBe('succeeded');
    expect(deployment.verification).toBe('not_verified');
    expect(deployment.verificationDetail).toMatch(/^not verified: staging still reports 0\.0\.0 after 2 s$/);
    expect(deployment.reportedVersion).toBe('0.0.0');
  });

  it('records a failed deploy pipeline as a failed deployment', async () => {
    const { engine, projectId, deployed } = await setup({ deployRun: 'exit 3' });
    const deployment = await deployed(
      engine.invoke('releases.deploy', { projectId, environment: 'staging' }),
    );
    expect(deployment).toMatchObject({ status: 'failed', runStatus: 'failed', verification: 'not_verified' });
    const board = await engine.invoke('releases.board', {});
    expect(board.rows[0]!.cells[0]!.lastProblem).toMatch(/failed \(run #\d+\)/);
  });

  it('holds one deploy per environment: a second is refused naming the holder, or queued', async () => {
    const { engine, projectId, versionDir, deployed } = await setup();
    writeFileSync(join(versionDir, 'hold'), '');
    process.env.COCKPIT_USER = 'alice';
    const first = await engine.invoke('releases.deploy', {
      projectId,
      environment: 'staging',
      version: 'v1.0.0',
    });
    process.env.COCKPIT_USER = 'bob';
    await expect(
      engine.invoke('releases.deploy', { projectId, environment: 'staging' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(
        /staging is being deployed by alice since \d{4}-.*deployment #\d+/,
      ) as string,
    });
    const queued = await engine.invoke('releases.deploy', { projectId, environment: 'staging', queue: true });
    expect(queued.status).toBe('queued');
    // Another environment is not locked.
    const other = await engine.invoke('releases.deploy', {
      projectId,
      environment: 'production',
      version: 'v1.0.0',
    });
    expect(other.status).toBe('running');
    rmSync(join(versionDir, 'hold'));
    expect((await engine.waitForDeployment(first.id)).status).toBe('succeeded');
    await engine.waitForDeployment(other.id);
    // The queued one starts when the lock frees.
    for (
      let i = 0;
      i < 100 && (await engine.invoke('releases.get', { deploymentId: queued.id })).status === 'queued';
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const done = await deployed(Promise.resolve(queued));
    expect(done).toMatchObject({ status: 'succeeded', verification: 'verified', actor: 'bob' });
  });

  it('refuses to cancel a finished deployment and cancels one awaiting approval', async () => {
    const { engine, projectId, deployed } = await setup({ productionGates: '      approvals: 1\n' });
    const finished = await deployed(engine.invoke('releases.deploy', { projectId, environment: 'staging' }));
    await expect(engine.invoke('releases.cancel', { deploymentId: finished.id })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const waiting = await engine.invoke('releases.deploy', { projectId, environment: 'production' });
    expect(waiting.status).toBe('awaiting_approval');
    expect((await engine.invoke('releases.cancel', { deploymentId: waiting.id })).status).toBe('cancelled');
  });
});

describe('gates', () => {
  it('pipeline_passed: blocks until that pipeline succeeded on the exact commit', async () => {
    const { engine, projectId, versionDir, passCi, deployed } = await setup({
      stagingGates: '      pipeline_passed: ci\n',
    });
    const gates = await gateFailure(engine.invoke('releases.deploy', { projectId, environment: 'staging' }));
    expect(gates).toEqual([
      {
        gate: 'pipeline_passed',
        passed: false,
        detail: expect.stringMatching(
          /^ci has never run on [0-9a-f]{7}: run it on that commit first$/,
        ) as string,
        blocks: true,
      },
    ]);
    writeFileSync(join(versionDir, 'fail-ci'), '');
    await passCi();
    const failedRun = await gateFailure(
      engine.invoke('releases.deploy', { projectId, environment: 'staging' }),
    );
    expect(failedRun[0]!.detail).toMatch(
      /ci has not passed on [0-9a-f]{7} \(its last run there, #\d+, failed\)/,
    );
    rmSync(join(versionDir, 'fail-ci'));
    await passCi();
    // A pass on HEAD does not cover an older commit.
    await gateFailure(
      engine.invoke('releases.deploy', { projectId, environment: 'staging', version: 'v1.0.0' }),
    );
    const deployment = await deployed(
      engine.invoke('releases.deploy', { projectId, environment: 'staging' }),
    );
    expect(deployment.status).toBe('succeeded');
    expect(deployment.gates).toEqual([
      {
        gate: 'pipeline_passed',
        passed: true,
        detail: expect.stringMatching(/^ci passed on [0-9a-f]{7} \(run #\d+\)$/) as string,
        blocks: false,
      },
    ]);
  });

  it('results carry the decisions: asks approval, can approve and why not, next step, override rule', async () => {
    const { engine, projectId } = await setup({
      productionGates: '      approvals: 1\n      approvers: [carol, dave]\n',
    });
    process.env.COCKPIT_USER = 'carol';
    const preview = await engine.invoke('releases.preview', { projectId, environment: 'production' });
    expect(preview).toMatchObject({
      asksApproval: true,
      needsApproval: true,
      override: { needed: false, rule: { minWords: 3, minChars: 10 } },
    });
    expect(preview.gates).toEqual([
      expect.objectContaining({ gate: 'approvals', passed: false, blocks: false }),
    ]);
    await expect(
      engine.invoke('releases.deploy', {
        projectId,
        environment: 'production',
        override: { reason: 'hotfix' },
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const requested = await engine.invoke('releases.deploy', { projectId, environment: 'production' });
    expect(await engine.invoke('releases.get', { deploymentId: requested.id })).toMatchObject({
      heldBack: false,
      canApprove: { allowed: false, why: expect.stringMatching(/carol requested this deploy/) as string },
    });
    process.env.COCKPIT_USER = 'dave';
    expect((await engine.invoke('releases.get', { deploymentId: requested.id })).canApprove).toEqual({
      allowed: true,
      why: null,
    });
    const board = await engine.invoke('releases.board', {});
    const cells = board.rows[0]!.cells.map((cell) => [cell.environment, cell.previous, cell.next]);
    expect(cells).toEqual([
      ['staging', null, 'production'],
      ['production', 'staging', null],
    ]);
    await engine.invoke('releases.cancel', { deploymentId: requested.id });
  });

  it('approvals: waits for them, refuses self-approval and non-approvers, then starts', async () => {
    const { engine, projectId } = await setup({
      productionGates: '      approvals: 1\n      approvers: [carol, dave]\n',
    });
    process.env.COCKPIT_USER = 'carol';
    const requested = await engine.invoke('releases.deploy', { projectId, environment: 'production' });
    expect(requested).toMatchObject({ status: 'awaiting_approval', approvalsNeeded: 1, runId: null });
    await expect(
      engine.invoke('releases.approve', { deploymentId: requested.id, comment: 'mine' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('carol requested this deploy and cannot approve it too') as string,
    });
    process.env.COCKPIT_USER = 'mallory';
    await expect(
      engine.invoke('releases.approve', { deploymentId: requested.id, comment: 'let me' }),
    ).rejects.toMatchObject({
      message: expect.stringContaining('mallory is not an approver here (approvers: carol, dave)') as string,
    });
    await expect(
      engine.invoke('releases.approve', { deploymentId: requested.id, comment: '  ' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    process.env.COCKPIT_USER = 'dave';
    const approved = await engine.invoke('releases.approve', {
      deploymentId: requested.id,
      comment: 'looks good',
    });
    expect(approved.status).toBe('running');
    expect(approved.approvals).toEqual([
      expect.objectContaining({ approver: 'dave', decision: 'approve', comment: 'looks good' }),
    ]);
    const done = await engine.waitForDeployment(requested.id);
    expect(done).toMatchObject({ status: 'succeeded', verification: 'verified', actor: 'carol' });
    const actions = (await engine.invoke('releases.get', { deploymentId: requested.id })).audit.map(
      (e) => `${e.actor}:${e.action}`,
    );
    expect(actions).toEqual([
      'carol:deploy.requested',
      'dave:approval.approved',
      'carol:deploy.started',
      'carol:deploy.finished',
    ]);
  });

  it('approvals: a rejection ends the request', async () => {
    const { engine, projectId } = await setup({ productionGates: '      approvals: 2\n' });
    process.env.COCKPIT_USER = 'carol';
    const requested = await engine.invoke('releases.deploy', { projectId, environment: 'production' });
    process.env.COCKPIT_USER = 'dave';
    const rejected = await engine.invoke('releases.approve', {
      deploymentId: requested.id,
      comment: 'not today',
      decision: 'reject',
    });
    expect(rejected.status).toBe('rejected');
    await expect(
      engine.invoke('releases.approve', { deploymentId: requested.id, comment: 'ok' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('freeze: blocks inside a weekly window in its own time zone, and an override with a reason is audited', async () => {
    const freeze =
      '      freeze:\n        - { weekdays: [fri], from: "16:00", to: "23:59", timezone: Europe/Paris, reason: No Friday deploys }\n';
    const { engine, projectId, clock, deployed } = await setup({ productionGates: freeze });
    clock.set(Date.UTC(2026, 10, 27, 14, 30)); // Friday 15:30 in Paris: open
    const open = await engine.invoke('releases.preview', { projectId, environment: 'production' });
    expect(open.gates).toEqual([
      { gate: 'freeze', passed: true, detail: 'no freeze window is active', blocks: false },
    ]);
    clock.set(Date.UTC(2026, 10, 27, 15, 30)); // Friday 16:30 in Paris: frozen
    const gates = await gateFailure(
      engine.invoke('releases.deploy', { projectId, environment: 'production' }),
    );
    expect(gates[0]).toMatchObject({ gate: 'freeze', passed: false });
    expect(gates[0]!.detail).toContain('No Friday deploys');
    expect(gates[0]!.detail).toMatch(/until .*23:59.*Europe\/Paris/);
    process.env.COCKPIT_USER = 'erin';
    const overridden = await deployed(
      engine.invoke('releases.deploy', {
        projectId,
        environment: 'production',
        override: { reason: 'hotfix for checkout outage' },
      }),
    );
    expect(overridden).toMatchObject({
      status: 'succeeded',
      override: { by: 'erin', reason: 'hotfix for checkout outage' },
    });
    const audit = await engine.invoke('audit.list', { projectId });
    const entry = audit.find((e) => e.action === 'gate.override')!;
    expect(entry).toMatchObject({
      actor: 'erin',
      detail: { reason: 'hotfix for checkout outage', deploymentId: overridden.id },
    });
    expect((entry.detail.overridden as GateResult[])[0]!.gate).toBe('freeze');
    await expect(
      engine.invoke('releases.deploy', { projectId, environment: 'production', override: { reason: 'x' } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('soak: promotion waits until the version has been healthy in the previous environment long enough', async () => {
    const { engine, projectId, clock, deployed } = await setup({ productionGates: '      soak: 30m\n' });
    const staged = await deployed(engine.invoke('releases.deploy', { projectId, environment: 'staging' }));
    clock.advance(10 * 60_000);
    const gates = await gateFailure(engine.invoke('releases.promote', { projectId, from: 'staging' }));
    expect(gates[0]).toMatchObject({
      gate: 'soak',
      passed: false,
      detail: 'healthy in staging for 10m of 30m; 20m to go',
    });
    clock.advance(21 * 60_000);
    const promoted = await deployed(engine.invoke('releases.promote', { projectId, from: 'staging' }));
    expect(promoted).toMatchObject({
      status: 'succeeded',
      kind: 'promote',
      sourceEnvironment: 'staging',
      commit: staged.commit,
      version: staged.version,
    });
    expect(promoted.gates[0]).toMatchObject({ gate: 'soak', passed: true });
  });

  it('soak: a down check in the previous environment restarts the clock; another version does not soak', async () => {
    const { engine, projectId, clock, server, envId, deployed } = await setup({
      productionGates: '      soak: 30m\n',
    });
    await deployed(engine.invoke('releases.deploy', { projectId, environment: 'staging' }));
    clock.advance(40 * 60_000);
    server.down.add('staging');
    await engine.invoke('environments.checkNow', { environmentId: envId('staging') });
    server.down.delete('staging');
    await engine.invoke('environments.checkNow', { environmentId: envId('staging') });
    clock.advance(5 * 60_000);
    const gates = await gateFailure(engine.invoke('releases.promote', { projectId, from: 'staging' }));
    expect(gates[0]!.detail).toBe('healthy in staging for 5m of 30m; 25m to go');
    const older = await gateFailure(
      engine.invoke('releases.deploy', { projectId, environment: 'production', version: 'v1.0.0' }),
    );
    expect(older[0]!.detail).toMatch(/^staging runs 1\.1\.0-1-g[0-9a-f]{7}, not v1\.0\.0$/);
  });

  it('healthy_before: a down environment blocks, and a fix-forward needs an override', async () => {
    const { engine, projectId, server, envId, deployed } = await setup({
      productionGates: '      healthy_before: true\n',
    });
    server.down.add('production');
    await engine.invoke('environments.checkNow', { environmentId: envId('production') });
    const gates = await gateFailure(
      engine.invoke('releases.deploy', { projectId, environment: 'production', fix: true }),
    );
    expect(gates[0]).toMatchObject({ gate: 'healthy_before', passed: false });
    expect(gates[0]!.detail).toContain('fix-forward');
    server.down.delete('production');
    const fixed = await deployed(
      engine.invoke('releases.deploy', {
        projectId,
        environment: 'production',
        fix: true,
        override: { reason: 'fix forward the outage' },
      }),
    );
    expect(fixed).toMatchObject({ status: 'succeeded', fix: true });
  });
});

describe('promotion and rollback', () => {
  it('promotes the verified version of the previous environment, and rolls back to the last verified one before the current', async () => {
    const { engine, projectId, repo, deployed } = await setup();
    const v100 = git(repo, 'rev-parse', 'v1.0.0^{commit}');
    const v110 = git(repo, 'rev-parse', 'v1.1.0^{commit}');
    await deployed(
      engine.invoke('releases.deploy', { projectId, environment: 'production', version: 'v1.0.0' }),
    );
    await deployed(
      engine.invoke('releases.deploy', { projectId, environment: 'staging', version: 'v1.1.0' }),
    );
    const promoted = await deployed(engine.invoke('releases.promote', { projectId, from: 'staging' }));
    expect(promoted).toMatchObject({
      environment: 'production',
      commit: v110,
      version: 'v1.1.0',
      previousVersion: 'v1.0.0',
    });
    const detail = await engine.invoke('releases.get', { deploymentId: promoted.id });
    expect(detail.releaseNotes).toContain('two');
    expect(detail.releaseNotes).toContain('#2');
    // A deploy that was not verified is no rollback target.
    const rollback = await deployed(
      engine.invoke('releases.rollback', { projectId, environment: 'production' }),
    );
    expect(rollback).toMatchObject({
      kind: 'rollback',
      commit: v100,
      version: 'v1.0.0',
      previousVersion: 'v1.1.0',
      status: 'succeeded',
      verification: 'verified',
    });
    // Rolling back again would bring back v1.1.0, which was just rolled back: refused.
    await expect(
      engine.invoke('releases.preview', { projectId, environment: 'production', kind: 'rollback' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      engine.invoke('releases.rollback', { projectId, environment: 'staging' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(
        'no successful, verified deployment of "staging" before v1.1.0',
      ) as string,
    });
    await expect(engine.invoke('releases.promote', { projectId, from: 'production' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('Nothing comes after "production"') as string,
    });
  });

  it('skips a not-verified deployment when choosing what to roll back to', async () => {
    const write = `printf '%s' "\${COCKPIT_DEPLOY_VERSION#v}" > "$VERSION_DIR/$COCKPIT_DEPLOY_ENVIRONMENT"`;
    const { engine, projectId, versionDir, deployed } = await setup({
      deployRun: `[ -f "$VERSION_DIR/skip" ] || ${write}`,
    });
    await deployed(
      engine.invoke('releases.deploy', { projectId, environment: 'staging', version: 'v1.0.0' }),
    );
    writeFileSync(join(versionDir, 'skip'), ''); // v1.1.0 "deploys", but the environment never reports it
    const broken = await deployed(
      engine.invoke('releases.deploy', { projectId, environment: 'staging', version: 'v1.1.0' }),
    );
    expect(broken.verification).toBe('not_verified');
    rmSync(join(versionDir, 'skip'));
    await deployed(engine.invoke('releases.deploy', { projectId, environment: 'staging' }));
    const preview = await engine.invoke('releases.preview', {
      projectId,
      environment: 'staging',
      kind: 'rollback',
    });
    expect(preview.version).toBe('v1.0.0');
  });
});

describe('board, drift and mismatch', () => {
  it('shows recorded and reported versions, drift in commits, what was tested, and an out-of-band mismatch', async () => {
    const { engine, projectId, repo, versionDir, envId, passCi, deployed } = await setup();
    await passCi('v1.0.0');
    await deployed(
      engine.invoke('releases.deploy', { projectId, environment: 'production', version: 'v1.0.0' }),
    );
    await deployed(engine.invoke('releases.deploy', { projectId, environment: 'staging' }));
    let board = await engine.invoke('releases.board', {});
    expect(board.columns).toEqual(['staging', 'production']);
    const row = board.rows[0]!;
    expect(row).toMatchObject({
      name: 'shop',
      lifecycle: ['staging', 'production'],
      headSha: git(repo, 'rev-parse', 'HEAD'),
    });
    expect(row.ci).toMatchObject({ pipeline: 'ci', status: 'success' });
    const [staging, production] = row.cells;
    expect(staging).toMatchObject({
      environment: 'staging',
      state: 'up',
      mismatch: false,
      canDeploy: true,
      pendingApprovals: 0,
      active: null,
    });
    expect(staging!.drift).toMatchObject({
      behindPrevious: null,
      behindMain: 0,
      mainBranch: 'main',
      head: { relation: 'same' },
      tested: null,
    });
    expect(production!.recorded).toMatchObject({ version: 'v1.0.0', verification: 'verified' });
    expect(production!.drift).toMatchObject({
      behindPrevious: 2,
      behindMain: 2,
      head: { relation: 'ahead', ahead: 2, behind: 0 },
      tested: { pipeline: 'ci' },
    });
    // Someone deploys v1.1.0 to production by hand: the cockpit notices the difference.
    writeFileSync(join(versionDir, 'production'), '1.1.0');
    await engine.invoke('environments.checkNow', { environmentId: envId('production') });
    board = await engine.invoke('releases.board', {});
    const out = board.rows[0]!.cells[1]!;
    expect(out).toMatchObject({ reportedVersion: '1.1.0', mismatch: true });
    expect(out.drift).toMatchObject({
      behindPrevious: 1,
      behindMain: 1,
      head: { relation: 'ahead', ahead: 1 },
    });
    // A commit on another branch: HEAD behind and diverged.
    git(repo, 'checkout', '-q', '-b', 'topic', 'v1.0.0');
    writeFiles(repo, { 'other.txt': 'x\n' });
    git(repo, 'add', 'other.txt');
    git(repo, 'commit', '-qm', 'feat: topic');
    board = await engine.invoke('releases.board', {});
    expect(board.rows[0]!.cells[0]!.drift!.head).toEqual({ relation: 'diverged', ahead: 1, behind: 2 });
  });

  it('shows pending approvals and a running deploy with its progress', async () => {
    const { engine, projectId, versionDir } = await setup({ productionGates: '      approvals: 1\n' });
    await engine.invoke('releases.deploy', { projectId, environment: 'production' });
    writeFileSync(join(versionDir, 'hold'), '');
    const running = await engine.invoke('releases.deploy', { projectId, environment: 'staging' });
    for (
      let i = 0;
      i < 100 && (await engine.invoke('releases.get', { deploymentId: running.id })).runId === null;
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const board = await engine.invoke('releases.board', {});
    const [staging, production] = board.rows[0]!.cells;
    expect(production).toMatchObject({
      pendingApprovals: 1,
      active: { status: 'awaiting_approval' },
      hasGates: true,
    });
    expect(staging!.active).toMatchObject({
      deploymentId: running.id,
      status: 'running',
      progress: { done: 0, total: 1 },
    });
    rmSync(join(versionDir, 'hold'));
    await engine.waitForDeployment(running.id);
  });

  it('a project whose cockpit.yml breaks keeps its cells from the last good one, marked with the problem', async () => {
    const { engine, repo } = await setup();
    const before = await engine.invoke('releases.board', {});
    writeFiles(repo, { 'cockpit.yml': 'version: 1\nlifecycle: [qa]\n' });
    const board = await engine.invoke('releases.board', {});
    expect(board.rows[0]!.configProblem).toBeNull();
    expect(board.rows[0]!.cells.map((cell) => cell.environment)).toEqual(
      before.rows[0]!.cells.map((cell) => cell.environment),
    );
    expect(board.rows[0]!.configFallback).toMatchObject({ line: 2 });
    expect(board.rows[0]!.configFallback!.message).toMatch(/the lifecycle lists "qa"/);
  });
});

describe('audit log', () => {
  it('records policy changes in cockpit.yml, and the chain verifies until a row is edited', async () => {
    const { engine, repo, versionDir, server } = await setup({ productionGates: '      approvals: 1\n' });
    await engine.invoke('releases.board', {});
    writeFiles(repo, {
      'cockpit.yml': configText(server.url, versionDir, { productionGates: '      approvals: 2\n' }),
    });
    await engine.invoke('releases.board', {});
    await engine.invoke('releases.board', {}); // unchanged: nothing new
    const entries = (await engine.invoke('audit.list', {})).filter((e) => e.action === 'policy.changed');
    expect(entries).toHaveLength(2);
    expect(entries[0]!.detail.changes).toEqual(
      expect.arrayContaining([expect.stringContaining('production')]),
    );
    expect(entries[0]!.detail.changes).toEqual(expect.arrayContaining([expect.stringMatching(/1 → 2/)]));
    expect(await engine.invoke('audit.verify', {})).toEqual({
      ok: true,
      entries: 2,
      firstBadId: null,
      problem: null,
      headId: entries[0]!.id,
      headHash: entries[0]!.hash,
    });

    const db = openDatabase(join(engine.info().dataDir, 'cockpit.db'), { migrations: loadMigrations() });
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET actor = 'someone else' WHERE id = ?").run(entries[1]!.id);
    db.close();
    const verdict = await engine.invoke('audit.verify', {});
    expect(verdict).toMatchObject({ ok: false, firstBadId: entries[1]!.id });
  });

  it('marks a deployment whose process died as interrupted at the next start', async () => {
    const { engine, projectId } = await setup();
    const dataDir = engine.info().dataDir;
    const db = openDatabase(join(dataDir, 'cockpit.db'), { migrations: loadMigrations() });
    db.prepare(
      `INSERT INTO deployments (project_id, environment, kind, version, commit_sha, pipeline, actor, status, owner_pid, requested_at)
       VALUES (?, 'staging', 'deploy', 'v1', 'abc', 'deploy', 'x', 'running', 999999999, 1)`,
    ).run(projectId);
    db.close();
    await engine.close();
    mkdirSync(dataDir, { recursive: true });
    const again = testEngine({ dataDir });
    const [deployment] = await again.invoke('releases.list', {});
    expect(deployment).toMatchObject({
      status: 'interrupted',
      verificationDetail: 'the cockpit stopped while this deployment ran',
    });
  });
});

describe('review follow-ups', () => {
  it('an override answers for failing gates but never replaces approvals', async () => {
    const freeze =
      '      approvals: 1\n      freeze:\n        - { weekdays: [wed], from: "00:00", to: "23:59" }\n';
    const { engine, projectId } = await setup({ productionGates: freeze });
    process.env.COCKPIT_USER = 'carol';
    const requested = await engine.invoke('releases.deploy', {
      projectId,
      environment: 'production',
      override: { reason: 'urgent security fix' },
    });
    expect(requested).toMatchObject({ status: 'awaiting_approval', override: { by: 'carol' } });
    process.env.COCKPIT_USER = 'dave';
    const approved = await engine.invoke('releases.approve', { deploymentId: requested.id, comment: 'ok' });
    expect(approved.status).toBe('running'); // the recorded override still covers the freeze
    expect((await engine.waitForDeployment(requested.id)).status).toBe('succeeded');
  });

  it('an approved deployment held back by a gate starts later, with the gates checked again', async () => {
    const freeze =
      '      approvals: 1\n      freeze:\n        - { weekdays: [thu], from: "00:00", to: "23:59" }\n';
    const { engine, projectId, clock } = await setup({ productionGates: freeze });
    process.env.COCKPIT_USER = 'carol';
    const requested = await engine.invoke('releases.deploy', { projectId, environment: 'production' });
    clock.set(Date.UTC(2026, 10, 26, 12)); // Thursday: frozen
    process.env.COCKPIT_USER = 'dave';
    const approved = await engine.invoke('releases.approve', { deploymentId: requested.id, comment: 'ok' });
    expect(approved.status).toBe('awaiting_approval');
    expect(approved.gates.find((g) => g.gate === 'approvals')).toMatchObject({
      passed: true,
      detail: 'approved by dave',
    });
    await expect(engine.invoke('releases.start', { deploymentId: requested.id })).rejects.toMatchObject({
      code: 'GATE_FAILED',
    });
    clock.set(Date.UTC(2026, 10, 27, 12)); // Friday: open
    const started = await engine.invoke('releases.start', { deploymentId: requested.id });
    expect(started.status).toBe('running');
    expect((await engine.waitForDeployment(requested.id)).status).toBe('succeeded');
  });

  it('pipeline_passed ignores runs of a working tree with uncommitted changes', async () => {
    const { engine, projectId, repo, passCi } = await setup({ stagingGates: '      pipeline_passed: ci\n' });
    writeFiles(repo, { 'app.txt': 'uncommitted\n' });
    await passCi();
    const gates = await gateFailure(
      engine.invoke('releases.deploy', { projectId, environment: 'staging', version: 'HEAD' }),
    );
    expect(gates[0]!.detail).toMatch(
      /only with uncommitted changes \(run #\d+\): it has not passed on the commit itself/,
    );
  });

  it('releases the lock at once when the process holding it died', async () => {
    const { engine, projectId } = await setup();
    const db = openDatabase(join(engine.info().dataDir, 'cockpit.db'), { migrations: loadMigrations() });
    db.prepare(
      `INSERT INTO deployments (project_id, environment, kind, version, commit_sha, pipeline, actor, status, owner_pid, requested_at)
       VALUES (?, 'staging', 'deploy', 'v1', 'abc', 'deploy', 'ghost', 'running', 999999999, 1)`,
    ).run(projectId);
    db.close();
    // The ghost's lock is released when the next deploy asks for it: no queueing behind a dead process.
    const next = await engine.invoke('releases.deploy', { projectId, environment: 'staging', queue: true });
    expect(next.status).toBe('running');
    expect((await engine.waitForDeployment(next.id)).status).toBe('succeeded');
    const [, ghost] = await engine.invoke('releases.list', { projectId });
    expect(ghost).toMatchObject({ actor: 'ghost', status: 'interrupted' });
  });

  it('rolls back from what the environment reports, not from a record it contradicts', async () => {
    const { engine, projectId, versionDir, envId, deployed } = await setup();
    await deployed(
      engine.invoke('releases.deploy', { projectId, environment: 'staging', version: 'v1.0.0' }),
    );
    await deployed(
      engine.invoke('releases.deploy', { projectId, environment: 'staging', version: 'v1.1.0' }),
    );
    writeFileSync(join(versionDir, 'staging'), '1.0.0'); // someone put v1.0.0 back by hand
    await engine.invoke('environments.checkNow', { environmentId: envId('staging') });
    const preview = await engine.invoke('releases.preview', {
      projectId,
      environment: 'staging',
      kind: 'rollback',
    });
    expect(preview).toMatchObject({ version: 'v1.1.0', previousVersion: 'v1.0.0' });
  });
});

describe('second review follow-ups', () => {
  it('refuses an approval from the requester’s own OS account under another name', async () => {
    const { engine, projectId } = await setup({ productionGates: '      approvals: 1\n' });
    const sameAccount = testEngine({ dataDir: engine.info().dataDir, osUser: () => 'alice-os' });
    process.env.COCKPIT_USER = 'alice';
    const requested = await sameAccount.invoke('releases.deploy', { projectId, environment: 'production' });
    process.env.COCKPIT_USER = 'bob';
    await expect(
      sameAccount.invoke('releases.approve', { deploymentId: requested.id, comment: 'me again' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('from the same OS account alice-os') as string,
    });
    await sameAccount.invoke('releases.cancel', { deploymentId: requested.id });
  });

  it('leaves another live cockpit’s queued deployment to it, and ends one whose cockpit is gone', async () => {
    const { engine, projectId, deployed } = await setup();
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    onCleanup(() => void other.kill('SIGKILL'));
    const db = openDatabase(join(engine.info().dataDir, 'cockpit.db'), { migrations: loadMigrations() });
    const queue = db.prepare(
      `INSERT INTO deployments (project_id, environment, kind, version, commit_sha, pipeline, actor, status, owner_pid, owner_start, requested_at)
       VALUES (?, 'staging', 'deploy', 'v1', ?, 'deploy', 'someone', 'queued', ?, ?, 1)`,
    );
    const head = git((await engine.invoke('projects.get', { id: projectId })).path, 'rev-parse', 'HEAD');
    // The other cockpit's identity, as it records it: its pid and start time in this boot.
    const theirs = Number(queue.run(projectId, head, other.pid!, identityOf(other.pid!)).lastInsertRowid);
    db.close();
    await deployed(engine.invoke('releases.deploy', { projectId, environment: 'staging' }));
    expect((await engine.invoke('releases.get', { deploymentId: theirs })).status).toBe('queued'); // not ours to start
    other.kill('SIGKILL');
    await new Promise((resolve) => other.once('exit', resolve));
    await deployed(engine.invoke('releases.deploy', { projectId, environment: 'staging' }));
    expect(await engine.invoke('releases.get', { deploymentId: theirs })).toMatchObject({
      status: 'interrupted',
      verificationDetail: 'the cockpit that queued this deployment stopped before it could start',
    });
  });

  it('records a request whole or not at all: a failure leaves no deployment holding the lock', async () => {
    const { engine, projectId, deployed } = await setup();
    const db = openDatabase(join(engine.info().dataDir, 'cockpit.db'), { migrations: loadMigrations() });
    db.exec('ALTER TABLE deployment_commits RENAME TO deployment_commits_away');
    await expect(
      engine.invoke('releases.deploy', { projectId, environment: 'staging' }),
    ).rejects.toMatchObject({
      code: 'INTERNAL',
    });
    expect(await engine.invoke('releases.list', { projectId })).toEqual([]);
    db.exec('ALTER TABLE deployment_commits_away RENAME TO deployment_commits');
    db.close();
    expect(
      (await deployed(engine.invoke('releases.deploy', { projectId, environment: 'staging' }))).status,
    ).toBe('succeeded');
  });

  it('soak counts from the version’s latest arrival, not an older deployment of it', async () => {
    const { engine, projectId, clock, versionDir, envId, deployed } = await setup({
      productionGates: '      soak: 2h\n',
    });
    await deployed(
      engine.invoke('releases.deploy', { projectId, environment: 'staging', version: 'v1.1.0' }),
    );
    clock.advance(3 * 60 * 60_000);
    await deployed(
      engine.invoke('releases.deploy', { projectId, environment: 'staging', version: 'v1.0.0' }),
    );
    clock.advance(60 * 60_000);
    writeFileSync(join(versionDir, 'staging'), '1.1.0'); // v1.1.0 put back by hand
    await engine.invoke('environments.checkNow', { environmentId: envId('staging') });
    clock.advance(60_000);
    const gates = await gateFailure(
      engine.invoke('releases.deploy', { projectId, environment: 'production', version: 'v1.1.0' }),
    );
    expect(gates[0]!.detail).toBe('healthy in staging for 1m of 2h; 1h59m to go');
  });

  it('a cancel during verification ends the deployment cancelled', async () => {
    const { engine, projectId } = await setup({ deployRun: 'true' }); // never reports the new version
    const deployment = await engine.invoke('releases.deploy', { projectId, environment: 'staging' });
    for (
      let i = 0;
      i < 200 &&
      (await engine.invoke('releases.get', { deploymentId: deployment.id })).status !== 'verifying';
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await engine.invoke('releases.cancel', { deploymentId: deployment.id });
    expect(await engine.waitForDeployment(deployment.id)).toMatchObject({
      status: 'cancelled',
      verification: 'not_verified',
      verificationDetail: 'verification was cancelled',
    });
  });

  it('never rolls back to a version that was itself rolled back', async () => {
    const { engine, projectId, deployed } = await setup();
    await deployed(
      engine.invoke('releases.deploy', { projectId, environment: 'staging', version: 'v1.0.0' }),
    );
    await deployed(
      engine.invoke('releases.deploy', { projectId, environment: 'staging', version: 'v1.1.0' }),
    );
    await deployed(engine.invoke('releases.rollback', { projectId, environment: 'staging' })); // back to v1.0.0
    await expect(
      engine.invoke('releases.preview', { projectId, environment: 'staging', kind: 'rollback' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await deployed(
      engine.invoke('releases.deploy', { projectId, environment: 'staging', version: 'v1.1.0' }),
    ); // fixed, shipped again
    await deployed(engine.invoke('releases.deploy', { projectId, environment: 'staging' }));
    const preview = await engine.invoke('releases.preview', {
      projectId,
      environment: 'staging',
      kind: 'rollback',
    });
    expect(preview.version).toBe('v1.1.0');
  });
});
