import { describe, expect, it } from 'vitest';
import type { Deployment } from '../../../shared/domain/release.ts';
import {
  deploymentNotice,
  effectivePrefs,
  hasOwnPrefs,
  notificationEnabled,
  runNotice,
  withoutOwnPrefs,
  withToggle,
  type NoticeContext,
  type NotificationPrefs,
} from './notification-rules.ts';

const OPENED = 1_000_000;

const context = (patch: Partial<NoticeContext> = {}): NoticeContext => ({
  prefs: {
    '*': { pipeline_failed: true, production_down: true, approval_requested: true, deploy_finished: true },
  },
  actor: 'ana',
  openedAt: OPENED,
  seen: new Set(),
  deployRunIds: new Set(),
  ...patch,
});

const run = (patch: Partial<Parameters<typeof runNotice>[0]> = {}) => ({
  id: 12,
  projectId: 3,
  pipeline: 'ci',
  status: 'failed' as const,
  finishedAt: OPENED + 5_000,
  git: { sha: 'abc', branch: 'main', dirty: false },
  ...patch,
});

const deployment = (patch: Partial<Deployment> = {}) => ({
  id: 7,
  projectId: 3,
  projectName: 'Shop',
  environment: 'production',
  version: 'v1.2.0',
  actor: 'bob',
  status: 'awaiting_approval' as Deployment['status'],
  verification: null as Deployment['verification'],
  requestedAt: OPENED + 1_000,
  finishedAt: null as number | null,
  ...patch,
});

describe('notification preferences', () => {
  const prefs: NotificationPrefs = {
    '*': { pipeline_failed: false, deploy_finished: true },
    '3': { pipeline_failed: true },
  };

  it('takes the project’s own choice, else the default, else on', () => {
    expect(notificationEnabled(prefs, 3, 'pipeline_failed')).toBe(true);
    expect(notificationEnabled(prefs, 4, 'pipeline_failed')).toBe(false);
    expect(notificationEnabled(prefs, 3, 'deploy_finished')).toBe(true);
    expect(notificationEnabled(prefs, 4, 'approval_requested')).toBe(true);
    expect(notificationEnabled(null, 4, 'production_down')).toBe(true);
    expect(notificationEnabled(prefs, null, 'pipeline_failed')).toBe(false);
  });

  it('copies the effective values when a following project changes one toggle', () => {
    const next = withToggle(prefs, '5', 'deploy_finished', false);
    expect(next['5']).toEqual({
      pipeline_failed: false,
      production_down: true,
      approval_requested: true,
      deploy_finished: false,
    });
    expect(hasOwnPrefs(next, '5')).toBe(true);
    expect(hasOwnPrefs(prefs, '5')).toBe(false);
    // The default row changes only itself.
    expect(withToggle(prefs, '*', 'pipeline_failed', true)['3']).toEqual({ pipeline_failed: true });
  });

  it('puts a project back on the default', () => {
    const next = withoutOwnPrefs(prefs, '3');
    expect(next['3']).toBeUndefined();
    expect(effectivePrefs(next, '3').pipeline_failed).toBe(false);
    expect(prefs['3']).toEqual({ pipeline_failed: true });
  });
});

describe('pipeline failed notifications', () => {
  it('tells of a failed or timed-out run, once, clicking through to the run', () => {
    const notice = runNotice(run(), 'Shop', context());
    expect(notice).toEqual({
      key: 'run:12:ended',
      kind: 'pipeline_failed',
      title: 'ci failed',
      body: 'Shop on main: run #12',
      target: { view: 'run', runId: 12 },
    });
    expect(runNotice(run({ status: 'timed_out' }), 'Shop', context())?.title).toBe('ci timed out');
    expect(runNotice(run(), 'Shop', context({ seen: new Set(['run:12:ended']) }))).toBeNull();
  });

  it('stays quiet for successes, old runs, deploy runs and projects that turned it off', () => {
    expect(runNotice(run({ status: 'success' }), 'Shop', context())).toBeNull();
    expect(runNotice(run({ status: 'cancelled' }), 'Shop', context())).toBeNull();
    expect(runNotice(run({ finishedAt: OPENED - 1 }), 'Shop', context())).toBeNull();
    expect(runNotice(run(), 'Shop', context({ deployRunIds: new Set([12]) }))).toBeNull();
    expect(runNotice(run(), 'Shop', context({ prefs: { '3': { pipeline_failed: false } } }))).toBeNull();
    expect(runNotice(run(), 'Shop', context({ prefs: { '*': { pipeline_failed: false } } }))).toBeNull();
  });
});

describe('deployment notifications', () => {
  it('tells you of an approval someone else asks for, clicking through to Releases', () => {
    expect(deploymentNotice(deployment(), context())).toMatchObject({
      key: 'deployment:7:approval',
      kind: 'approval_requested',
      title: 'Approval requested: v1.2.0 to production',
      target: { view: 'releases' },
    });
  });

  it('does not ask you to approve your own request, old ones, or before it knows who you are', () => {
    expect(deploymentNotice(deployment({ actor: 'ana' }), context())).toBeNull();
    expect(deploymentNotice(deployment({ requestedAt: OPENED - 1 }), context())).toBeNull();
    expect(deploymentNotice(deployment(), context({ actor: null }))).toBeNull();
    expect(deploymentNotice(deployment(), context({ seen: new Set(['deployment:7:approval']) }))).toBeNull();
    expect(
      deploymentNotice(deployment(), context({ prefs: { '*': { approval_requested: false } } })),
    ).toBeNull();
  });

  it('tells of a deploy that succeeded or failed, clicking through to the Board', () => {
    const done = deployment({ status: 'succeeded', verification: 'verified', finishedAt: OPENED + 9_000 });
    expect(deploymentNotice(done, context())).toEqual({
      key: 'deployment:7:ended',
      kind: 'deploy_finished',
      title: 'Deployed v1.2.0 to production',
      body: 'Shop: deployment #7, verified',
      target: { view: 'board' },
    });
    // Your own deploys too: you may have walked away.
    expect(deploymentNotice({ ...done, actor: 'ana', status: 'failed' }, context())?.title).toBe(
      'Deploy of v1.2.0 to production failed',
    );
  });

  it('stays quiet for deploys in progress, cancelled, ended before the window opened, or turned off', () => {
    expect(deploymentNotice(deployment({ status: 'running' }), context())).toBeNull();
    expect(
      deploymentNotice(deployment({ status: 'cancelled', finishedAt: OPENED + 1 }), context()),
    ).toBeNull();
    expect(
      deploymentNotice(deployment({ status: 'succeeded', finishedAt: OPENED - 1 }), context()),
    ).toBeNull();
    expect(
      deploymentNotice(
        deployment({ status: 'succeeded', finishedAt: OPENED + 1 }),
        context({ prefs: { '3': { deploy_finished: false } } }),
      ),
    ).toBeNull();
    expect(
      deploymentNotice(
        deployment({ status: 'failed', finishedAt: OPENED + 1 }),
        context({ seen: new Set(['deployment:7:ended']) }),
      ),
    ).toBeNull();
  });
});
