// Network failures against real sockets: each has its error class, the deadline holds, a server that
// streams forever is cut off, tcp checks connect, and no socket is left behind.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures } from '../../../testing/fixtures.ts';
import { probeEnvironment } from './probe-environment.ts';
import {
  closedPort,
  closeTestServers,
  environment,
  httpServer,
  probeContext,
  tcpServer,
  type TestServer,
} from '../../../testing/probe-servers.ts';

afterEach(async () => {
  await closeTestServers();
  await cleanupFixtures();
});

async function eventually(read: () => Promise<number>, expected: number): Promise<number> {
  let value = await read();
  for (let i = 0; i < 100 && value !== expected; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    value = await read();
  }
  return value;
}

describe('probeEnvironment network failures', () => {
  it('reports connection_refused', async () => {
    const port = await closedPort();
    const outcome = await probeEnvironment(environment({ url: `http://127.0.0.1:${port}/` }), probeContext());
    expect(outcome).toMatchObject({
      state: 'down',
      errorClass: 'connection_refused',
      error: `connection refused by 127.0.0.1:${port}`,
      statusCode: null,
      latencyMs: null,
      response: null,
    });
  });

  it('reports connection_reset when the server destroys the socket, before or during the response', async () => {
    const before = await tcpServer((socket) => socket.once('data', () => socket.destroy()));
    expect(await probeEnvironment(environment({ url: before.url }), probeContext())).toMatchObject({
      state: 'down',
      errorClass: 'connection_reset',
    });
    const during = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('partial');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    expect(await probeEnvironment(environment({ url: during.url }), probeContext())).toMatchObject({
      state: 'down',
      errorClass: 'connection_reset',
    });
  });

  it('reports an unparseable HTTP response as unknown with the parser message', async () => {
    const garbage = await tcpServer((socket) => socket.once('data', () => socket.end('HELLO THERE\r\n\r\n')));
    const outcome = await probeEnvironment(environment({ url: garbage.url }), probeContext());
    expect(outcome).toMatchObject({ state: 'down', errorClass: 'unknown' });
    expect(outcome.error).toMatch(/^invalid HTTP response from 127\.0\.0\.1:\d+: .*\(HPE_/);
  });

  it('gives up at the deadline on a server that never answers', async () => {
    const silent = await httpServer(() => {});
    const started = Date.now();
    const outcome = await probeEnvironment(environment({ url: silent.url, timeout: 0.3 }), probeContext());
    expect(Date.now() - started).toBeLessThan(5000);
    expect(outcome).toMatchObject({ state: 'down', errorClass: 'timeout', error: 'no answer within 300ms' });
  });

  it('counts redirects and the body against the same deadline', async () => {
    const slowChain = await httpServer((req, res) => {
      const n = Number(req.url?.slice(1) ?? '0');
      setTimeout(() => res.writeHead(302, { location: `/${n + 1}` }).end(), 80);
    });
    const started = Date.now();
    const outcome = await probeEnvironment(
      environment({ url: `${slowChain.url}/0`, timeout: 0.3, checks: [{ http: { max_redirects: 20 } }] }),
      probeContext(),
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(outcome.errorClass).toBe('timeout');
    const trickle = await httpServer((_req, res) => {
      res.writeHead(200);
      const timer = setInterval(() => res.write('.'), 20);
      res.on('close', () => clearInterval(timer));
    });
    const trickled = await probeEnvironment(environment({ url: trickle.url, timeout: 0.3 }), probeContext());
    expect(trickled).toMatchObject({ state: 'down', errorClass: 'timeout', statusCode: 200 });
    expect(trickled.response?.bodyPreview).toMatch(/^\.+$/);
  });

  it('cuts off a server that streams forever (body_too_large) and one that announces too much', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const forever = await httpServer((_req, res) => {
      res.writeHead(200);
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    const started = Date.now();
    const outcome = await probeEnvironment(environment({ url: forever.url }), probeContext());
    expect(Date.now() - started).toBeLessThan(5000);
    expect(outcome).toMatchObject({
      state: 'down',
      errorClass: 'body_too_large',
      error: 'response body is larger than 1 MiB',
      statusCode: 200,
    });
    expect(outcome.response?.bodyPreview).toBe('x'.repeat(1024)); // what had arrived
    expect(await eventually(forever.connections, 0)).toBe(0);

    const announced = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-length': String(2 * 1024 * 1024) });
      res.write('x');
    });
    expect((await probeEnvironment(environment({ url: announced.url }), probeContext())).errorClass).toBe(
      'body_too_large',
    );
  });

  it('reads a body of exactly the limit', async () => {
    const full = await httpServer((_req, res) => res.end(Buffer.alloc(1024 * 1024, 'y')));
    const outcome = await probeEnvironment(environment({ url: full.url }), probeContext());
    expect(outcome.state).toBe('up');
    expect(outcome.response?.bodyPreview).toBe('y'.repeat(1024));
  });

  it('leaves no socket open after 50 probes of a server that hangs', async () => {
    const hanging: TestServer = await tcpServer(); // accepts, reads nothing, never answers
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () =>
        probeEnvironment(environment({ url: hanging.url, timeout: 0.2 }), probeContext()),
      ),
    );
    expect(outcomes.every((outcome) => outcome.errorClass === 'timeout')).toBe(true);
    expect(await eventually(hanging.connections, 0)).toBe(0);
  });

  it('stops when the caller aborts', async () => {
    const silent = await httpServer(() => {});
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const outcome = await probeEnvironment(
      environment({ url: silent.url }),
      probeContext({}, { signal: controller.signal }),
    );
    expect(outcome).toMatchObject({ state: 'down', errorClass: 'unknown', error: 'probe cancelled' });
    expect(await eventually(silent.connections, 0)).toBe(0);
  });
});

describe('tcp checks', () => {
  it('is up when the port accepts a connection, down with the class when not', async () => {
    const open = await tcpServer();
    const up = await probeEnvironment(
      environment({ url: 'http://127.0.0.1:1/', checks: [{ tcp: { port: open.port } }] }),
      probeContext(),
    );
    expect(up).toMatchObject({ state: 'up', statusCode: null, errorClass: null, response: null });
    expect(up.latencyMs).toBeGreaterThanOrEqual(0);
    expect(await eventually(open.connections, 0)).toBe(0);

    const port = await closedPort();
    const down = await probeEnvironment(
      environment({ url: 'http://example.invalid/', checks: [{ tcp: { host: '127.0.0.1', port } }] }),
      probeContext(),
    );
    expect(down).toMatchObject({
      state: 'down',
      errorClass: 'connection_refused',
      error: `connection refused by 127.0.0.1:${port}`,
    });
  });

  it('combines with http checks: statusCode comes from the first http check', async () => {
    const web = await httpServer((_req, res) => res.writeHead(201).end());
    const outcome = await probeEnvironment(
      environment({ url: web.url, checks: [{ tcp: { port: web.port } }, { http: {} }] }),
      probeContext(),
    );
    expect(outcome).toMatchObject({ state: 'up', statusCode: 201 });
  });
});
