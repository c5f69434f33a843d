// Web host fuzz: random HTTP requests (methods, request targets, Host/Origin/Cookie headers, bodies)
// written byte for byte on sockets, and random WebSocket text frames (garbage, huge, deeply nested
// JSON, prototype keys). The host never crashes, never answers 5xx with internals, never redirects
// off-site, and answers every call frame with an id with a typed result.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerFrame } from '../../../shared/frames.ts';
import { methodNames } from '../../../shared/protocol.ts';
import { cleanupFixtures, tempDir, writeFiles } from '../../testing/fixtures.ts';
import {
  describeValue,
  expectNoLeak,
  expectTypedError,
  fuzzParameters,
  fuzzRuns,
  hostileString,
  hostileValue,
  prototypeKeyObject,
} from '../../testing/fuzz.ts';
import { rawRequest } from '../../testing/raw-http.ts';
import { testEngine } from '../../testing/test-engine.ts';
import { startWebHost, type WebHost } from './web-host.ts';

const TOKEN = 'fuzz-token-0123456789abcdef';
let host: WebHost;
const tried = { requests: 0, frames: 0, statuses: new Map<number, number>() };

beforeAll(async () => {
  const rendererDir = tempDir('cockpit-renderer-');
  writeFiles(rendererDir, { 'index.html': '<!doctype html><title>x</title>', 'assets/app.js': '1' });
  host = await startWebHost({ engine: testEngine(), rendererDir, port: 0, token: TOKEN });
});

afterAll(async () => {
  console.warn(
    `web host fuzz: ${tried.requests} HTTP requests, ${tried.frames} WebSocket frames; statuses: ${[
      ...tried.statuses,
    ]
      .map(([status, n]) => `${status} ${n}`)
      .join(', ')}`,
  );
  await host.close();
  await cleanupFixtures();
});

/** Header values as a client could put them on the wire (no CR/LF: that would be another header). */
const headerValue = hostileString.map((value) => value.replace(/[\r\n]/g, '').slice(0, 20_000));

const request = fc.record({
  method: fc.constantFrom(
    'GET',
    'HEAD',
    'POST',
    'PUT',
    'DELETE',
    'OPTIONS',
    'TRACE',
    'CONNECT',
    'PATCH',
    'X',
  ),
  target: fc.oneof(
    fc.webPath(),
    hostileString.map((path) => `/${path.replace(/[\s]/g, '%20')}`),
    fc.constantFrom(
      '/',
      '/api',
      '//evil.example/',
      '/.//evil.example/',
      '/\\evil',
      '*',
      'http://evil/',
      '/%',
      '/..%2f..%2fetc/passwd',
    ),
  ),
  query: fc.constantFrom('', `?token=${TOKEN}`, '?token=wrong', `?token=${TOKEN}&token=x`, '?token='),
  host: fc.oneof(
    fc.constant('own'),
    fc.constantFrom('evil.example', 'localhost', '', '127.0.0.1:1'),
    headerValue,
  ),
  origin: fc.option(fc.oneof(fc.constant('own'), headerValue), { nil: undefined }),
  cookie: fc.option(fc.oneof(fc.constant('own'), headerValue), { nil: undefined }),
  body: fc.option(
    hostileString.map((body) => body.slice(0, 100_000)),
    { nil: undefined },
  ),
});

describe('web host fuzz', () => {
  it('answers every HTTP request without crashing, leaking or redirecting off-site', async () => {
    const own = `127.0.0.1:${host.port}`;
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        tried.requests++;
        const headers: Record<string, string> = { host: r.host === 'own' ? own : r.host };
        if (r.origin !== undefined) headers.origin = r.origin === 'own' ? `http://${own}` : r.origin;
        if (r.cookie !== undefined)
          headers.cookie = r.cookie === 'own' ? `cockpit_token_${host.port}=${TOKEN}` : r.cookie;
        if (r.body !== undefined) headers['content-length'] = String(Buffer.byteLength(r.body));
        const reply = await rawRequest(host.port, {
          method: r.method,
          target: `${r.target}${r.query}`,
          headers,
          body: r.body,
        });
        const label = describeValue(r);
        tried.statuses.set(reply.status, (tried.statuses.get(reply.status) ?? 0) + 1);
        // 0: the parser refused the bytes and closed the socket (Node answers 400 or nothing).
        expect([0, 200, 303, 400, 401, 403, 404, 413, 414, 431, 503], label).toContain(reply.status);
        expectNoLeak(reply.body.slice(0, 10_000), label);
        if (reply.status === 303) {
          const location = reply.headers.location ?? '';
          expect(new URL(location, `http://${own}/`).host, label).toBe(own);
        }
      }),
      fuzzParameters(fuzzRuns(300)),
    );
    expect((await rawRequest(host.port, { method: 'GET', target: `/?token=${TOKEN}` })).status).toBe(303);
  }, 180_000);

  it('answers every WebSocket frame with an id, whatever else it holds, and keeps the host up', async () => {
    let ws = await open();
    const frame = fc.oneof(
      hostileString.map((text) => ({ text: text.slice(0, 900_000), id: null as number | null })),
      fc
        .integer({ min: 100, max: 100_000 })
        .map((depth) => ({ text: '['.repeat(depth) + ']'.repeat(depth), id: null })),
      fc
        .record({
          method: fc.oneof(fc.constantFrom(...methodNames), hostileString),
          params: fc.oneof(hostileValue, prototypeKeyObject),
          id: fc.integer({ min: 1, max: 1_000_000 }),
        })
        .map(({ method, params, id }) => {
          let text: string;
          try {
            text = JSON.stringify({ t: 'call', id, method, params }, (_k, v: unknown) =>
              typeof v === 'bigint' ? 0 : v,
            );
          } catch {
            text = JSON.stringify({ t: 'call', id, method, params: null });
          }
          return { text, id: id };
        }),
    );
    await fc.assert(
      fc.asyncProperty(frame, async ({ text, id }) => {
        tried.frames++;
        if (ws.readyState !== WebSocket.OPEN) ws = await open();
        const answer = id === null ? null : waitFor(ws, id);
        ws.send(text);
        if (answer) {
          const result = await answer;
          // Too big for one frame closes that connection (1009); otherwise a typed answer.
          if (result === 'closed') return;
          if (!result.ok) expectTypedError(result.error, describeValue(text, 200));
        }
      }),
      fuzzParameters(fuzzRuns(200)),
    );
    if (ws.readyState !== WebSocket.OPEN) ws = await open();
    const id = 424242;
    const info = waitFor(ws, id);
    ws.send(JSON.stringify({ t: 'call', id, method: 'app.info', params: {} }));
    expect(await info).toMatchObject({ ok: true });
    ws.close();
  }, 180_000);
});

function open(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${TOKEN}`, {
      maxPayload: 64 * 1024 * 1024,
    });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function waitFor(ws: WebSocket, id: number): Promise<Extract<ServerFrame, { t: 'result' }> | 'closed'> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to frame ${id}`)), 15_000);
    const done = (value: Extract<ServerFrame, { t: 'result' }> | 'closed') => {
      clearTimeout(timer);
      ws.off('message', onMessage);
      ws.off('close', onClose);
      resolve(value);
    };
    const onMessage = (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as ServerFrame;
      if (frame.t === 'result' && frame.id === id) done(frame);
    };
    const onClose = () => done('closed');
    ws.on('message', onMessage);
    ws.on('close', onClose);
  });
}
