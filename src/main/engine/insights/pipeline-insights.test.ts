import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures } from '../../testing/fixtures.ts';
import { closeHistories, historyDb, type JobSpec } from '../../testing/insights-history.ts';
import { DAY, HOUR, MINUTE } from './stats.ts';

afterEach(async () => {
  closeHistories();
  await cleanupFixtures();
});

const NOW = Date.UTC(2026, 5, 15, 12, 0, 0);
const min = (n: number) => n * MINUTE;

type History = ReturnType<typeof historyDb>;
type RunSpec = Parameters<History['run']>[1];

/** Records runs of one pipeline, each ended at `finishedAt` after `minutes`. */
function pipelineRuns(h: History, projectId: number, pipeline: string) {
  return (status: string, finishedAt: number, minutes: number, more: Partial<RunSpec> = {}) =>
    h.run(projectId, { pipeline, status, finishedAt, ms: min(minutes), ...more });
}

/** A job that took `minutes`, with its attempts' statuses when it was retried. */
function job(name: string, status: string, minutes?: number, attempts?: string[]): JobSpec {
  return {
    name,
    status,
    ...(minutes === undefined ? {} : { ms: min(minutes) }),
    ...(attempts && { attempts }),
  };
}

function history() {
  const h = historyDb(NOW);
  const shop = h.project('shop');
  const blog = h.project('blog');
  const ids: Record<string, number> = {};
  const shopCi = pipelineRuns(h, shop, 'ci');
  // shop / ci, in the last 7 days.
  ids.r1 = shopCi('success', NOW - 6 * DAY, 10, {
    sha: 's1',
    jobs: [job('build', 'success', 4), job('test', 'success', 5, ['failed', 'success'])], // saved by a retry
  });
  ids.r2 = shopCi('failed', NOW - 5 * DAY, 3, {
    sha: 's2',
    jobs: [job('build', 'success', 2), job('test', 'failed', 1, ['failed', 'timed_out'])], // retried, never passed
  });
  ids.r3 = shopCi('success', NOW - 5 * DAY + HOUR, 12, {
    sha: 's2', // the same commit passes: a flake
    jobs: [job('build', 'success', 3), job('test', 'success', 6)],
  });
  ids.r4 = shopCi('cancelled', NOW - 4 * DAY, 1, {
    sha: 's4',
    jobs: [job('build', 'cancelled'), job('test', 'skipped')],
  });
  ids.r9 = shopCi('failed', NOW - 3 * DAY, 2, {
    sha: 's3',
    dirty: true,
    jobs: [job('build', 'success', 1), job('test', 'failed', 1)],
  });
  ids.r6 = shopCi('interrupted', NOW - 2 * DAY, 1);
  ids.r5 = shopCi('success', NOW - DAY, 8, {
    sha: 's3',
    dirty: true, // failed and passed on a dirty tree: not a commit flake
    jobs: [job('build', 'success', 5), job('test', 'success', 4, ['timed_out', 'success'])],
  });
  // Older runs: the previous week.
  shopCi('success', NOW - 8 * DAY, 20);
  shopCi('success', NOW - 9 * DAY, 30);
  shopCi('success', NOW - 15 * DAY, 90); // older still
  // shop / nightly: a slow job with exactly three successful runs; shop / deploy: two.
  for (const day of [1, 2, 3]) {
    ids[`n${day}`] = pipelineRuns(h, shop, 'nightly')('success', NOW - day * DAY, 31, {
      jobs: [job('e2e', 'success', 30)],
    });
  }
  for (const day of [1, 2]) {
    pipelineRuns(h, shop, 'deploy')('success', NOW - day * DAY - HOUR, 61, {
      jobs: [job('ship', 'success', 60)],
    });
  }
  // blog / ci: one retry; failing twice on one commit is not a flake.
  const blogCi = pipelineRuns(h, blog, 'ci');
  ids.b1 = blogCi('success', NOW - 2 * HOUR, 2, {
    sha: 'b1',
    jobs: [job('lint', 'success', 1, ['failed', 'failed', 'success'])],
  });
  for (const hours of [5, 4]) {
    blogCi('failed', NOW - hours * HOUR, 2, { sha: 'b2', jobs: [job('lint', 'failed', 1)] });
  }
  return { h, shop, blog, ids };
}

describe('pipeline insights', () => {
  it('reports runs, success rate (cancelled and interrupted aside), durations and the previous median', () => {
    const { h } = history();
    const result = h.insights.pipelines({ range: '7d' });
    expect(result.range).toBe('7d');
    expect(result.pipelines.map((p) => `${p.projectName}/${p.pipeline}`)).toEqual([
      'blog/ci',
      'shop/ci',
      'shop/deploy',
      'shop/nightly',
    ]);
    const ci = result.pipelines[1]!;
    // 7 runs; counted: r1, r2, r3, r9, r5; succeeded: r1, r3, r5.
    expect(ci).toMatchObject({ runs: 7, successRate: 3 / 5, medianMs: min(10), p90Ms: min(12) });
    expect(ci.previousMedianMs).toBe(min(20)); // [20, 30] → the lower middle
    // Daily buckets: r1 on day 0, r3 on day 2, r5 on day 5.
    expect(ci.series.map((p) => [p.runs, p.medianMs])).toEqual([
      [1, min(10)],
      [0, null],
      [1, min(12)],
      [0, null],
      [0, null],
      [1, min(8)],
      [0, null],
    ]);
    expect(ci.series[0]!.start).toBe(NOW - 7 * DAY);
    // build succeeded in r1, r2, r3, r9, r5: 4, 2, 3, 1, 5 min; test in r1, r3, r5: 5, 6, 4 min.
    expect(ci.jobs).toEqual([
      { job: 'build', runs: 5, medianMs: min(3), p90Ms: min(5) },
      { job: 'test', runs: 3, medianMs: min(5), p90Ms: min(6) },
    ]);
  });

  it('lists the slowest jobs over at least three successful runs', () => {
    const { h, ids } = history();
    const slowest = h.insights.pipelines({ range: '7d' }).slowestJobs;
    expect(slowest.map((j) => [j.pipeline, j.job, j.runs, j.medianMs, j.p90Ms])).toEqual([
      ['nightly', 'e2e', 3, min(30), min(30)],
      ['ci', 'test', 3, min(5), min(6)],
      ['ci', 'build', 5, min(3), min(5)],
    ]); // deploy/ship (two runs) and blog/lint (one) are left out
    expect(slowest[0]!.lastRunId).toBe(ids.n1);
    expect(slowest[1]!.lastRunId).toBe(ids.r5);
  });

  it('finds flaky jobs: passed on retry, or failed and passed on the same clean commit', () => {
    const { h, ids } = history();
    const flaky = h.insights.pipelines({ range: '7d' }).flakyJobs;
    expect(flaky).toEqual([
      {
        projectId: expect.any(Number) as number,
        projectName: 'shop',
        pipeline: 'ci',
        job: 'test',
        flakes: 3,
        runs: 5, // r1, r2, r3, r9, r5 (skipped in r4)
        lastFlakyRunId: ids.r5,
        why: 'passed on retry in 2 runs; failed and passed on 1 commit',
      },
      {
        projectId: expect.any(Number) as number,
        projectName: 'blog',
        pipeline: 'ci',
        job: 'lint',
        flakes: 1,
        runs: 3,
        lastFlakyRunId: ids.b1,
        why: 'passed on retry in 1 run',
      },
    ]);
  });

  it('is not fooled by a run told to fail: only the same job on the same commit and params failing and passing is a flake', () => {
    const h = historyDb(NOW);
    const demo = h.project('demo');
    const failing = { name: 'unit-tests', status: 'failed' } as const;
    const passing = { name: 'unit-tests', status: 'success' } as const;
    /** A one-minute ci run of `sha` that ended at `finishedAt`. */
    const ci = (status: string, finishedAt: number, sha: string, more: Partial<RunSpec> = {}) =>
      pipelineRuns(h, demo, 'ci')(status, finishedAt, 1, {
        sha,
        jobs: [status === 'success' ? passing : failing],
        ...more,
      });
    // Commit c1: failed with fail_tests=true, then passed without it — the param changed, not luck.
    ci('failed', NOW - 3 * HOUR, 'c1', { params: { fail_tests: true } });
    ci('success', NOW - 2 * HOUR, 'c1', { params: { fail_tests: false } });
    // Commit c2: failed once, never run again.
    ci('failed', NOW - 90 * MINUTE, 'c2');
    expect(h.insights.pipelines({ range: '7d' }).flakyJobs).toEqual([]);
    // Commit c3: failed, and its re-run with the same params passed — a flake.
    const failed = ci('failed', NOW - HOUR, 'c3', { params: { fail_tests: false } });
    const rerun = ci('success', NOW - 30 * MINUTE, 'c3', { params: { fail_tests: false }, rerunOf: failed });
    expect(h.insights.pipelines({ range: '7d' }).flakyJobs).toMatchObject([
      { job: 'unit-tests', flakes: 1, lastFlakyRunId: rerun, why: 'failed and passed on 1 commit' },
    ]);
  });

  it('filters by project and widens with the range', () => {
    const { h, blog } = history();
    const blogOnly = h.insights.pipelines({ projectId: blog, range: '7d' });
    expect(blogOnly.pipelines.map((p) => p.projectName)).toEqual(['blog']);
    expect(blogOnly.flakyJobs.map((j) => j.job)).toEqual(['lint']);
    expect(blogOnly.slowestJobs).toEqual([]);
    const month = h.insights.pipelines({ range: '30d' });
    const ci = month.pipelines.find((p) => p.projectName === 'shop' && p.pipeline === 'ci')!;
    // Successful: 10, 12, 8, 20, 30, 90 min → median 12, p90 90; nothing before 30 days.
    expect(ci).toMatchObject({ runs: 10, medianMs: min(12), p90Ms: min(90), previousMedianMs: null });
    expect(ci.series).toHaveLength(5);
  });

  it('lists jobs by their earliest place in the pipeline', () => {
    const h = historyDb(NOW);
    const docs = h.project('docs');
    const jobs = (...names: string[]) => names.map((name) => ({ name, status: 'success' }));
    const site = pipelineRuns(h, docs, 'site');
    site('success', NOW - 2 * DAY, 3, { jobs: jobs('lint', 'build', 'publish') });
    site('success', NOW - DAY, 2, { jobs: jobs('publish', 'lint') });
    const insights = h.insights.pipelines({ range: '7d' }).pipelines[0]!;
    expect(insights.jobs.map((j) => [j.job, j.runs])).toEqual([
      ['lint', 2], // positions 0 and 1
      ['publish', 2], // 2 and 0
      ['build', 1], // 1
    ]);
  });

  it('is empty without runs', () => {
    const h = historyDb(NOW);
    h.project('shop');
    expect(h.insights.pipelines({ range: '90d' })).toEqual({
      range: '90d',
      pipelines: [],
      slowestJobs: [],
      flakyJobs: [],
    });
  });
});
