// Log throughput: a real job printing 202 MB of 100-character lines, run through runProcess and the
// log writer into a real log file indexed in a real SQLite database, against the same stream redirected to a file by bash in the
// same run; and the peak RSS of the process doing it (limit: 200 MB).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MB, PRODUCER } from './log-producer.ts';
import { median, type BenchRow } from './stats.ts';

const RSS_LIMIT_MB = 200;
const SECRETS = [
  'sk_live_4f9a8b7c6d5e4f3a',
  'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
  'hunter2-but-longer',
];
const job = join(import.meta.dirname, 'log-throughput-job.ts');

/** MB/s of the bare redirect, and the size of the stream it wrote. */
function bare(dir: string): { rate: number; size: number } {
  const started = performance.now();
  execFileSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', `${PRODUCER} > out.txt`], {
    cwd: dir,
    stdio: 'ignore',
  });
  const seconds = (performance.now() - started) / 1000;
  const size = statSync(join(dir, 'out.txt')).size;
  rmSync(join(dir, 'out.txt'));
  return { rate: size / MB / seconds, size };
}

/** One cockpit run in a fresh process (see log-throughput-job.ts), so its RSS is the job's alone. */
function cockpit(dir: string, size: number, secrets: readonly string[]) {
  const output = execFileSync(process.execPath, [job, dir, String(size), ...secrets], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(output) as { rate: number; peakRss: number; idleRss: number };
}

export function logThroughput(runs: number): BenchRow[] {
  const limit: number[] = [];
  const plain: number[] = [];
  const masked: number[] = [];
  const peaks: number[] = [];
  const idles: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'cockpit-bench-logs-'));
    try {
      const { rate, size } = bare(dir);
      limit.push(rate);
      for (const [secrets, rates] of [
        [[], plain],
        [SECRETS, masked],
      ] as const) {
        const result = cockpit(dir, size, secrets);
        rates.push(result.rate);
        peaks.push(result.peakRss / 1024 / 1024);
        idles.push(result.idleRss / 1024 / 1024);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const bareMedian = median(limit);
  return [
    {
      name: 'job log stored (202 MB stdout → log file + SQLite index)',
      value: median(plain),
      unit: 'MB/s',
      limit: bareMedian,
      runs,
    },
    {
      name: `job log stored, ${SECRETS.length} secrets masked`,
      value: median(masked),
      unit: 'MB/s',
      limit: bareMedian,
      runs,
    },
    {
      name: `peak RSS of the storing process, worst run (${Math.round(median(idles))} MB before the job)`,
      value: Math.max(...peaks),
      unit: 'MB',
      limit: RSS_LIMIT_MB,
      runs: peaks.length,
    },
  ];
}
