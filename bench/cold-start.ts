// Cold start of the web host and the first render of the board, against the physical limit:
// a bare Node HTTP server started the same way in the same run.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { median, type BenchRow } from './stats.ts';

const root = join(import.meta.dirname, '..');

function timeUntilOutput(args: string[], env: NodeJS.ProcessEnv, pattern: RegExp) {
  return new Promise<{ ms: number; match: string; stop: () => Promise<void> }>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) {
        resolve({
          ms: performance.now() - started,
          match: match[1]!,
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
}

async function firstResponse(url: string, since: number): Promise<number> {
  const response = await fetch(url, { redirect: 'manual' });
  await response.arrayBuffer();
  return performance.now() - since;
}

export async function coldStart(browser: Browser, runs: number): Promise<BenchRow[]> {
  const bare = { ready: [] as number[], first: [] as number[] };
  const cockpit = { ready: [] as number[], first: [] as number[], board: [] as number[] };

  for (let i = 0; i < runs; i++) {
    // The limit: node starting an HTTP server that answers one request.
    const t0 = performance.now();
    const baseline = await timeUntilOutput(
      [
        '-e',
        "require('node:http').createServer((q,s)=>s.end('ok')).listen(0,'127.0.0.1',function(){console.log('http://127.0.0.1:'+this.address().port+'/')})",
      ],
      {},
      /(http:\/\/\S+)/,
    );
    bare.ready.push(baseline.ms);
    bare.first.push(await firstResponse(baseline.match, t0));
    await baseline.stop();

    const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-bench-'));
    const t1 = performance.now();
    const server = await timeUntilOutput(
      [join(root, 'bin', 'cockpit.js'), 'serve', '--port', '0'],
      { COCKPIT_DATA_DIR: dataDir, NO_COLOR: '1' },
      /(http:\/\/\S+\?token=\S+)/,
    );
    cockpit.ready.push(server.ms);
    cockpit.first.push(await firstResponse(server.match, t1));

    const page = await browser.newPage();
    const t2 = performance.now();
    await page.goto(server.match);
    await page.getByTestId('empty-state').waitFor();
    cockpit.board.push(performance.now() - t2);
    await page.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }

  return [
    {
      name: 'web host ready (URL printed)',
      value: median(cockpit.ready),
      unit: 'ms',
      limit: median(bare.ready),
      runs,
    },
    {
      name: 'web host first HTTP response',
      value: median(cockpit.first),
      unit: 'ms',
      limit: median(bare.first),
      runs,
    },
    {
      name: 'board rendered (navigate → list visible)',
      value: median(cockpit.board),
      unit: 'ms',
      limit: null,
      runs,
    },
  ];
}
