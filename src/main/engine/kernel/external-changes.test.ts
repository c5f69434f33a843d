// Two engines on one data directory, as the app and the CLI are: a run started by one is announced
// by the other, which then reads it from the shared SQLite file.
import { afterEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/protocol.ts';
import { systemClock } from './clock.ts';
import { cleanupFixtures, gitRepo, tempDir } from '../../testing/fixtures.ts';
import { testEngine } from '../../testing/test-engine.ts';

afterEach(cleanupFixtures);

describe('changes made by another process', () => {
  it('reach the app engine as runs.changed, and the run is readable there', async () => {
    const dataDir = tempDir();
    const app = testEngine({ dataDir, clock: systemClock });
    const cli = testEngine({ dataDir, clock: systemClock });
    app.startBackgroundWork();
    const seen: EventPayload<'runs.changed'>[] = [];
    app.events.on('runs.changed', (payload) => seen.push(payload));

    const repo = gitRepo({
      'cockpit.yml': 'version: 1\npipelines:\n  ci:\n    jobs:\n      a: { run: "echo hi" }\n',
    });
    const project = await cli.invoke('projects.add', { path: repo });
    const run = await cli.invoke('runs.start', { projectId: project.id, pipeline: 'ci', trigger: 'cli' });
    await cli.waitForRun(run.id);

    await expect.poll(() => seen.some((event) => event.runId === null), { timeout: 5000 }).toBe(true);
    expect((await app.invoke('runs.get', { runId: run.id })).status).toBe('success');
  });
});
