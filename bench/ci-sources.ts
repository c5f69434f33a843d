// Pipeline sources: 100 trivial jobs in 5 stages of 20, from a .gitlab-ci.yml and from a GitHub
// workflow, against the same jobs in cockpit.yml (the native format is the limit here), and against
// gitlab-ci-local when it is installed (jobs without an image run in its shell executor), all in
// the same run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../src/main/engine/kernel/clock.ts';
import { createEngine } from '../src/main/engine/engine.ts';
import { createMemoryLogger } from '../src/main/engine/kernel/diagnostics/logger.ts';
import { median, type BenchRow } from './stats.ts';

const JOBS = 100;
const STAGE = 20;
const stageOf = (i: number) => Math.floor(i / STAGE);

function gitlabYaml(): string {
  const stages = Array.from({ length: JOBS / STAGE }, (_, s) => `s${s}`);
  const jobs = Array.from({ length: JOBS }, (_, i) => `j${i}:\n  stage: s${stageOf(i)}\n  script: "true"`);
  return `stages: [${stages.join(', ')}]\n${jobs.join('\n')}\n`;
}

function workflowYaml(): string {
  const jobs = Array.from({ length: JOBS }, (_, i) => {
    const needs =
      stageOf(i) === 0
        ? ''
        : `\n    needs: [${Array.from({ length: STAGE }, (_, k) => `j${(stageOf(i) - 1) * STAGE + k}`).join(', ')}]`;
    return `  j${i}:\n    runs-on: x${needs}\n    steps:\n      - run: "true"`;
  });
  return `on: push\njobs:\n${jobs.join('\n')}\n`;
}

function cockpitYaml(): string {
  const jobs = Array.from({ length: JOBS }, (_, i) => {
    const needs =
      stageOf(i) === 0
        ? ''
        : `, needs: [${Array.from({ length: STAGE }, (_, k) => `j${(stageOf(i) - 1) * STAGE + k}`).join(', ')}]`;
    return `      j${i}: { run: "true"${needs} }`;
  });
  return `version: 1\npipelines:\n  bench:\n    jobs:\n${jobs.join('\n')}\n`;
}

async function timedRun(files: Record<string, string>, pipeline: string): Promise<number> {
  const root = mkdtempSync(join(tmpdir(), 'cockpit-bench-sources-'));
  const repo = join(root, 'repo');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(repo, name, '..'), { recursive: true });
    writeFileSync(join(repo, name), text);
  }
  const engine = createEngine({
    dataDir: join(root, 'data'),
    version: 'bench',
    host: 'test',
    clock: systemClock,
    logger: createMemoryLogger(),
  });
  try {
    const project = await engine.invoke('projects.add', { path: repo });
    const started = performance.now();
    const run = await engine.invoke('runs.start', { projectId: project.id, pipeline });
    const done = await engine.waitForRun(run.id);
    if (done.status !== 'success') throw new Error(`bench run of ${pipeline} ended ${done.status}`);
    const detail = await engine.invoke('runs.get', { runId: run.id });
    const notRun = detail.jobs.filter((job) => job.status !== 'success');
    if (notRun.length > 0) throw new Error(`bench run of ${pipeline}: ${notRun.length} jobs did not run`);
    return performance.now() - started;
  } finally {
    await engine.close();
    rmSync(root, { recursive: true, force: true });
  }
}

/** gitlab-ci-local on the same file, when installed; null otherwise. */
function gitlabCiLocal(): number | null {
  if (spawnSync('gitlab-ci-local', ['--version'], { stdio: 'ignore' }).status !== 0) return null;
  const repo = mkdtempSync(join(tmpdir(), 'cockpit-bench-gcl-'));
  try {
    writeFileSync(join(repo, '.gitlab-ci.yml'), gitlabYaml());
    spawnSync('git', ['init', '-q'], { cwd: repo });
    const started = performance.now();
    // Jobs without `image:` run on the host in gitlab-ci-local's shell executor (4.x has no flag for it).
    const result = spawnSync('gitlab-ci-local', [], { cwd: repo, stdio: 'ignore' });
    if (result.status !== 0) return null;
    return performance.now() - started;
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

export async function ciSources(runs: number): Promise<BenchRow[]> {
  const native: number[] = [];
  const gitlab: number[] = [];
  const github: number[] = [];
  for (let i = 0; i < runs; i++) {
    native.push(await timedRun({ 'cockpit.yml': cockpitYaml() }, 'bench'));
    gitlab.push(await timedRun({ '.gitlab-ci.yml': gitlabYaml() }, 'gitlab'));
    github.push(await timedRun({ '.github/workflows/bench.yml': workflowYaml() }, 'github/bench'));
  }
  const limit = median(native);
  const rows: BenchRow[] = [
    {
      name: `${JOBS} trivial jobs from .gitlab-ci.yml vs cockpit.yml`,
      value: median(gitlab),
      unit: 'ms',
      limit,
      runs,
    },
    {
      name: `${JOBS} trivial jobs from a GitHub workflow vs cockpit.yml`,
      value: median(github),
      unit: 'ms',
      limit,
      runs,
    },
  ];
  const peer = gitlabCiLocal();
  rows.push(
    peer === null
      ? {
          name: '  gitlab-ci-local on the same file: not installed',
          value: 0,
          unit: 'ms',
          limit: null,
          runs: 0,
        }
      : {
          name: '  gitlab-ci-local on the same file / cockpit',
          value: peer,
          unit: 'ms',
          limit: median(gitlab),
          runs: 1,
        },
  );
  return rows;
}
