// The engine idle with the demo project: `cockpit serve --demo` on a fresh data directory, left alone
// for a while after it printed its URL, then its resident memory (Linux /proc) against the #17 target
// of 100 MB, and against a bare Node HTTP server left alone as long (the floor of any Node host).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { median, type BenchRow } from './stats.ts';

const root = join(import.meta.dirname, '..');
const TARGET_MB = 100;

function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  if (!kb) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(kb[1]) / 1024;
}

/** Starts the process, waits for `ready` on its stdout, then `idleMs` more, and reads its RSS. */
async function idleRss(args: string[], env: NodeJS.ProcessEnv, ready: RegExp, idleMs: number) {
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  try {
    await new Promise<void>((resolve, reject) => {
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (ready.test(output)) resolve();
      });
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
    await sleep(idleMs);
    return residentMb(child.pid!);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

export async function idleMemory(runs: number, idleMs: number): Promise<BenchRow[]> {
  if (!existsSync('/proc/self/status')) {
    console.error('bench: idle memory needs /proc (Linux); skipped.');
    return [];
  }
  const cockpit: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push(
      await idleRss(
        [
          '-e',
          "require('node:http').createServer((q,s)=>s.end('ok')).listen(0,'127.0.0.1',function(){console.log('http://127.0.0.1:'+this.address().port+'/')})",
        ],
        {},
        /http:\/\//,
        idleMs,
      ),
    );
    const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-bench-idle-'));
    try {
      cockpit.push(
        await idleRss(
          [join(root, 'bin', 'cockpit.js'), 'serve', '--port', '0', '--demo'],
          { COCKPIT_DATA_DIR: dataDir, NO_COLOR: '1' },
          /serving at http/,
          idleMs,
        ),
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const seconds = Math.round(idleMs / 1000);
  return [
    {
      name: `engine idle with the demo project, RSS ${seconds} s after start (target 100 MB)`,
      value: median(cockpit),
      unit: 'MB',
      limit: TARGET_MB,
      runs,
    },
    {
      name: 'same vs a bare Node HTTP server idle as long',
      value: median(cockpit),
      unit: 'MB',
      limit: median(bare),
      runs,
    },
  ];
}
