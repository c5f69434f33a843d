// A catastrophic log search must not freeze the engine: against a real `cockpit serve` process, a
// search for `(.|.)*#` over long lines runs while other calls keep being answered; it ends with
// "search stopped after N s" and how far it got; and SIGTERM still stops the process mid-search.
import { afterEach, describe, expect, it } from 'vitest';
import type { RunDetail } from '../../../../shared/domain/run.ts';
import { cleanupFixtures, gitRepo, tempDir } from '../../../testing/fixtures.ts';
import { serveCockpit, type ServedCockpit } from '../../../testing/served-cockpit.ts';

afterEach(cleanupFixtures);

const LINES = 400;
const WIDTH = 60_000;
/** Well under the ~1 s that the slow search below takes on this machine. */
const BUDGET_MS = 250;

/** A served cockpit with one finished run whose log is LINES random base64 lines of WIDTH characters (no "#"). */
async function servedWithLongLog(
  budgetMs = BUDGET_MS,
): Promise<{ cockpit: ServedCockpit; attemptId: number }> {
  const repo = gitRepo({
    'cockpit.yml': `version: 1
pipelines:
  flood:
    jobs:
      print:
        run: node -e "for (let i = 0; i < ${LINES}; i++) console.log(require('crypto').randomBytes(${(WIDTH * 3) / 4}).toString('base64'))"
`,
  });
  const cockpit = await serveCockpit(tempDir('cockpit-data-'), {
    COCKPIT_LOG_SEARCH_BUDGET_MS: String(budgetMs),
  });
  const project = await cockpit.call('projects.add', { path: repo });
  expect(project.ok).toBe(true);
  const started = await cockpit.call('runs.start', {
    projectId: (project.result as { id: number }).id,
    pipeline: 'flood',
  });
  const runId = (started.result as { id: number }).id;
  let detail: RunDetail;
  for (;;) {
    detail = (await cockpit.call('runs.get', { runId })).result as RunDetail;
    if (detail.status !== 'queued' && detail.status !== 'running') break;
    await new Promise((wake) => setTimeout(wake, 100));
  }
  expect(detail.status).toBe('success');
  return { cockpit, attemptId: detail.jobs[0]!.attempts[0]!.id };
}

describe('log search under a catastrophic pattern', () => {
  it('keeps answering other calls while it runs, then stops at its budget with how far it got', async () => {
    const { cockpit, attemptId } = await servedWithLongLog();
    /** Runs a search while calling projects.list every 50 ms; returns its answer and their latencies. */
    const searchWhileCalling = async (query: string) => {
      const search = cockpit.call(
        'runs.logSearch',
        { attemptId, query, regex: true, fromLine: -1, direction: 'next' },
        20_000,
      );
      let done = false;
      void search.finally(() => (done = true));
      const latencies: number[] = [];
      while (!done) {
        const answer = await cockpit.call('projects.list', {}, 5_000);
        expect(answer.ok).toBe(true);
        latencies.push(answer.ms);
        await new Promise((wake) => setTimeout(wake, 50));
      }
      return { answer: await search, latencies: latencies.sort((a, b) => a - b) };
    };

    // The pattern: exponential for a backtracking engine (it froze the engine), linear here.
    const catastrophic = await searchWhileCalling('(.|.)*#');
    expect(catastrophic.answer.ok).toBe(true);
    expect((catastrophic.answer.result as { line: number | null }).line).toBeNull();
    expect(catastrophic.latencies.at(-1) ?? 0).toBeLessThan(1000);
    console.warn(
      `calls during (.|.)*#: ${catastrophic.latencies.length}, max ${(catastrophic.latencies.at(-1) ?? 0).toFixed(1)} ms`,
    );

    // Nested counted repeats over 24 MB take seconds even in linear time: the budget ends the search.
    const slow = await searchWhileCalling('(?:.{1,20}){1,50}#');
    expect(slow.answer.ok).toBe(true);
    const result = slow.answer.result as {
      line: number | null;
      stopped: { afterSeconds: number; throughLine: number; message: string };
    };
    expect(result.line).toBeNull();
    expect(result.stopped.afterSeconds).toBe(BUDGET_MS / 1000);
    expect(result.stopped.throughLine).toBeGreaterThanOrEqual(-1);
    expect(result.stopped.throughLine).toBeLessThan(LINES);
    expect(result.stopped.message).toMatch(
      // Under heavy load the worker may not have finished its first rows when time runs out.
      /^Search stopped after 0\.25 s(: no match in lines 1–[\d,]+ of [\d,]+\. Search again to go on| before it could search a line\.)/,
    );

    // Every call made while either search ran.
    const latencies = [...catastrophic.latencies, ...slow.latencies].sort((a, b) => a - b);
    const median = latencies[Math.floor(latencies.length / 2)]!;
    console.warn(
      `calls during the search: ${latencies.length}, median ${median.toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`,
    );
    expect(latencies.length).toBeGreaterThanOrEqual(4);
    expect(median).toBeLessThan(200);
    expect(latencies.at(-1)!).toBeLessThan(1000); // a frozen engine answers after the search, seconds later
  });

  it('SIGTERM stops the process in the middle of a search', async () => {
    const { cockpit, attemptId } = await servedWithLongLog(60_000);
    void cockpit
      .call(
        'runs.logSearch',
        { attemptId, query: '(.|.)*#', regex: true, fromLine: -1, direction: 'next' },
        20_000,
      )
      .catch(() => undefined);
    await new Promise((wake) => setTimeout(wake, 300));
    const signalled = performance.now();
    cockpit.child.kill('SIGTERM');
    const exit = await Promise.race([
      cockpit.exited,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 10_000)),
    ]);
    expect(exit).not.toBeNull();
    expect(performance.now() - signalled).toBeLessThan(5_000);
  });
});
