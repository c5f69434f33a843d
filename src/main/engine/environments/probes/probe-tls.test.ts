// HTTPS checks against a real server with a self-signed certificate made by openssl for the test.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures } from '../../../testing/fixtures.ts';
import { probeEnvironment } from './probe-environment.ts';
import {
  closeTestServers,
  environment,
  httpsServer,
  probeContext,
  tcpServer,
} from '../../../testing/probe-servers.ts';

afterEach(async () => {
  await closeTestServers();
  await cleanupFixtures();
});

const DAY = 24 * 60 * 60 * 1000;
const ok = (_req: unknown, res: { end(body: string): void }) => res.end('secure hello');

describe('probeEnvironment over https', () => {
  it('rejects a self-signed certificate by default (certificate, with the TLS reason)', async () => {
    const { url } = await httpsServer(ok);
    const outcome = await probeEnvironment(environment({ url }), probeContext());
    expect(outcome).toMatchObject({
      state: 'down',
      errorClass: 'certificate',
      statusCode: null,
      response: null,
    });
    expect(outcome.error).toBe('certificate rejected: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)');
  });

  it('accepts it with tls_verify: false and reports when the certificate expires', async () => {
    const { url } = await httpsServer(ok, 30);
    const outcome = await probeEnvironment(
      environment({ url, checks: [{ http: { tls_verify: false, body_contains: 'secure' } }] }),
      probeContext(),
    );
    expect(outcome).toMatchObject({ state: 'up', statusCode: 200, errorClass: null });
    expect(Math.abs(outcome.certExpiresAt! - (Date.now() + 30 * DAY))).toBeLessThan(DAY);
  });

  it('is degraded (certificate_expiring) with fewer than cert_expiry_warning_days left', async () => {
    const { url } = await httpsServer(ok, 5);
    const outcome = await probeEnvironment(
      environment({ url, checks: [{ http: { tls_verify: false } }] }),
      probeContext(),
    );
    expect(outcome).toMatchObject({ state: 'degraded', errorClass: 'certificate_expiring', statusCode: 200 });
    expect(outcome.error).toMatch(/^certificate expires in [45] days \(\d{4}-\d{2}-\d{2}\)$/);
    const relaxed = environment({
      url,
      checks: [{ http: { tls_verify: false, cert_expiry_warning_days: 3 } }],
    });
    expect((await probeEnvironment(relaxed, probeContext())).state).toBe('up');
  });

  it('is down (certificate) once the certificate has expired, by the context clock', async () => {
    const { url } = await httpsServer(ok, 5);
    const outcome = await probeEnvironment(
      environment({ url, checks: [{ http: { tls_verify: false } }] }),
      probeContext({}, { now: () => Date.now() + 10 * DAY }),
    );
    expect(outcome).toMatchObject({ state: 'down', errorClass: 'certificate' });
    expect(outcome.error).toMatch(/^certificate expired on /);
  });

  it('reports a server that does not speak TLS as a tls error', async () => {
    const plain = await tcpServer((socket) =>
      socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n')),
    );
    const outcome = await probeEnvironment(
      environment({ url: `https://127.0.0.1:${plain.port}/` }),
      probeContext(),
    );
    expect(outcome).toMatchObject({ state: 'down', errorClass: 'tls' });
    expect(outcome.error).toMatch(/^TLS handshake with 127\.0\.0\.1:\d+ failed: /);
  });
});
