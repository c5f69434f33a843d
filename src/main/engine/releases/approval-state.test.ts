// Who may approve, as the engine tells each person (releases.get, releases.list, the board cell): the
// requester is not offered Approve and sees who it waits for; approvers are; those who decided drop out.
// On a real store, real repository and real deploy pipeline (release-shop).
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures } from '../../testing/fixtures.ts';
import { releaseShop } from '../../testing/release-shop.ts';

afterEach(async () => {
  delete process.env.COCKPIT_USER;
  await cleanupFixtures();
});

describe('approval state', () => {
  it('is decided per person: requester waits for the approvers, approvers may, decided ones drop out', async () => {
    const { engine, projectId, passCi } = await releaseShop({
      productionGates: '      approvals: 2\n      approvers: [alice, carol, dave]\n',
    });
    await passCi();
    process.env.COCKPIT_USER = 'alice';
    const requested = await engine.invoke('releases.deploy', { projectId, environment: 'production' });
    expect(requested.status).toBe('awaiting_approval');
    // The requester: not offered Approve, told who it waits for (not herself, though she is an approver).
    expect(requested.approval).toEqual({
      requester: 'alice',
      actor: 'alice',
      actorIsRequester: true,
      mayApprove: false,
      whyNot:
        'alice requested this deploy and cannot approve it too (set allow_self_approval: true to allow it)',
      approvalsNeeded: 2,
      approvalsLeft: 2,
      waitingFor: ['carol', 'dave'],
      anyone: false,
      excluded: ['alice'],
      commentRequired: true,
    });
    const cell = (await engine.invoke('releases.board', {})).rows[0]!.cells.find(
      (c) => c.environment === 'production',
    )!;
    expect(cell.active?.approval).toMatchObject({ mayApprove: false, waitingFor: ['carol', 'dave'] });

    // An approver: may approve; the same deployment, seen by someone else, says so.
    process.env.COCKPIT_USER = 'carol';
    const seen = await engine.invoke('releases.get', { deploymentId: requested.id });
    expect(seen.approval).toMatchObject({
      actor: 'carol',
      actorIsRequester: false,
      mayApprove: true,
      whyNot: null,
    });
    const approved = await engine.invoke('releases.approve', {
      deploymentId: requested.id,
      comment: 'checked the notes',
    });
    expect(approved.approval).toMatchObject({
      mayApprove: false,
      whyNot: expect.stringContaining('carol (OS account carol) already decided') as string,
      approvalsLeft: 1,
      waitingFor: ['dave'],
      excluded: ['alice', 'carol'],
    });

    // Not an approver: not offered either, and told why.
    process.env.COCKPIT_USER = 'mallory';
    const [listed] = await engine.invoke('releases.list', { projectId });
    expect(listed!.approval).toMatchObject({
      mayApprove: false,
      whyNot: 'mallory is not an approver here (approvers: alice, carol, dave)',
      waitingFor: ['dave'],
    });

    // The last approval: it leaves the waiting state, and the approval state goes with it.
    process.env.COCKPIT_USER = 'dave';
    const started = await engine.invoke('releases.approve', { deploymentId: requested.id, comment: 'ok' });
    expect(started.status).not.toBe('awaiting_approval');
    expect(started.approval).toBeNull();
  });

  it('with no approvers listed, anyone but the requester may approve', async () => {
    const { engine, projectId, passCi } = await releaseShop({ productionGates: '      approvals: 1\n' });
    await passCi();
    process.env.COCKPIT_USER = 'alice';
    const requested = await engine.invoke('releases.deploy', { projectId, environment: 'production' });
    expect(requested.approval).toMatchObject({
      anyone: true,
      waitingFor: [],
      excluded: ['alice'],
      mayApprove: false,
    });
    process.env.COCKPIT_USER = 'bob';
    expect((await engine.invoke('releases.get', { deploymentId: requested.id })).approval).toMatchObject({
      anyone: true,
      mayApprove: true,
    });
  });
});

describe('approval comments', () => {
  it('are required by default (and always to reject), optional where gates.comment_required is false', async () => {
    const required = await releaseShop({ productionGates: '      approvals: 1\n' });
    await required.passCi();
    process.env.COCKPIT_USER = 'alice';
    const first = await required.engine.invoke('releases.deploy', {
      projectId: required.projectId,
      environment: 'production',
    });
    expect(first.approval?.commentRequired).toBe(true);
    process.env.COCKPIT_USER = 'bob';
    await expect(
      required.engine.invoke('releases.approve', { deploymentId: first.id, comment: '  ' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('needs a comment (gates.comment_required)') as string,
    });

    const optional = await releaseShop({
      productionGates: '      approvals: 1\n      comment_required: false\n',
    });
    await optional.passCi();
    process.env.COCKPIT_USER = 'alice';
    const second = await optional.engine.invoke('releases.deploy', {
      projectId: optional.projectId,
      environment: 'production',
    });
    expect(second.approval?.commentRequired).toBe(false);
    process.env.COCKPIT_USER = 'bob';
    await expect(
      optional.engine.invoke('releases.approve', {
        deploymentId: second.id,
        comment: '',
        decision: 'reject',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'A rejection needs a comment: say why.' });
    const approved = await optional.engine.invoke('releases.approve', {
      deploymentId: second.id,
      comment: '',
    });
    expect(approved.status).not.toBe('awaiting_approval');
    expect(approved.approvals).toMatchObject([{ approver: 'bob', decision: 'approve', comment: '' }]);
  });
});
