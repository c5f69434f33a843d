// `::add-mask::VALUE` from a job's output, as CI users expect: from that line on, VALUE (and its
// encodings) is masked in every job of the run, and the command line itself keeps no trace of it.
// Real jobs, real shells, a real store.
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../kernel/clock.ts';
import { cleanupFixtures, gitRepo } from '../../../testing/fixtures.ts';
import { testEngine } from '../../../testing/test-engine.ts';

afterEach(cleanupFixtures);

const GENERATED = 'gen-7f3a9c2e-token-value';

describe('::add-mask::', () => {
  it('masks a value a job announces, in that job and the ones after it, in every encoding', async () => {
    const engine = testEngine({ clock: systemClock });
    const repo = gitRepo({
      'cockpit.yml': `version: 1
pipelines:
  ci:
    jobs:
      mint:
        run: |
          echo "printed before it was masked is not retroactive, so print nothing yet"
          echo "::add-mask::${GENERATED}"
          echo "token=${GENERATED}"
          printf '%s' "${GENERATED}" | base64
          printf 'half=${GENERATED.slice(0, 10)}'; sleep 0.05; printf '${GENERATED.slice(10)}\\n'
          echo "::add-mask::abc"
      use:
        needs: mint
        run: echo "using ${GENERATED} in the next job" >&2
`,
    });
    const project = await engine.invoke('projects.add', { path: repo });
    const run = await engine.invoke('runs.start', { projectId: project.id, pipeline: 'ci' });
    await engine.waitForRun(run.id);
    const detail = await engine.invoke('runs.get', { runId: run.id });
    expect(detail.status).toBe('success');
    const logs: string[] = [];
    for (const job of detail.jobs) {
      const page = await engine.invoke('runs.logPage', {
        attemptId: job.attempts[0]!.id,
        fromLine: 0,
        count: 1000,
      });
      logs.push(
        page.lines
          .filter((line) => line.stream !== 'system' || !line.text.startsWith('$ '))
          .map((line) => line.text)
          .join('\n'),
      );
    }
    const [mint, use] = logs as [string, string];
    expect(mint).toContain('::add-mask::***');
    expect(mint).toContain('token=***');
    expect(mint).toContain('half=***');
    expect(mint).toMatch(/cannot mask a value shorter than 4 characters/);
    expect(use).toContain('using *** in the next job');
    for (const text of [mint, use]) {
      expect(text).not.toContain(GENERATED);
      expect(text).not.toContain(Buffer.from(GENERATED).toString('base64').slice(0, 20));
    }
  });
});
