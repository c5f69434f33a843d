import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { cleanupFixtures, tempDir, writeFiles } from '../../testing/fixtures.ts';
import { testEngine } from '../../testing/test-engine.ts';
import { TEST_TOKEN as TOKEN, startTestWebHost } from '../../testing/web-host-under-test.ts';

afterEach(cleanupFixtures);

async function start(options: { built?: boolean } = {}) {
  const rendererDir = tempDir('cockpit-renderer-');
  if (options.built !== false) {
    writeFiles(rendererDir, {
      'index.html': '<!doctype html><title>Release Cockpit</title>',
      'assets/app.js': 'console.log(1)',
    });
  }
  const engine = testEngine();
  const host = await startTestWebHost({ engine, rendererDir });
  return { engine, host };
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function openSocket(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function callOverSocket(ws: WebSocket, frame: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as Record<string, unknown>;
      if (message.t === 'result') resolve(message);
    });
    ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  });
}

describe('web host', () => {
  it('refuses requests without the token (401) and with a wrong one (401)', async () => {
    const { host } = await start();
    expect((await get(host.port, '/')).status).toBe(401);
    expect((await get(host.port, '/?token=wrong')).status).toBe(401);
    expect((await get(host.port, '/assets/app.js')).status).toBe(401);
    expect((await get(host.port, '/', { cookie: `cockpit_token_${host.port}=wrong` })).status).toBe(401);
  });

  it('trades the URL token for an HttpOnly cookie and serves the app with a strict CSP', async () => {
    const { host } = await start();
    expect(host.urlWithToken).toBe(`http://127.0.0.1:${host.port}/?token=${TOKEN}`);
    const first = await get(host.port, `/?token=${TOKEN}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toContain(`cockpit_token_${host.port}=test-token-0123456789; HttpOnly; SameSite=Strict`);

    const page = await get(host.port, '/', { cookie: `cockpit_token_${host.port}=${TOKEN}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Release Cockpit');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const asset = await get(host.port, '/assets/app.js', { cookie: `cockpit_token_${host.port}=${TOKEN}` });
    expect(asset.headers['content-type']).toMatch(/javascript/);
    // App routes fall back to the shell; missing assets and traversal attempts do not.
    expect(
      (await get(host.port, '/settings', { cookie: `cockpit_token_${host.port}=${TOKEN}` })).status,
    ).toBe(200);
    expect(
      (await get(host.port, '/assets/missing.js', { cookie: `cockpit_token_${host.port}=${TOKEN}` })).status,
    ).toBe(404);
    expect(
      (await get(host.port, '/../../etc/passwd', { cookie: `cockpit_token_${host.port}=${TOKEN}` })).body,
    ).not.toContain('root:');
    expect(
      (await get(host.port, '/%2e%2e/%2e%2e/etc/passwd', { cookie: `cockpit_token_${host.port}=${TOKEN}` }))
        .body,
    ).not.toContain('root:');
    expect(
      (await get(host.port, '/..%2f..%2fetc%2fpasswd.txt', { cookie: `cockpit_token_${host.port}=${TOKEN}` }))
        .status,
    ).toBe(404);
  });

  it('refuses a foreign Origin (403) and a foreign Host header (403), even with the token', async () => {
    const { host } = await start();
    const cookie = `cockpit_token_${host.port}=${TOKEN}`;
    expect((await get(host.port, '/', { cookie, origin: 'https://evil.example' })).status).toBe(403);
    expect((await get(host.port, '/', { cookie, host: `evil.example:${host.port}` })).status).toBe(403);
    expect((await get(host.port, '/', { cookie, origin: `http://127.0.0.1:${host.port}` })).status).toBe(200);
  });

  it('says plainly when the UI has not been built', async () => {
    const { host } = await start({ built: false });
    const page = await get(host.port, '/', { cookie: `cockpit_token_${host.port}=${TOKEN}` });
    expect(page.status).toBe(503);
    expect(page.body).toMatch(/npm run build/);
  });

  it('speaks the engine protocol over an authenticated WebSocket, validating input', async () => {
    const { host } = await start();
    const ws = await openSocket(`ws://127.0.0.1:${host.port}/api`, {
      cookie: `cockpit_token_${host.port}=${TOKEN}`,
    });
    expect(await callOverSocket(ws, { t: 'call', id: 1, method: 'projects.list', params: {} })).toEqual({
      t: 'result',
      id: 1,
      ok: true,
      result: [],
    });
    ws.removeAllListeners('message');
    expect(
      await callOverSocket(ws, { t: 'call', id: 2, method: 'projects.get', params: { id: 'x' } }),
    ).toMatchObject({
      id: 2,
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    ws.removeAllListeners('message');
    ws.send('not json at all');
    // The connection survives garbage and keeps answering.
    expect(await callOverSocket(ws, { t: 'call', id: 3, method: 'app.info', params: {} })).toMatchObject({
      id: 3,
      ok: true,
    });
    ws.close();
  });

  it('refuses WebSocket upgrades without the token or from a foreign origin', async () => {
    const { host } = await start();
    await expect(openSocket(`ws://127.0.0.1:${host.port}/api`)).rejects.toThrow(/401/);
    await expect(
      openSocket(`ws://127.0.0.1:${host.port}/api`, {
        cookie: `cockpit_token_${host.port}=${TOKEN}`,
        origin: 'https://evil.example',
      }),
    ).rejects.toThrow(/403/);
    const ws = await openSocket(`ws://127.0.0.1:${host.port}/api?token=${TOKEN}`);
    ws.close();
  });

  it('survives a client that sends an oversized frame: that connection closes, the host keeps serving', async () => {
    const { host } = await start();
    const ws = await openSocket(`ws://127.0.0.1:${host.port}/api?token=${TOKEN}`);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('x'.repeat(2 * 1024 * 1024));
    expect(await closed).toBe(1009); // message too big
    const again = await openSocket(`ws://127.0.0.1:${host.port}/api?token=${TOKEN}`);
    expect(await callOverSocket(again, { t: 'call', id: 1, method: 'app.info', params: {} })).toMatchObject({
      ok: true,
    });
    again.close();
  });
});
