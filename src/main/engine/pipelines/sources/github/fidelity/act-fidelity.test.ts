// Fidelity against nektos/act: each of act's host-executor runner cases (act-cases.ts, the project's
// own fixtures for their behaviour) runs here, and the same jobs must succeed, fail or be skipped.
// Cases the cockpit handles differently are checked for their own (documented) behaviour, and the
// share that matches must stay at 90% or more of the offline-capable cases.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../../kernel/clock.ts';
import { cleanupFixtures, git, gitRepo, tempDir } from '../../../../../testing/fixtures.ts';
import { testEngine } from '../../../../../testing/test-engine.ts';
import { ACT_CASES } from './act-cases.ts';

afterAll(cleanupFixtures);

const matched: string[] = [];
const differing: string[] = [];

describe("act's runner cases (host executor)", () => {
  const dataDir = tempDir('cockpit-data-');
  const engine = testEngine({ clock: systemClock, killGraceMs: 500, dataDir });

  for (const actCase of ACT_CASES) {
    const title = `${actCase.name}${actCase.differs ? ' (differs: checked for our behaviour)' : ''}`;
    it.skipIf(actCase.notApplicable !== undefined)(title, async () => {
      for (const [path, text] of Object.entries(actCase.actionCache ?? {})) {
        const target = join(dataDir, 'actions', path);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, text);
      }
      const repo = gitRepo(actCase.files);
      if (actCase.origin) git(repo, 'remote', 'add', 'origin', actCase.origin);
      const project = await engine.invoke('projects.add', { path: repo });
      const start = () =>
        engine.invoke('runs.start', { projectId: project.id, pipeline: 'github/case', event: actCase.event });
      if (actCase.differs) {
        await expect(start()).rejects.toThrow(actCase.differs.message);
        differing.push(actCase.name);
        return;
      }
      const run = await start();
      await engine.waitForRun(run.id);
      const detail = await engine.invoke('runs.get', { runId: run.id });
      const statuses = Object.fromEntries(detail.jobs.map((job) => [job.name, job.status]));
      expect(statuses).toEqual(actCase.jobs);
      matched.push(actCase.name);
    });
  }

  it('matches at least 90% of the offline-capable cases', () => {
    const counted = ACT_CASES.filter((c) => c.notApplicable === undefined).length;
    expect(matched.length + differing.length).toBe(counted);
    const share = matched.length / counted;
    console.warn(
      `act fidelity: ${matched.length} of ${counted} offline-capable cases match (${(share * 100).toFixed(1)}%)`,
    );
    expect(share).toBeGreaterThanOrEqual(0.9);
  });
});
