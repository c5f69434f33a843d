// A WebSocket client that stops reading gets its log events coalesced ("N lines skipped, in the
// store") and repeated invalidations merged, while a reading client gets everything; one that stays
// stuck is disconnected with close code 1008 and a reason. Real sockets, real ws clients that pause.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerFrame } from '../../../shared/frames.ts';
import { cleanupFixtures, tempDir } from '../../testing/fixtures.ts';
import { testEngine } from '../../testing/test-engine.ts';
import { TEST_TOKEN as TOKEN, startTestWebHost } from '../../testing/web-host-under-test.ts';
import type { OutboxLimits } from './client-outbox.ts';

afterEach(cleanupFixtures);
const LINES_PER_EVENT = 100;
const EVENTS = 300;

async function start(limits: Partial<OutboxLimits>) {
  const engine = testEngine();
  const host = await startTestWebHost({
    engine,
    rendererDir: tempDir('cockpit-renderer-'),
    clientLimits: { highWaterBytes: 64 * 1024, ...limits },
  });
  return { engine, host };
}

async function client(port: number) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api?token=${TOKEN}`);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const frames: ServerFrame[] = [];
  ws.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString()) as ServerFrame));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return { ws, frames, closed };
}

/** Emits a flood of log batches (1 kB lines) and invalidations through the engine's real event bus. */
async function flood(engine: ReturnType<typeof testEngine>) {
  const text = 'x'.repeat(1000);
  for (let i = 0; i < EVENTS; i++) {
    // Batches come a few per second per job in real life: give sockets a turn between them.
    await new Promise((resolve) => setTimeout(resolve, 1));
    const lines = Array.from({ length: LINES_PER_EVENT }, (_, j) => ({
      n: i * LINES_PER_EVENT + j,
      ts: 0,
      stream: 'stdout' as const,
      text,
    }));
    engine.events.emit('runs.log', { runId: 1, attemptId: 7, job: 'flood', attempt: 1, lines, skipped: 0 });
    engine.events.emit('runs.changed', { projectId: 1, runId: 1 });
  }
}

function logEvents(frames: ServerFrame[]) {
  return frames.flatMap((frame) =>
    frame.t === 'event' && frame.name === 'runs.log'
      ? [frame.payload as { lines: unknown[]; skipped: number; attemptId: number }]
      : [],
  );
}

describe('web host backpressure', () => {
  it('coalesces what a paused client would be sent, and delivers it when it reads again', async () => {
    const { engine, host } = await start({ stallMs: 60_000 });
    const reader = await client(host.port);
    const paused = await client(host.port);
    paused.ws.pause();
    await flood(engine);

    // The reading client gets (almost) every line; anything it missed is counted as skipped.
    await expect
      .poll(() => logEvents(reader.frames).reduce((sum, e) => sum + e.lines.length + e.skipped, 0))
      .toBe(EVENTS * LINES_PER_EVENT);
    const readerSkipped = logEvents(reader.frames).reduce((sum, e) => sum + e.skipped, 0);

    paused.ws.resume();
    // The paused one gets what fitted before it stopped, then one event saying how many lines it missed.
    await expect
      .poll(() => logEvents(paused.frames).reduce((sum, e) => sum + e.lines.length + e.skipped, 0))
      .toBe(EVENTS * LINES_PER_EVENT);
    const events = logEvents(paused.frames);
    expect(events.length).toBeLessThan(EVENTS / 2);
    const last = events[events.length - 1]!;
    expect(last).toMatchObject({ attemptId: 7, lines: [], skipped: expect.any(Number) as number });
    expect(last.skipped).toBeGreaterThan(EVENTS * LINES_PER_EVENT * 0.5);
    expect(last.skipped).toBeGreaterThan(readerSkipped * 2);
    // Three hundred identical invalidations waiting became one.
    const changed = paused.frames.filter((frame) => frame.t === 'event' && frame.name === 'runs.changed');
    expect(changed.length).toBeLessThan(EVENTS / 2);
    // And the connection still works.
    paused.ws.send(JSON.stringify({ t: 'call', id: 1, method: 'app.info', params: {} }));
    await expect.poll(() => paused.frames.some((frame) => frame.t === 'result' && frame.id === 1)).toBe(true);
    reader.ws.close();
    paused.ws.close();
  });

  it('disconnects a client that reads nothing for too long, with close code 1008 and a reason', async () => {
    const { engine, host } = await start({ stallMs: 300 });
    const reader = await client(host.port);
    const stuck = await client(host.port);
    stuck.ws.pause();
    await flood(engine);
    await expect.poll(() => engine.logLines.join('\n'), { timeout: 10_000 }).toMatch(/stopped reading/);
    stuck.ws.resume();
    const { code, reason } = await stuck.closed;
    expect(code).toBe(1008);
    expect(reason, reason).toMatch(
      /^the client stopped reading \(nothing read for 0.3 s, [\d.]+ MB unsent\)/,
    );
    // The other client is not affected.
    reader.ws.send(JSON.stringify({ t: 'call', id: 5, method: 'app.info', params: {} }));
    await expect.poll(() => reader.frames.some((frame) => frame.t === 'result' && frame.id === 5)).toBe(true);
    reader.ws.close();
  });

  it('disconnects a client that asks for more than it reads', async () => {
    const { engine, host } = await start({ maxBufferedBytes: 256 * 1024 });
    const greedy = await client(host.port);
    greedy.ws.pause();
    const call = JSON.stringify({ t: 'call', id: 1, method: 'app.info', params: {} });
    // Results are never held back, so asking without reading fills the socket until the limit.
    for (let i = 0; i < 50_000; i++) greedy.ws.send(call);
    await expect.poll(() => engine.logLines.join('\n'), { timeout: 10_000 }).toMatch(/stopped reading/);
    greedy.ws.resume();
    const { code, reason } = await greedy.closed;
    expect(code).toBe(1008);
    expect(reason).toMatch(/MB unsent/);
  });
});
