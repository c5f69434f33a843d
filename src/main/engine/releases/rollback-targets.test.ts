// Rolling back to any release, on a real git repository, a real HTTP server playing the environments
// and SQLite: a version only the monitor saw is a target, one rolled back is not, and naming a
// version that is no target is refused with the list of those that are.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures, git } from '../../testing/fixtures.ts';
import { releaseShop } from '../../testing/release-shop.ts';

afterEach(cleanupFixtures);

const MINUTE = 60_000;

/** The shop with production already running 1.0.0 when the cockpit first looks (never deployed by it). */
async function shopRunning100() {
  const shop = await releaseShop();
  writeFileSync(join(shop.versionDir, 'production'), '1.0.0');
  await shop.engine.invoke('environments.checkNow', { environmentId: shop.envId('production') });
  return shop;
}

describe('rollback targets', () => {
  it('offers a version only the monitor saw, and rolls back to it by default', async () => {
    const { engine, projectId, repo, clock, deployed } = await shopRunning100();
    const observedAt = clock.now();
    clock.advance(10 * MINUTE);
    const v110 = await deployed(
      engine.invoke('releases.deploy', { projectId, environment: 'production', version: 'v1.1.0' }),
    );
    expect(v110).toMatchObject({ status: 'succeeded', verification: 'verified' });

    const targets = await engine.invoke('releases.rollbackTargets', { projectId, environment: 'production' });
    expect(targets).toEqual([
      {
        version: 'v1.0.0',
        commit: git(repo, 'rev-parse', 'v1.0.0^{commit}'),
        liveFrom: observedAt,
        liveUntil: v110.finishedAt,
        source: 'observed',
        deploymentId: null,
        previous: true,
      },
    ]);
    const preview = await engine.invoke('releases.preview', {
      projectId,
      environment: 'production',
      kind: 'rollback',
    });
    expect(preview).toMatchObject({ version: 'v1.0.0', previousVersion: 'v1.1.0' });

    clock.advance(10 * MINUTE);
    const back = await deployed(engine.invoke('releases.rollback', { projectId, environment: 'production' }));
    expect(back).toMatchObject({ kind: 'rollback', version: 'v1.0.0', status: 'succeeded' });
    // v1.1.0 was rolled back and not deployed again: no target; v1.0.0 runs now: no target either.
    expect(await engine.invoke('releases.rollbackTargets', { projectId, environment: 'production' })).toEqual(
      [],
    );
  });

  it('rolls back to a named older release, newest first, and refuses one that is no target', async () => {
    const { engine, projectId, repo, clock, deployed } = await shopRunning100();
    for (const version of ['v1.1.0', 'main']) {
      clock.advance(10 * MINUTE);
      await deployed(engine.invoke('releases.deploy', { projectId, environment: 'production', version }));
    }
    const head = git(repo, 'rev-parse', 'HEAD');
    const targets = await engine.invoke('releases.rollbackTargets', { projectId, environment: 'production' });
    expect(targets.map((target) => [target.version, target.source, target.previous])).toEqual([
      ['v1.1.0', 'deployed', true],
      ['v1.0.0', 'observed', false],
    ]);
    expect(targets[0]!.liveFrom).toBeGreaterThan(targets[1]!.liveFrom);
    expect(targets[1]!.liveUntil).toBe(targets[0]!.liveFrom);
    expect(targets.some((target) => target.commit === head)).toBe(false);

    await expect(
      engine.invoke('releases.rollback', { projectId, environment: 'production', version: 'v9.9.9' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('(it can: v1.1.0, v1.0.0)') as string,
      details: { targets: ['v1.1.0', 'v1.0.0'] },
    });
    // What runs now is no target either.
    await expect(
      engine.invoke('releases.preview', {
        projectId,
        environment: 'production',
        kind: 'rollback',
        version: head,
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });

    clock.advance(10 * MINUTE);
    const back = await deployed(
      engine.invoke('releases.rollback', { projectId, environment: 'production', version: '1.0.0' }),
    );
    expect(back).toMatchObject({ kind: 'rollback', version: 'v1.0.0', status: 'succeeded' });
    // HEAD was rolled back; v1.1.0 still ran here before and was not rolled back.
    const after = await engine.invoke('releases.rollbackTargets', { projectId, environment: 'production' });
    expect(after.map((target) => target.version)).toEqual(['v1.1.0']);
  });

  it('validates the parameters', async () => {
    const { engine, projectId } = await shopRunning100();
    await expect(
      engine.invoke('releases.rollbackTargets', { projectId, environment: 'production', extra: 1 } as never),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      engine.invoke('releases.rollbackTargets', { projectId, environment: 'qa' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
