// The deployed version (JSON pointer, header, regex, own path) and ${secrets.NAME} in headers.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures } from '../../../testing/fixtures.ts';
import { probeEnvironment } from './probe-environment.ts';
import { closeTestServers, environment, httpServer, probeContext } from '../../../testing/probe-servers.ts';

afterEach(async () => {
  await closeTestServers();
  await cleanupFixtures();
});

function versionSite() {
  const paths: string[] = [];
  const server = httpServer((req, res) => {
    paths.push(req.url ?? '');
    if (req.url === '/version')
      return res.writeHead(200, { 'content-type': 'text/plain' }).end('release v2.7.1\n');
    if (req.url === '/missing') return res.writeHead(404).end('v9.9.9 not here');
    res.writeHead(200, { 'content-type': 'application/json', 'X-App-Version': ' 3.1.4 ' });
    res.end(JSON.stringify({ status: 'ok', app: { version: '1.2.3', build: 42 } }));
  });
  return { paths, server };
}

describe('version', () => {
  it('reads a JSON pointer, a header or a regex from the first http check response, with no extra request', async () => {
    const { paths, server } = versionSite();
    const { url } = await server;
    const probe = (version: Record<string, unknown>) =>
      probeEnvironment(environment({ url, version }), probeContext());
    expect((await probe({ json_pointer: '/app/version' })).version).toBe('1.2.3');
    expect((await probe({ json_pointer: '/app/build' })).version).toBe('42');
    expect((await probe({ header: 'x-app-version' })).version).toBe('3.1.4');
    expect((await probe({ regex: '"version":"([^"]+)"' })).version).toBe('1.2.3');
    expect((await probe({ regex: '\\d+\\.\\d+\\.\\d+' })).version).toBe('1.2.3');
    expect((await probe({ json_pointer: '/app/version', path: '/' })).version).toBe('1.2.3');
    expect(paths).toEqual(['/', '/', '/', '/', '/', '/']);
  });

  it('does one extra GET when the version has its own path', async () => {
    const { paths, server } = versionSite();
    const { url } = await server;
    const outcome = await probeEnvironment(
      environment({ url, version: { regex: 'v(\\d+\\.\\d+\\.\\d+)', path: '/version' } }),
      probeContext(),
    );
    expect(outcome).toMatchObject({ state: 'up', version: '2.7.1' });
    expect(paths).toEqual(['/', '/version']);
  });

  it('leaves the version null without touching the state when it cannot be found', async () => {
    const { server } = versionSite();
    const { url } = await server;
    for (const version of [
      { json_pointer: '/nope' },
      { header: 'x-nope' },
      { regex: 'nope(\\d)' },
      { regex: 'v(\\d+\\.\\d+\\.\\d+)', path: '/missing' }, // a 404 page is not a version
    ]) {
      expect(await probeEnvironment(environment({ url, version }), probeContext())).toMatchObject({
        state: 'up',
        version: null,
        error: null,
        errorClass: null,
      });
    }
  });

  it('skips the extra GET when the environment is down', async () => {
    const paths: string[] = [];
    const { url } = await httpServer((req, res) => {
      paths.push(req.url ?? '');
      res.writeHead(req.url === '/' ? 500 : 200).end('v1.0.0');
    });
    const outcome = await probeEnvironment(
      environment({ url, version: { regex: 'v(\\S+)', path: '/v' } }),
      probeContext(),
    );
    expect(outcome).toMatchObject({ state: 'down', version: null });
    expect(paths).toEqual(['/']);
  });
});

describe('secret headers', () => {
  function echoServer() {
    const received: (string | undefined)[] = [];
    const server = httpServer((req, res) => {
      received.push(req.headers.authorization);
      res
        .writeHead(200, { 'x-echo': req.headers.authorization ?? '' })
        .end(`you sent: ${req.headers.authorization}`);
    });
    return { received, server };
  }

  it('interpolates ${secrets.NAME} into header values and masks the value in what it reports', async () => {
    const { received, server } = echoServer();
    const { url } = await server;
    const outcome = await probeEnvironment(
      environment({
        url,
        checks: [
          {
            http: {
              headers: { Authorization: 'Bearer ${secrets.API_TOKEN}' },
              body_contains: 'Bearer s3cret-t0ken',
            },
          },
        ],
      }),
      probeContext({ API_TOKEN: 's3cret-t0ken' }),
    );
    expect(received).toEqual(['Bearer s3cret-t0ken']);
    expect(outcome.state).toBe('up');
    expect(outcome.response?.bodyPreview).toBe('you sent: Bearer ***');
    expect(outcome.response?.headers['x-echo']).toBe('Bearer ***');
  });

  it('fails the check without sending anything when a secret is not set', async () => {
    const { received, server } = echoServer();
    const { url } = await server;
    const outcome = await probeEnvironment(
      environment({
        url,
        checks: [{ http: { headers: { Authorization: 'Bearer ${secrets.MISSING_TOKEN}' } } }],
      }),
      probeContext(),
    );
    expect(outcome).toMatchObject({
      state: 'down',
      errorClass: 'unknown',
      error: 'secret MISSING_TOKEN is not set (used in header Authorization)',
      statusCode: null,
    });
    expect(received).toEqual([]);
  });

  it('does not carry secret headers across a redirect to another origin', async () => {
    const { received, server } = echoServer();
    const other = await server;
    const { url } = await httpServer((_req, res) =>
      res.writeHead(302, { location: `${other.url}/landing` }).end(),
    );
    const outcome = await probeEnvironment(
      environment({ url, checks: [{ http: { headers: { Authorization: 'Bearer ${secrets.API_TOKEN}' } } }] }),
      probeContext({ API_TOKEN: 's3cret-t0ken' }),
    );
    expect(outcome.state).toBe('up');
    expect(received).toEqual([undefined]);
  });
});
