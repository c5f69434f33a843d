// Pipeline trends from the run history: durations (median, p90) and success rates per pipeline, the
// slowest jobs, and the flaky ones — jobs saved by a retry, or failing and passing on one commit with
// the same params (a run told to fail, then run again without, is not a flake).
import type { Database, Statement } from 'better-sqlite3';
import type { InsightRange, PipelineInsights } from '../../../shared/domain/insights.ts';
import { bucketIndex, bucketsOf, medianAndP90, windowsOf } from './stats.ts';

export interface PipelineParams {
  projectId?: number;
  range: InsightRange;
}

const SLOWEST = 10;
const SLOWEST_MIN_RUNS = 3;
const FLAKIEST = 20;

// Statuses arrive as small numbers (cheaper than a string per row): what each means here.
const NOT_RUN = 0; // a job pending or skipped
const PASSED = 1;
const FAILED = 2; // failed or timed out
const OTHER = 3; // cancelled, interrupted, still running
const UNCOUNTED = 4; // a run cancelled or interrupted: says nothing about the pipeline
const statusCode = (column: string) =>
  `CASE ${column} WHEN 'success' THEN ${PASSED} WHEN 'failed' THEN ${FAILED} WHEN 'timed_out' THEN ${FAILED}
     WHEN 'pending' THEN ${NOT_RUN} WHEN 'skipped' THEN ${NOT_RUN}
     WHEN 'cancelled' THEN ${UNCOUNTED} WHEN 'interrupted' THEN ${UNCOUNTED} ELSE ${OTHER} END`;

interface Bind {
  from: number;
  to: number;
  projectId: number | null;
}

type RunRow = [
  id: number,
  projectId: number,
  pipeline: string,
  status: number,
  durationMs: number | null,
  finishedAt: number,
  /** The commit, when the tree was clean. */
  cleanSha: string | null,
  /** The params it ran with (JSON). */
  params: string,
];

type JobRow = [
  id: number,
  runId: number,
  name: string,
  position: number,
  status: number,
  durationMs: number | null,
];

interface Statements {
  runs: Statement<[Bind], RunRow>;
  previous: Statement<[Bind], [projectId: number, pipeline: string, durationMs: number]>;
  jobs: Statement<[Bind], JobRow>;
  retried: Statement<[number, number], number>;
}

function prepare(db: Database): Statements {
  const inWindow = `r.finished_at > @from AND r.finished_at <= @to AND (@projectId IS NULL OR r.project_id = @projectId)`;
  return {
    runs: db
      .prepare<[Bind], RunRow>(
        `SELECT r.id, r.project_id, r.pipeline, ${statusCode('r.status')}, r.finished_at - r.started_at,
                r.finished_at, CASE WHEN r.git_dirty = 0 THEN r.git_sha END, r.params
         FROM runs r WHERE ${inWindow}`,
      )
      .raw(true),
    previous: db
      .prepare<[Bind], [number, string, number]>(
        `SELECT r.project_id, r.pipeline, r.finished_at - r.started_at FROM runs r
         WHERE ${inWindow} AND r.status = 'success' AND r.started_at IS NOT NULL`,
      )
      .raw(true),
    jobs: db
      .prepare<[Bind], JobRow>(
        `SELECT j.id, j.run_id, j.name, j.position, ${statusCode('j.status')}, j.finished_at - j.started_at
         FROM runs r JOIN jobs j ON j.run_id = r.id WHERE ${inWindow}`,
      )
      .raw(true),
    // Jobs among ids [from, to] with a failed attempt followed by a successful one. Walking the
    // (job_id, number) key over the window's id range beats one lookup per job: retries are rare.
    retried: db
      .prepare<[number, number], number>(
        `SELECT DISTINCT a.job_id FROM attempts a
         WHERE a.job_id BETWEEN ? AND ? AND a.number > 1 AND a.status = 'success'
           AND EXISTS (SELECT 1 FROM attempts b WHERE b.job_id = a.job_id AND b.number < a.number
                         AND b.status IN ('failed', 'timed_out'))`,
      )
      .pluck(),
  };
}

/** A run in the window: its pipeline's tally and, when the tree was clean, its commit and params. */
interface Run {
  id: number;
  finishedAt: number;
  acc: PipelineAcc;
  /** The same inputs: commit and params; null on a dirty tree or outside git. */
  inputs: string | null;
}

interface PipelineAcc {
  projectId: number;
  pipeline: string;
  runs: number;
  succeeded: number;
  counted: number; // finished runs that say something about the pipeline (not cancelled or interrupted)
  /** Successful runs: when each finished and how long it took. */
  finishes: number[];
  durations: number[];
  previous: number[];
  jobs: Map<string, JobAcc>;
  /** The job last seen at each position, to skip the lookup by name for most rows. */
  byPosition: (JobAcc | undefined)[];
  /** Whether any of its jobs failed on a clean commit (only then look for passes on one). */
  cleanFailures: boolean;
}

interface JobAcc {
  acc: PipelineAcc;
  job: string;
  /** Its earliest place in the pipeline's definition, to list jobs in that order. */
  position: number;
  durations: number[];
  /** The latest run (by finish) in which it succeeded. */
  lastRun: Run | null;
  runs: number;
  retriedRuns: number;
  lastRetriedRun: Run | null;
  /** Inputs (clean commit and params) it failed on, with the latest such run; then those it also passed on. */
  failedOn: Map<string, Run> | null;
  flakyOn: Map<string, Run> | null;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const later = (a: Run | null, b: Run): Run => (a === null || b.finishedAt > a.finishedAt ? b : a);

export function createPipelineInsights(db: Database) {
  const s = prepare(db);
  return function pipelineInsights(
    params: PipelineParams,
    context: { now: number; projects: { id: number; name: string }[] },
  ): PipelineInsights {
    const { current, previous } = windowsOf(params.range, context.now);
    const projectId = params.projectId ?? null;
    const names = new Map(context.projects.map((p) => [p.id, p.name]));
    const nameOf = (id: number) => names.get(id) ?? `project ${id}`;
    const { runs, previousRuns, jobs, retried } = db.transaction(() => {
      const jobs = s.jobs.all({ from: current.from, to: current.to, projectId });
      let first = Infinity;
      let last = -Infinity;
      for (const row of jobs) {
        if (row[0] < first) first = row[0];
        if (row[0] > last) last = row[0];
      }
      return {
        runs: s.runs.all({ from: current.from, to: current.to, projectId }),
        previousRuns: s.previous.all({ from: previous.from, to: previous.to, projectId }),
        jobs,
        retried: new Set(jobs.length === 0 ? [] : s.retried.all(first, last)),
      };
    })();

    const pipelines = new Map<number, Map<string, PipelineAcc>>();
    const pipelineOf = (runProject: number, pipeline: string): PipelineAcc => {
      let ofProject = pipelines.get(runProject);
      if (!ofProject) pipelines.set(runProject, (ofProject = new Map<string, PipelineAcc>()));
      let acc = ofProject.get(pipeline);
      if (!acc) {
        acc = {
          projectId: runProject,
          pipeline,
          runs: 0,
          succeeded: 0,
          counted: 0,
          finishes: [],
          durations: [],
          previous: [],
          jobs: new Map(),
          byPosition: [],
          cleanFailures: false,
        };
        ofProject.set(pipeline, acc);
      }
      return acc;
    };
    // Runs by id, in an array from the smallest id (ids of a window are close together).
    let firstRun = Infinity;
    for (const row of runs) if (row[0] < firstRun) firstRun = row[0];
    const runById: (Run | undefined)[] = [];
    for (const [id, runProject, pipeline, status, ms, finishedAt, sha, params] of runs) {
      const acc = pipelineOf(runProject, pipeline);
      runById[id - firstRun] = { id, finishedAt, acc, inputs: sha === null ? null : `${sha}\u0000${params}` };
      acc.runs++;
      if (status !== UNCOUNTED) acc.counted++;
      if (status !== PASSED) continue;
      acc.succeeded++;
      if (ms === null) continue;
      acc.finishes.push(finishedAt);
      acc.durations.push(ms);
    }
    for (const [runProject, pipeline, ms] of previousRuns) pipelineOf(runProject, pipeline).previous.push(ms);

    const byJob: JobAcc[] = [];
    const jobOf = (run: Run, name: string, position: number): JobAcc => {
      const pipeline = run.acc;
      let acc = pipeline.byPosition[position];
      if (acc?.job === name) return acc;
      acc = pipeline.jobs.get(name);
      if (!acc) {
        acc = {
          acc: pipeline,
          job: name,
          position,
          durations: [],
          lastRun: null,
          runs: 0,
          retriedRuns: 0,
          lastRetriedRun: null,
          failedOn: null,
          flakyOn: null,
        };
        pipeline.jobs.set(name, acc);
        byJob.push(acc);
      }
      pipeline.byPosition[position] = acc;
      return acc;
    };
    for (const [jobId, runId, name, position, status, ms] of jobs) {
      const run = runById[runId - firstRun]!; // both reads share one snapshot
      const acc = jobOf(run, name, position);
      if (position < acc.position) acc.position = position;
      if (status === NOT_RUN) continue;
      acc.runs++;
      if (status === PASSED && ms !== null) {
        acc.durations.push(ms);
        acc.lastRun = later(acc.lastRun, run);
      }
      if (retried.has(jobId)) {
        acc.retriedRuns++;
        acc.lastRetriedRun = later(acc.lastRetriedRun, run);
      }
      if (status === FAILED && run.inputs !== null) {
        acc.failedOn ??= new Map();
        acc.failedOn.set(run.inputs, later(acc.failedOn.get(run.inputs) ?? null, run));
        run.acc.cleanFailures = true;
      }
    }
    // Failures on a clean commit are rare: only now look for a pass of the same job on the same inputs.
    for (const [, runId, name, position, status] of jobs) {
      const run = runById[runId - firstRun]!;
      if (status !== PASSED || run.inputs === null || !run.acc.cleanFailures) continue;
      const acc = jobOf(run, name, position);
      const failedRun = acc.failedOn?.get(run.inputs);
      if (failedRun === undefined) continue;
      acc.flakyOn ??= new Map();
      acc.flakyOn.set(run.inputs, later(acc.flakyOn.get(run.inputs) ?? failedRun, run));
    }
    const stats = new Map(byJob.map((j) => [j, medianAndP90(j.durations)]));

    const { step, buckets } = bucketsOf(params.range, current);
    const trends = [...pipelines.values()]
      .flatMap((ofProject) => [...ofProject.values()])
      .filter((p) => p.runs > 0)
      .map((p) => {
        const perBucket = buckets.map(() => [] as number[]);
        p.finishes.forEach((at, i) =>
          perBucket[bucketIndex(buckets.length, step, current, at)]!.push(p.durations[i]!),
        );
        const overall = medianAndP90(p.durations);
        return {
          projectId: p.projectId,
          projectName: nameOf(p.projectId),
          pipeline: p.pipeline,
          runs: p.runs,
          successRate: p.counted === 0 ? null : p.succeeded / p.counted,
          medianMs: overall.medianMs,
          p90Ms: overall.p90Ms,
          previousMedianMs: medianAndP90(p.previous).medianMs,
          series: perBucket.map((values, i) => {
            const stats = medianAndP90(values);
            return {
              start: buckets[i]!.from,
              runs: stats.samples,
              medianMs: stats.medianMs,
              p90Ms: stats.p90Ms,
            };
          }),
          jobs: [...p.jobs.values()]
            .filter((j) => j.durations.length > 0)
            .sort((a, b) => a.position - b.position || a.job.localeCompare(b.job))
            .map((j) => {
              const { samples, medianMs, p90Ms } = stats.get(j)!;
              return { job: j.job, runs: samples, medianMs, p90Ms };
            }),
        };
      })
      .sort((a, b) => a.projectName.localeCompare(b.projectName) || a.pipeline.localeCompare(b.pipeline));

    const slowestJobs = byJob
      .filter((j) => j.durations.length >= SLOWEST_MIN_RUNS)
      .map((j) => {
        const { samples, medianMs, p90Ms } = stats.get(j)!;
        return {
          projectId: j.acc.projectId,
          projectName: nameOf(j.acc.projectId),
          pipeline: j.acc.pipeline,
          job: j.job,
          runs: samples,
          medianMs: medianMs!,
          p90Ms: p90Ms!,
          lastRunId: j.lastRun!.id,
        };
      })
      .sort((a, b) => b.medianMs - a.medianMs || b.p90Ms - a.p90Ms || a.job.localeCompare(b.job))
      .slice(0, SLOWEST);

    const flakyJobs = byJob
      .map((j) => {
        let last = j.lastRetriedRun;
        for (const run of j.flakyOn?.values() ?? []) last = later(last, run);
        const flakyCommits = j.flakyOn?.size ?? 0;
        const why = [
          j.retriedRuns > 0 ? `passed on retry in ${plural(j.retriedRuns, 'run')}` : null,
          flakyCommits > 0 ? `failed and passed on ${plural(flakyCommits, 'commit')}` : null,
        ]
          .filter((part) => part !== null)
          .join('; ');
        return {
          projectId: j.acc.projectId,
          projectName: nameOf(j.acc.projectId),
          pipeline: j.acc.pipeline,
          job: j.job,
          flakes: j.retriedRuns + flakyCommits,
          runs: j.runs,
          lastFlakyRunId: last?.id ?? 0,
          why,
        };
      })
      .filter((j) => j.flakes > 0)
      .sort(
        (a, b) =>
          b.flakes - a.flakes || a.projectName.localeCompare(b.projectName) || a.job.localeCompare(b.job),
      )
      .slice(0, FLAKIEST);

    return { range: params.range, pipelines: trends, slowestJobs, flakyJobs };
  };
}

export type PipelineInsightsQuery = ReturnType<typeof createPipelineInsights>;
