// HTTP checks against real local servers: statuses, redirects, body and JSON assertions, latency.
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures } from '../../../testing/fixtures.ts';
import { probeEnvironment } from './probe-environment.ts';
import { closeTestServers, environment, httpServer, probeContext } from '../../../testing/probe-servers.ts';

afterEach(async () => {
  await closeTestServers();
  await cleanupFixtures();
});

function send(res: ServerResponse, status: number, body = '', headers: Record<string, string> = {}) {
  res.writeHead(status, headers);
  res.end(body);
}

/** A small site: /status/NNN answers NNN, /json answers `json`, /redirect/... as named. */
function site(json = '{"status":"ok","build":{"sha":"abc"},"tags":["a","b"]}') {
  return httpServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const status = /^\/status\/(\d{3})$/.exec(url.pathname);
    if (status) return send(res, Number(status[1]), `status ${status[1]}`);
    if (url.pathname === '/json') return send(res, 200, json, { 'content-type': 'application/json' });
    if (url.pathname === '/hop/a') return send(res, 302, '', { location: '/hop/b' });
    if (url.pathname === '/hop/b') return send(res, 301, '', { location: '/status/200' });
    if (url.pathname === '/loop/a') return send(res, 302, '', { location: '/loop/b' });
    if (url.pathname === '/loop/b') return send(res, 302, '', { location: '/loop/a' });
    const chain = /^\/chain\/(\d+)$/.exec(url.pathname);
    if (chain) {
      const n = Number(chain[1]);
      return n === 0 ? send(res, 200, 'end of chain') : send(res, 307, '', { location: `/chain/${n - 1}` });
    }
    if (url.pathname === '/echo') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => send(res, 200, JSON.stringify({ method: req.method, body })));
      return;
    }
    if (url.pathname === '/see-other') return send(res, 303, '', { location: '/echo' });
    if (url.pathname === '/slow') {
      setTimeout(() => send(res, 200, 'finally'), 150);
      return;
    }
    send(res, 200, 'Hello, environment! version 1.4.2 (build 77)', { 'X-Build': 'b77' });
  });
}

describe('probeEnvironment over http', () => {
  it('reports up with status, latency and a response preview for the default check', async () => {
    const { url } = await site();
    const outcome = await probeEnvironment(environment({ url }), probeContext());
    expect(outcome).toMatchObject({
      state: 'up',
      statusCode: 200,
      errorClass: null,
      error: null,
      certExpiresAt: null,
    });
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(0);
    expect(outcome.response?.status).toBe(200);
    expect(outcome.response?.headers['x-build']).toBe('b77');
    expect(outcome.response?.bodyPreview).toBe('Hello, environment! version 1.4.2 (build 77)');
  });

  it('accepts 2xx and 3xx by default and reports other statuses as http_status', async () => {
    const { url } = await site();
    const down = await probeEnvironment(environment({ url: `${url}/status/503` }), probeContext());
    expect(down).toMatchObject({ state: 'down', statusCode: 503, errorClass: 'http_status' });
    expect(down.error).toBe('HTTP 503 (expected 2xx, 3xx)');
    expect(down.response?.bodyPreview).toBe('status 503');
    const notFollowed = environment({ url, checks: [{ http: { path: '/hop/a', follow_redirects: false } }] });
    expect(await probeEnvironment(notFollowed, probeContext())).toMatchObject({
      state: 'up',
      statusCode: 302,
    });
  });

  it.each([
    ['a number', [204], '/status/204', 'up'],
    ['a number that differs', [200], '/status/204', 'down'],
    ['a class', ['4xx'], '/status/418', 'up'],
    ['a class that differs', ['2xx'], '/status/418', 'down'],
    ['a range', ['200-299'], '/status/250', 'up'],
    ['a range that excludes', ['200-249'], '/status/250', 'down'],
    ['a list', [200, '5xx'], '/status/503', 'up'],
  ])('matches expect_status given as %s', async (_label, expect_status, path, state) => {
    const { url } = await site();
    const outcome = await probeEnvironment(
      environment({ url, checks: [{ http: { path, expect_status } }] }),
      probeContext(),
    );
    expect(outcome.state).toBe(state);
    if (state === 'down') expect(outcome.errorClass).toBe('http_status');
  });

  it('follows redirects and judges the final status', async () => {
    const { url } = await site();
    const outcome = await probeEnvironment(
      environment({ url, checks: [{ http: { path: '/hop/a', expect_status: [200] } }] }),
      probeContext(),
    );
    expect(outcome).toMatchObject({ state: 'up', statusCode: 200 });
    expect(outcome.response?.bodyPreview).toBe('status 200');
  });

  it('reports a redirect loop and too many redirects as too_many_redirects', async () => {
    const { url } = await site();
    const loop = await probeEnvironment(environment({ url: `${url}/loop/a` }), probeContext());
    expect(loop).toMatchObject({ state: 'down', errorClass: 'too_many_redirects' });
    expect(loop.error).toContain('redirect loop');
    const long = await probeEnvironment(environment({ url: `${url}/chain/7` }), probeContext());
    expect(long).toMatchObject({ state: 'down', errorClass: 'too_many_redirects' });
    expect(long.error).toContain('more than 5 redirects');
    const limited = environment({ url, checks: [{ http: { path: '/chain/3', max_redirects: 2 } }] });
    expect((await probeEnvironment(limited, probeContext())).errorClass).toBe('too_many_redirects');
    const enough = environment({ url, checks: [{ http: { path: '/chain/3', max_redirects: 3 } }] });
    expect(await probeEnvironment(enough, probeContext())).toMatchObject({ state: 'up', statusCode: 200 });
  });

  it('sends the method, headers and body; a 303 turns into a GET without the body', async () => {
    const { url } = await site();
    const post = environment({
      url,
      checks: [
        { http: { path: '/echo', method: 'POST', body: 'ping', json: { pointer: '/body', equals: 'ping' } } },
      ],
    });
    expect(await probeEnvironment(post, probeContext())).toMatchObject({ state: 'up' });
    const seeOther = environment({
      url,
      checks: [
        {
          http: {
            path: '/see-other',
            method: 'POST',
            body: 'ping',
            json: { pointer: '', equals: { method: 'GET', body: '' } },
          },
        },
      ],
    });
    expect(await probeEnvironment(seeOther, probeContext())).toMatchObject({ state: 'up' });
  });

  it('checks body_contains and body_regex', async () => {
    const { url } = await site();
    const check = (http: Record<string, unknown>) =>
      probeEnvironment(environment({ url, checks: [{ http }] }), probeContext());
    expect((await check({ body_contains: 'Hello, environment' })).state).toBe('up');
    expect((await check({ body_regex: 'version \\d+\\.\\d+' })).state).toBe('up');
    const missing = await check({ body_contains: 'Goodbye' });
    expect(missing).toMatchObject({
      state: 'down',
      errorClass: 'body_mismatch',
      error: 'body does not contain "Goodbye"',
    });
    const unmatched = await check({ body_regex: '^version' });
    expect(unmatched).toMatchObject({
      state: 'down',
      errorClass: 'body_mismatch',
      error: 'body does not match /^version/',
    });
  });

  it('checks a JSON pointer with equals (deep) and exists', async () => {
    const { url } = await site();
    const json = (spec: Record<string, unknown>) =>
      probeEnvironment(
        environment({ url, checks: [{ http: { path: '/json', json: spec } }] }),
        probeContext(),
      );
    expect((await json({ pointer: '/status', equals: 'ok' })).state).toBe('up');
    expect((await json({ pointer: '/build', equals: { sha: 'abc' } })).state).toBe('up');
    expect((await json({ pointer: '/tags/1', equals: 'b' })).state).toBe('up');
    expect((await json({ pointer: '/build/sha' })).state).toBe('up');
    expect((await json({ pointer: '/missing', exists: false })).state).toBe('up');
    const wrong = await json({ pointer: '/status', equals: 'down' });
    expect(wrong).toMatchObject({
      state: 'down',
      errorClass: 'json_mismatch',
      error: '"/status" is "ok", expected "down"',
    });
    expect(await json({ pointer: '/nope', exists: true })).toMatchObject({
      state: 'down',
      errorClass: 'json_mismatch',
    });
    expect(await json({ pointer: '/status', exists: false })).toMatchObject({
      state: 'down',
      errorClass: 'json_mismatch',
    });
  });

  it('reports a body that is not JSON as invalid_json', async () => {
    const { url } = await site('{"status": ok');
    const outcome = await probeEnvironment(
      environment({ url, checks: [{ http: { path: '/json', json: { pointer: '/status', equals: 'ok' } } }] }),
      probeContext(),
    );
    expect(outcome).toMatchObject({ state: 'down', errorClass: 'invalid_json' });
    expect(outcome.error).toMatch(/^body is not valid JSON: /);
  });

  it('reports a response slower than max_latency as degraded (slow)', async () => {
    const { url } = await site();
    const outcome = await probeEnvironment(
      environment({ url, checks: [{ http: { path: '/slow', max_latency: 0.05 } }] }),
      probeContext(),
    );
    expect(outcome).toMatchObject({ state: 'degraded', errorClass: 'slow', statusCode: 200 });
    expect(outcome.latencyMs).toBeGreaterThan(50);
    expect(outcome.error).toMatch(/^answered in \d+ms \(max 50ms\)$/);
  });

  it('runs checks in order, reports the worst state and the first check in it, and stops at a down one', async () => {
    let hits = 0;
    const counted = await httpServer((_req, res) => {
      hits++;
      res.end('ok');
    });
    const { url } = await site();
    const outcome = await probeEnvironment(
      environment({
        url,
        checks: [
          { http: { path: '/slow', max_latency: 0.01 } },
          { http: { path: '/status/500' } },
          { http: { path: '/status/404' } },
          { http: { path: counted.url } },
        ],
      }),
      probeContext(),
    );
    expect(outcome).toMatchObject({
      state: 'down',
      errorClass: 'http_status',
      error: 'HTTP 500 (expected 2xx, 3xx)',
    });
    expect(outcome.statusCode).toBe(200); // of the first http check
    expect(hits).toBe(0);
    const degraded = await probeEnvironment(
      environment({
        url,
        checks: [
          { http: {} },
          { http: { path: '/slow', max_latency: 0.01 } },
          { http: { path: counted.url } },
        ],
      }),
      probeContext(),
    );
    expect(degraded).toMatchObject({ state: 'degraded', errorClass: 'slow' });
    expect(hits).toBe(1);
  });

  it('reports a check path that is not a usable URL as a down outcome instead of throwing', async () => {
    const outcome = await probeEnvironment(
      environment({ url: 'http://127.0.0.1:1', checks: [{ http: { path: 'ftp://example.com/x' } }] }),
      probeContext(),
    );
    expect(outcome).toMatchObject({ state: 'down', errorClass: 'unknown', statusCode: null, response: null });
  });
});
