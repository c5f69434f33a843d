// The `cockpit` command as a user runs it (bin/cockpit.js, which runs the built CLI in out/cli), against
// the targets of issue #17 and against the same work as a plain bash script, measured in the same run:
// --version and --help (target 50 ms), status of six fresh environments (150 ms), run of a one-job
// pipeline (150 ms), 100 trivial jobs in 5 stages (0.5 s) and 1,000 in 100 stages (≤ 10× the 100).
// Wall time from spawn to exit, the median of BENCH_CLI_RUNS (default 11; pipelines fewer).
import { spawn } from 'node:child_process';
import { readFileSync, statSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, type BenchRow } from './stats.ts';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin', 'cockpit.js');

interface Outcome {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Spawn to exit, asynchronously so the HTTP server the status checks reach keeps answering. */
function timed(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  return new Promise<Outcome>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ ms: performance.now() - started, code, stdout, stderr }));
  });
}

/** Runs `measure` `runs` times, checking each outcome; returns the wall times. */
async function sample(runs: number, measure: () => Promise<Outcome>, expectCode = 0): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const outcome = await measure();
    if (outcome.code !== expectCode) {
      throw new Error(`exit ${outcome.code}, expected ${expectCode}: ${outcome.stderr || outcome.stdout}`);
    }
    times.push(outcome.ms);
  }
  return times;
}

/** The same check as bin/cockpit.js: is out/cli built after its sources last changed? */
function bundleIsCurrent(): boolean {
  try {
    const manifest = JSON.parse(readFileSync(join(root, 'out', 'cli', 'inputs.json'), 'utf8')) as {
      startedAt: number;
      inputs: string[];
    };
    return manifest.inputs.every((input) => statSync(join(root, input)).mtimeMs <= manifest.startedAt);
  } catch {
    return false;
  }
}

/** A cockpit.yml with one pipeline, `many`: `jobs` trivial jobs in `stages` stages, each needing the last. */
function pipelineYaml(jobs: number, stages: number): string {
  const stage = jobs / stages;
  const lines = ['version: 1', 'pipelines:', '  many:', `    concurrency: ${stage}`, '    jobs:'];
  for (let i = 0; i < jobs; i++) {
    const s = Math.floor(i / stage);
    const needs =
      s === 0
        ? ''
        : `, needs: [${Array.from({ length: stage }, (_, k) => `j${(s - 1) * stage + k}`).join(', ')}]`;
    lines.push(`      j${i}: { run: "true"${needs} }`);
  }
  return `${lines.join('\n')}\n`;
}

/** The limit for a pipeline: each job's shell started the way the runner starts it, a stage at a time. */
function bashPipeline(jobs: number, stages: number): string {
  const stage = jobs / stages;
  const lines = ['set -e'];
  for (let s = 0; s < stages; s++) {
    for (let k = 0; k < stage; k++) lines.push("bash --noprofile --norc -eo pipefail -c 'true' &");
    lines.push('wait');
  }
  return `${lines.join('\n')}\n`;
}

function environmentsYaml(port: number): string {
  const tiers = ['development', 'development', 'staging', 'staging', 'production', 'production'];
  const lines = ['environments:'];
  tiers.forEach((tier, i) => {
    lines.push(
      `  - name: env${i}`,
      `    tier: ${tier}`,
      `    url: http://127.0.0.1:${port}/`,
      '    interval: 1h',
      '    checks: [{ http: { path: /health } }]',
      '    version: { path: /version, json_pointer: /version }',
    );
  });
  return `${lines.join('\n')}\n`;
}

/** The limit for status: the same six checks with curl, in parallel, one line printed per environment. */
function bashStatus(port: number): string {
  const lines = [];
  for (let i = 0; i < 6; i++) {
    lines.push(
      `( v=$(curl -fsS --max-time 10 http://127.0.0.1:${port}/version) && curl -fsS -o /dev/null --max-time 10 -w "env${i} up %{time_total}s $v\\n" http://127.0.0.1:${port}/health ) &`,
    );
  }
  lines.push('wait');
  return `${lines.join('\n')}\n`;
}

export async function cliStart(runs: number, pipelineRuns: number): Promise<BenchRow[]> {
  if (!bundleIsCurrent()) {
    throw new Error(
      'the built CLI (out/cli) is missing or older than its sources; run "npm run build:cli" first',
    );
  }
  const work = mkdtempSync(join(tmpdir(), 'cockpit-bench-cli-'));
  const server = createServer((request, response) => {
    response.end(request.url === '/version' ? '{"version":"1.4.2"}' : 'ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  try {
    // One data directory per scenario: every command reads the configuration of every project in its
    // data directory (the "with a 1,000-job project in the data directory" row shows what that costs).
    const script = (name: string, text: string) => {
      writeFileSync(join(work, name), text);
      return () => timed('bash', ['--noprofile', '--norc', join(work, name)], { cwd: root });
    };
    const project = async (name: string, yaml: string, dataDir = name) => {
      const dir = join(work, name);
      mkdirSync(dir);
      writeFileSync(join(dir, 'cockpit.yml'), yaml);
      const env = { COCKPIT_DATA_DIR: join(work, `${dataDir}-data`) };
      const cockpit = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
        timed(process.execPath, [bin, ...args], { cwd: dir, env: { ...env, ...extra } });
      const added = await cockpit(['projects', 'add', dir]);
      if (added.code !== 0) throw new Error(`cockpit projects add ${dir}: ${added.stderr}`);
      return cockpit;
    };
    const cockpit = await project(
      'small',
      `version: 1\npipelines:\n  one:\n    jobs:\n      hello: { run: "echo hello" }\n${environmentsYaml(port)}`,
    );
    // Every environment checked once: fresh for an hour, so status only reads.
    if ((await cockpit(['status'])).code !== 0) throw new Error('cockpit status failed in the set-up');
    const hundredJobs = await project('hundred', pipelineYaml(100, 5));
    const thousandJobs = await project('thousand', pipelineYaml(1000, 100));
    const crowded = await project(
      'crowded',
      `version: 1\npipelines:\n  one:\n    jobs:\n      hello: { run: "echo hello" }\n${environmentsYaml(port)}`,
    );
    await project('crowded-neighbour', pipelineYaml(1000, 100), 'crowded');
    if ((await crowded(['status'])).code !== 0) throw new Error('cockpit status failed in the set-up');
    writeFileSync(join(work, 'help.txt'), (await cockpit(['--help'])).stdout);

    const rows: BenchRow[] = [];
    const add = (name: string, values: number[], limit: number | null, count = values.length) =>
      rows.push({ name, value: median(values), unit: 'ms', limit, runs: count });

    const version = await sample(runs, () => cockpit(['--version']));
    add('cockpit --version (target 50 ms)', version, 50);
    add(
      '  same vs bash reading package.json',
      version,
      median(
        await sample(
          runs,
          script(
            'version.sh',
            `v=$(grep -m1 '"version"' package.json); v=\${v#*: \\"}; echo "\${v%%\\"*}"\n`,
          ),
        ),
      ),
    );
    add(
      '  same vs bare node printing it',
      version,
      median(
        await sample(runs, () =>
          timed(process.execPath, ['-e', "console.log(require('./package.json').version)"], { cwd: root }),
        ),
      ),
    );
    add(
      'cockpit --version from source (COCKPIT_CLI_FROM_SOURCE=1)',
      await sample(runs, () => cockpit(['--version'], { COCKPIT_CLI_FROM_SOURCE: '1' })),
      50,
    );

    const help = await sample(runs, () => cockpit(['--help']));
    add('cockpit --help (target 50 ms)', help, 50);
    add(
      '  same vs bash printing the text',
      help,
      median(await sample(runs, script('help.sh', `cat "${join(work, 'help.txt')}"\n`))),
    );

    const status = await sample(runs, () => cockpit(['status']));
    add('cockpit status, 6 environments checked within the hour (target 150 ms)', status, 150);
    add(
      '  same vs bash checking them with curl',
      status,
      median(await sample(runs, script('status.sh', bashStatus(port)))),
    );

    add(
      '  same with a 1,000-job project in the data directory',
      await sample(runs, () => crowded(['status'])),
      median(status),
    );

    const one = await sample(pipelineRuns, () => cockpit(['run', 'one']));
    add('cockpit run, one-job pipeline (target 150 ms)', one, 150);
    add(
      '  same vs bash running the job',
      one,
      median(
        await sample(
          pipelineRuns,
          script('one.sh', "bash --noprofile --norc -eo pipefail -c 'echo hello'\n"),
        ),
      ),
    );

    const hundred = await sample(pipelineRuns, () => hundredJobs(['run', 'many']));
    add('cockpit run, 100 jobs in 5 stages (target 500 ms)', hundred, 500);
    add(
      '  same vs bash running the jobs',
      hundred,
      median(await sample(pipelineRuns, script('many.sh', bashPipeline(100, 5)))),
    );

    const thousandRuns = Math.max(1, Math.ceil(pipelineRuns / 3));
    const thousand = await sample(thousandRuns, () => thousandJobs(['run', 'many']));
    add('cockpit run, 1,000 jobs in 100 stages (target ≤ 10× the 100)', thousand, 10 * median(hundred));
    add(
      '  same vs bash running the jobs',
      thousand,
      median(await sample(thousandRuns, script('big.sh', bashPipeline(1000, 100)))),
    );
    return rows;
  } finally {
    server.close();
    rmSync(work, { recursive: true, force: true });
  }
}
