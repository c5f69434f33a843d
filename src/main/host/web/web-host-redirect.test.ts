// The token trade redirects to where the user was going, on this server only: no request target
// (dot segments, doubled or back slashes, encoded slashes, tabs, absolute forms) sends the browser
// to another origin, and none stops the host from serving.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures, tempDir, writeFiles } from '../../testing/fixtures.ts';
import { rawGet } from '../../testing/raw-http.ts';
import { testEngine } from '../../testing/test-engine.ts';
import { TEST_TOKEN as TOKEN, startTestWebHost } from '../../testing/web-host-under-test.ts';

afterEach(cleanupFixtures);

async function start() {
  const rendererDir = tempDir('cockpit-renderer-');
  writeFiles(rendererDir, { 'index.html': '<!doctype html><title>Release Cockpit</title>' });
  return startTestWebHost({ engine: testEngine(), rendererDir });
}

/** Request targets that try to turn the post-token redirect into a jump to evil.example. */
const redirectAttempts = [
  '/.//evil.example/',
  '/.//evil.example/path?x=1',
  '/..//evil.example/',
  '/./..//evil.example/',
  '//evil.example/',
  '///evil.example/',
  '////evil.example/',
  '/.///evil.example/',
  '/\\evil.example/',
  '/\\\\evil.example/',
  '/.\\\\evil.example/',
  '/./\\/evil.example/',
  '/.\\/evil.example/',
  '/%2F%2Fevil.example/',
  '/%2f/evil.example/',
  '/.%2F/evil.example/',
  '/%5C%5Cevil.example/',
  '/%5C/evil.example/',
  '/%2e//evil.example/',
  '/%2e%2e//evil.example/',
  '/.%2e//evil.example/',
  '/%09/evil.example/',
  '/\t/evil.example/',
  '/%0a/evil.example/',
  '/%0d%0a/evil.example/',
  '/ /evil.example/',
  'http://evil.example/',
  'https://evil.example/',
  '//',
  '/.//',
  '/..',
  '*',
  '/@evil.example/',
  '/.//@evil.example/',
  '/.//user:pass@evil.example/',
  '/.//evil.example%2F%2E%2E/',
  '/.//evil.example:80/',
  '/javascript:alert(1)/',
  '/.//javascript:alert(1)',
];

describe('web host redirect after the token', () => {
  it('keeps every redirect on this origin, whatever the request target', async () => {
    const { port } = await start();
    const origin = `http://127.0.0.1:${port}`;
    const offSite: string[] = [];
    for (const path of redirectAttempts) {
      const separator = path.includes('?') ? '&' : '?';
      const reply = await rawGet(port, `${path}${separator}token=${TOKEN}`);
      // Whatever the answer, it is never a crash: 303 to a local path, or a 4xx.
      expect(reply.status, path).toBeGreaterThan(0);
      if (reply.status !== 303) {
        expect(reply.status, path).toBeGreaterThanOrEqual(400);
        expect(reply.status, path).toBeLessThan(500);
        continue;
      }
      const location = reply.headers.location ?? '';
      expect(location, path).toMatch(/^\/(?![/\\])/);
      expect(location, path).not.toMatch(/[\t\r\n\\]/);
      if (new URL(location, `${origin}/`).origin !== origin) offSite.push(`${path} -> ${location}`);
      expect(location, path).not.toContain('token=');
    }
    expect(offSite).toEqual([]);
    // The host still serves after all of that.
    expect((await rawGet(port, `/?token=${TOKEN}`)).status).toBe(303);
  });

  it('keeps the path and the other query parameters of an ordinary link', async () => {
    const { port } = await start();
    const reply = await rawGet(port, `/runs/12?job=test&token=${TOKEN}`);
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/runs/12?job=test');
  });

  it('answers 400 to a request target it cannot read, and keeps serving', async () => {
    const { port } = await start();
    for (const target of ['//', '//?token=x', 'http://[::1', '/%']) {
      const reply = await rawGet(port, target);
      expect(reply.status, target).toBeGreaterThanOrEqual(400);
      expect(reply.status, target).toBeLessThan(500);
    }
    expect((await rawGet(port, `/?token=${TOKEN}`)).status).toBe(303);
  });
});
