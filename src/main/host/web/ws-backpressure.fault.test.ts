// A wallboard whose browser stops reading (a laptop lid closed, a frozen tab) must not grow
// `cockpit serve` without bound while jobs flood their logs: what waits for that client is bounded
// (log lines coalesced into "skipped, in the store"), and a client that stays stuck is disconnected
// with a close code and a reason. Measured on a real `cockpit serve` process, its RSS read from /proc.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { repositoryRoot } from '../../engine/kernel/app-version.ts';
import { cleanupFixtures, gitRepo, onCleanup, tempDir } from '../../testing/fixtures.ts';

afterEach(cleanupFixtures);

/** One job prints this many MB (the per-attempt log cap is 100 MB) in lines of LINE_BYTES. */
const FLOOD_MB = 100;
const LINE_BYTES = 2000;
/**
 * How much the host may grow over its own RSS before the flood (measured in the same run: the
 * baseline differs between machines by tens of MB). Holding the flood for the stuck client grew it
 * by more than twice the flood before the fix (352 MB peak); bounded queues grow it by under 100 MB.
 */
const RSS_GROWTH_LIMIT_MB = 1.5 * FLOOD_MB;

function floodConfig(): string {
  const lines = Math.round((FLOOD_MB * 1024 * 1024) / (LINE_BYTES + 1));
  return [
    'version: 1',
    'pipelines:',
    '  flood:',
    '    jobs:',
    '      flood:',
    '        run: |',
    `          line=$(head -c ${LINE_BYTES} /dev/zero | tr '\\0' x)`,
    `          for i in $(seq ${lines}); do printf '%s\\n' "$line"; done`,
    '',
  ].join('\n');
}

function rssMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

interface Client {
  ws: WebSocket;
  call(method: string, params: unknown): Promise<unknown>;
  events: { name: string; payload: Record<string, unknown> }[];
}

async function connectClient(url: string): Promise<Client> {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const events: Client['events'] = [];
  ws.on('message', (data: Buffer) => {
    const frame = JSON.parse(data.toString()) as {
      t: string;
      id: number;
      ok: boolean;
      result: unknown;
      error: { message: string };
      name: string;
      payload: Record<string, unknown>;
    };
    if (frame.t === 'event') events.push({ name: frame.name, payload: frame.payload });
    else if (frame.ok) pending.get(frame.id)?.resolve(frame.result);
    else pending.get(frame.id)?.reject(new Error(frame.error.message));
  });
  return {
    ws,
    events,
    call: (method, params) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        ws.send(JSON.stringify({ t: 'call', id, method, params }));
      }),
  };
}

describe('WebSocket backpressure (cockpit serve, a paused client, a log flood)', () => {
  it(`keeps the host's RSS growth under ${RSS_GROWTH_LIMIT_MB} MB and disconnects the stuck client with a reason`, async () => {
    const project = gitRepo({ 'cockpit.yml': floodConfig() });
    const dataDir = tempDir('cockpit-flood-');
    const child = spawn(
      process.execPath,
      [join(repositoryRoot, 'bin', 'cockpit.js'), 'serve', '--port', '0'],
      {
        env: { ...process.env, COCKPIT_DATA_DIR: dataDir, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    onCleanup(() => {
      child.kill('SIGKILL');
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    await expect.poll(() => stdout, { timeout: 30_000 }).toMatch(/serving at http:\/\/\S+/);
    const [, port, token] = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+)/.exec(stdout)!;
    const api = `ws://127.0.0.1:${port}/api?token=${token}`;

    const reader = await connectClient(api);
    const stuck = await connectClient(api);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      stuck.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    // The stuck client stops reading its socket, as a frozen tab does.
    stuck.ws.pause();

    const { id: projectId } = (await reader.call('projects.add', { path: project })) as { id: number };
    const run = (await reader.call('runs.start', { projectId, pipeline: 'flood' })) as { id: number };
    const baseline = rssMb(child.pid!, 'VmRSS');
    let peak = baseline;
    let status = 'queued';
    const started = Date.now();
    while (status === 'queued' || status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 250));
      peak = Math.max(peak, rssMb(child.pid!, 'VmRSS'));
      status = ((await reader.call('runs.get', { runId: run.id })) as { status: string }).status;
      expect(Date.now() - started, 'the flood run should end').toBeLessThan(240_000);
    }
    peak = Math.max(peak, rssMb(child.pid!, 'VmHWM'));
    console.warn(
      `ws backpressure: baseline ${baseline.toFixed(0)} MB, peak RSS ${peak.toFixed(0)} MB with a paused client ` +
        `while a job printed ${FLOOD_MB} MB (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    expect(status).toBe('success');
    expect(peak - baseline).toBeLessThan(RSS_GROWTH_LIMIT_MB);

    // The reading client was served all along; the stuck one, once it reads again, learns why it was dropped.
    expect(reader.events.some((event) => event.name === 'runs.log')).toBe(true);
    // The host gives up on it (the flood goes on longer than the stall limit)…
    await expect
      .poll(() => readFileSync(join(dataDir, 'logs', 'cockpit.log'), 'utf8'), { timeout: 30_000 })
      .toMatch(/disconnected a WebSocket client that stopped reading/);
    stuck.ws.resume();
    const { code, reason } = await closed;
    expect(code).toBe(1008);
    expect(reason).toMatch(/stopped reading/);
    reader.ws.close();
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
