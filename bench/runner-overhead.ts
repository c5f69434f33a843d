// Runner overhead: pipelines of trivial jobs in stages of 20 parallel jobs, run by the engine, against
// the same commands in a plain bash script (the limit), measured in the same run.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../src/main/engine/kernel/clock.ts';
import { createEngine } from '../src/main/engine/engine.ts';
import { createMemoryLogger } from '../src/main/engine/kernel/diagnostics/logger.ts';
import { median, type BenchRow } from './stats.ts';

const STAGE = 20;

function pipelineYaml(jobs: number): string {
  const lines = ['version: 1', 'pipelines:', '  bench:', `    concurrency: ${STAGE}`, '    jobs:'];
  for (let i = 0; i < jobs; i++) {
    const stage = Math.floor(i / STAGE);
    const needs =
      stage === 0
        ? ''
        : `, needs: [${Array.from({ length: STAGE }, (_, k) => `j${(stage - 1) * STAGE + k}`).join(', ')}]`;
    lines.push(`      j${i}: { run: "true"${needs} }`);
  }
  return `${lines.join('\n')}\n`;
}

function bashScript(jobs: number): string {
  const lines = ['set -e'];
  for (let stage = 0; stage * STAGE < jobs; stage++) {
    for (let k = 0; k < STAGE && stage * STAGE + k < jobs; k++)
      lines.push("bash --noprofile --norc -eo pipefail -c 'true' &");
    lines.push('wait');
  }
  return `${lines.join('\n')}\n`;
}

async function cockpitRun(jobs: number): Promise<number> {
  const root = mkdtempSync(join(tmpdir(), 'cockpit-bench-runner-'));
  const repo = join(root, 'repo');
  mkdirSync(repo, { recursive: true });
  writeFileSync(join(repo, 'cockpit.yml'), pipelineYaml(jobs));
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
    const run = await engine.invoke('runs.start', { projectId: project.id, pipeline: 'bench' });
    const done = await engine.waitForRun(run.id);
    const elapsed = performance.now() - started;
    if (done.status !== 'success') throw new Error(`bench run ended ${done.status}`);
    return elapsed;
  } finally {
    await engine.close();
    rmSync(root, { recursive: true, force: true });
  }
}

/** Node's own floor: the same shells spawned with child_process.spawn from this process, 20 at a time. */
async function nodeSpawnRun(jobs: number): Promise<number> {
  const started = performance.now();
  for (let stage = 0; stage * STAGE < jobs; stage++) {
    const count = Math.min(STAGE, jobs - stage * STAGE);
    await Promise.all(
      Array.from(
        { length: count },
        () =>
          new Promise<void>((resolve, reject) => {
            const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', 'true'], {
              stdio: ['ignore', 'pipe', 'pipe'],
              detached: true,
            });
            child.once('error', reject);
            child.once('close', () => resolve());
          }),
      ),
    );
  }
  return performance.now() - started;
}

function bashRun(jobs: number): number {
  const started = performance.now();
  const result = spawnSync('bash', ['-c', bashScript(jobs)], { stdio: 'ignore' });
  if (result.status !== 0) throw new Error('bash baseline failed');
  return performance.now() - started;
}

export async function runnerOverhead(runs: number): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const medians = new Map<number, number>();
  for (const jobs of [100, 1000]) {
    const cockpit: number[] = [];
    const bash: number[] = [];
    const node: number[] = [];
    const repeats = jobs === 1000 ? Math.max(1, Math.ceil(runs / 3)) : runs;
    for (let i = 0; i < repeats; i++) {
      bash.push(bashRun(jobs));
      node.push(await nodeSpawnRun(jobs));
      cockpit.push(await cockpitRun(jobs));
    }
    const value = median(cockpit);
    const limit = median(bash);
    medians.set(jobs, value);
    rows.push({
      name: `pipeline of ${jobs} trivial jobs (stages of ${STAGE})`,
      value,
      unit: 'ms',
      limit,
      runs: repeats,
    });
    rows.push({
      name: `  same jobs vs bare Node spawn (${jobs} jobs)`,
      value,
      unit: 'ms',
      limit: median(node),
      runs: repeats,
    });
    rows.push({
      name: `  overhead per job vs bash (${jobs} jobs)`,
      value: (value - limit) / jobs,
      unit: 'ms',
      limit: null,
      runs: repeats,
    });
    rows.push({
      name: `  overhead per job vs bare Node spawn (${jobs} jobs)`,
      value: (value - median(node)) / jobs,
      unit: 'ms',
      limit: null,
      runs: repeats,
    });
  }
  rows.push({
    name: 'scaling: 1,000 jobs / 100 jobs (linear = 10)',
    value: medians.get(1000)! / medians.get(100)!,
    unit: '×',
    limit: 10,
    runs,
  });
  return rows;
}
