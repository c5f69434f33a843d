// Notes on deployments and incidents: recorded with who and when, listed in order, refused for
// subjects that do not exist.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures, gitRepo } from '../../testing/fixtures.ts';
import { testEngine } from '../../testing/test-engine.ts';

afterEach(async () => {
  delete process.env.COCKPIT_USER;
  await cleanupFixtures();
});

describe('notes', () => {
  it('records who wrote what on a deployment, oldest first', async () => {
    const engine = testEngine();
    const repo = gitRepo({
      'cockpit.yml': `version: 1
pipelines:
  deploy:
    deploy: { environment: staging }
    jobs: { go: { run: "true" } }
environments:
  - { name: staging, tier: staging, url: "http://127.0.0.1:9" }
`,
    });
    const project = await engine.invoke('projects.add', { path: repo });
    const deployment = await engine.invoke('releases.deploy', {
      projectId: project.id,
      environment: 'staging',
    });
    await engine.waitForDeployment(deployment.id);
    process.env.COCKPIT_USER = 'alice';
    await engine.invoke('notes.add', {
      subject: 'deployment',
      subjectId: deployment.id,
      text: 'Customers saw 502s for 2 minutes',
    });
    process.env.COCKPIT_USER = 'bob';
    await engine.invoke('notes.add', {
      subject: 'deployment',
      subjectId: deployment.id,
      text: 'Cause: cold cache',
    });
    const notes = await engine.invoke('notes.list', { subject: 'deployment', subjectId: deployment.id });
    expect(notes.map((n) => `${n.author}: ${n.text}`)).toEqual([
      'alice: Customers saw 502s for 2 minutes',
      'bob: Cause: cold cache',
    ]);
    expect(notes[0]!.at).toBe(Date.UTC(2026, 0, 1)); // the engine's clock
  });

  it('refuses a subject that does not exist and an empty note', async () => {
    const engine = testEngine();
    await expect(
      engine.invoke('notes.add', { subject: 'incident', subjectId: 41, text: 'x' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'There is no incident #41.',
    });
    await expect(
      engine.invoke('notes.add', { subject: 'deployment', subjectId: 1, text: '   ' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});
