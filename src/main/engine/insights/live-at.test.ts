import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures } from '../../testing/fixtures.ts';
import { closeHistories, historyDb } from '../../testing/insights-history.ts';
import { DAY, HOUR, MINUTE } from './stats.ts';

afterEach(async () => {
  closeHistories();
  await cleanupFixtures();
});

const NOW = Date.UTC(2026, 5, 15, 12, 0, 0);

/**
 * shop/production: v1.0.0 deployed 40 days ago; watched from 41 to 20 days ago (hour rollups only,
 * raw checks long pruned), down with an incident 22 days ago; a failed deploy 21 days ago; unwatched
 * until 2 days ago; 1.2.0 deployed yesterday (reported as "v1.2.0"); raw checks in the last hour.
 * shop/staging: one raw check 3 days ago. blog/web: a deploy 2 hours ago, never checked.
 * blog/idle: no history at all.
 */
function history() {
  const h = historyDb(NOW);
  const shop = h.project('shop');
  const blog = h.project('blog');
  const production = h.environment(shop, 'production', 'production');
  const staging = h.environment(shop, 'staging', 'staging');
  h.environment(blog, 'web', null);
  h.environment(blog, 'idle', 'production');

  const v100 = h.deploy(shop, { environment: 'production', version: 'v1.0.0', finishedAt: NOW - 40 * DAY });
  h.observed(production, '1.0.0', NOW - 40 * DAY + 2 * MINUTE);
  h.session(NOW - 41 * DAY, NOW - 20 * DAY);
  h.hourRollup(production, NOW - 30 * DAY, { up: 50, degraded: 2 });
  h.hourRollup(production, NOW - 25 * DAY, { up: 60 });
  h.hourRollup(production, NOW - 22 * DAY, { up: 40, degraded: 1, down: 3 });
  const incident = h.incident(production, NOW - 22 * DAY + 10 * MINUTE, NOW - 22 * DAY + 40 * MINUTE);
  h.deploy(shop, {
    environment: 'production',
    version: '1.1.0',
    status: 'failed',
    finishedAt: NOW - 21 * DAY,
  });

  const v120 = h.deploy(shop, { environment: 'production', version: '1.2.0', finishedAt: NOW - DAY });
  h.observed(production, 'v1.2.0', NOW - DAY + MINUTE);
  h.session(NOW - 2 * DAY, NOW);
  h.check(production, NOW - 30 * MINUTE, 'down', 'v1.2.0');
  h.check(production, NOW - 5 * MINUTE, 'up', 'v1.2.0');
  h.check(staging, NOW - 3 * DAY, 'degraded', '2.0.0-rc.1'); // its version never observed
  const web = h.deploy(blog, {
    environment: 'web',
    tier: 'other',
    version: '3.0',
    finishedAt: NOW - 2 * HOUR,
  });
  return { h, incident, v100, v120, web };
}

describe('liveAt', () => {
  it('lists nothing before any history', () => {
    const { h } = history();
    expect(h.insights.liveAt(NOW - 50 * DAY)).toEqual({ at: NOW - 50 * DAY, environments: [] });
  });

  it('answers months back from observed versions, deployments, sessions and hour rollups', () => {
    const { h, v100, incident } = history();
    const at = NOW - 30 * DAY + 20 * MINUTE;
    expect(h.insights.liveAt(at).environments).toEqual([
      {
        projectId: expect.any(Number) as number,
        projectName: 'shop',
        environment: 'production',
        tier: 'production',
        version: '1.0.0',
        deploymentId: v100, // "v1.0.0" matches "1.0.0"
        deployedAt: NOW - 40 * DAY,
        state: 'degraded', // the worst in that hour
        checkedAt: NOW - 30 * DAY,
        openIncidentId: null,
      },
    ]);
    const during = h.insights.liveAt(NOW - 22 * DAY + 20 * MINUTE).environments[0]!;
    expect(during).toMatchObject({ state: 'down', openIncidentId: incident });
    const after = h.insights.liveAt(NOW - 22 * DAY + 40 * MINUTE).environments[0]!;
    expect(after).toMatchObject({ state: 'down', openIncidentId: null }); // closed at that instant
    expect(h.insights.liveAt(NOW - 25 * DAY + 59 * MINUTE).environments[0]!.state).toBe('up');
    // Watched, but no rollup for that hour: no data.
    expect(h.insights.liveAt(NOW - 24 * DAY).environments[0]!.state).toBe('unknown');
  });

  it('says unknown when the cockpit was not watching, and ignores failed deploys', () => {
    const { h, v100 } = history();
    const row = h.insights.liveAt(NOW - 10 * DAY).environments[0]!;
    expect(row).toMatchObject({
      version: '1.0.0',
      deploymentId: v100,
      state: 'unknown',
      checkedAt: null,
      openIncidentId: null,
    });
  });

  it('takes the state from a raw check at most 10 minutes old, sorted production first', () => {
    const { h, v120, web } = history();
    const at = NOW - 20 * MINUTE;
    const { environments } = h.insights.liveAt(at);
    expect(environments.map((e) => `${e.projectName}/${e.environment}`)).toEqual([
      'shop/production',
      'blog/web',
      'shop/staging',
    ]);
    expect(environments[0]).toMatchObject({
      version: 'v1.2.0',
      deploymentId: v120, // "1.2.0" matches "v1.2.0"
      deployedAt: NOW - DAY,
      state: 'down',
      checkedAt: NOW - 30 * MINUTE,
    });
    // blog/web: never checked; the deployment gives the version. The session covers it, no rollups.
    expect(environments[1]).toMatchObject({
      tier: 'other',
      version: '3.0',
      deploymentId: web,
      deployedAt: NOW - 2 * HOUR,
      state: 'unknown',
      checkedAt: null,
    });
    // shop/staging: the last check is 3 days old; its version still answers.
    expect(environments[2]).toMatchObject({
      tier: 'staging',
      version: '2.0.0-rc.1',
      deploymentId: null,
      deployedAt: null,
      state: 'unknown',
    });
    expect(h.insights.liveAt(NOW).environments[0]).toMatchObject({
      state: 'up',
      checkedAt: NOW - 5 * MINUTE,
    });
  });

  it('finds a deployment older than a month when nothing else knows the version', () => {
    const { h, web } = history();
    const row = h.insights.liveAt(NOW + 45 * DAY).environments.find((e) => e.environment === 'web');
    expect(row).toMatchObject({ version: '3.0', deploymentId: web, deployedAt: NOW - 2 * HOUR });
  });

  it('counts a check exactly 10 minutes old, not a millisecond older', () => {
    const { h } = history();
    expect(h.insights.liveAt(NOW - 20 * MINUTE).environments[0]!.state).toBe('down');
    expect(h.insights.liveAt(NOW - 20 * MINUTE + 1).environments[0]!.state).toBe('unknown');
  });

  it('shows an environment from its first check, deploy or rollup on', () => {
    const { h } = history();
    const names = (at: number) => h.insights.liveAt(at).environments.map((e) => e.environment);
    expect(names(NOW - 3 * DAY - 1)).toEqual(['production']);
    expect(names(NOW - 3 * DAY)).toEqual(['production', 'staging']);
    expect(names(NOW - 2 * HOUR)).toEqual(['production', 'web', 'staging']);
  });
});
