// `cockpit serve --host 0.0.0.0`: another machine reaches the host by this machine's address or name
// (or one allowed with --allow-host), still only with the token; any other Host header is refused
// (DNS rebinding). A loopback bind keeps the loopback-only allowlist. Requests go to 127.0.0.1 with
// the Host header a remote browser would send: the tests never leave this machine.
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../engine/kernel/app-version.ts';
import { cleanupFixtures, onCleanup, tempDir, writeFiles } from '../../testing/fixtures.ts';
import { rawGet } from '../../testing/raw-http.ts';
import { testEngine } from '../../testing/test-engine.ts';
import { hostAllowlist, machineAddresses } from './allowed-hosts.ts';
import { TEST_TOKEN as TOKEN, startTestWebHost } from '../../testing/web-host-under-test.ts';

afterEach(cleanupFixtures);

async function start(bind: string, allowHosts: string[] = []) {
  const rendererDir = tempDir('cockpit-renderer-');
  writeFiles(rendererDir, { 'index.html': '<!doctype html><title>Release Cockpit</title>' });
  return startTestWebHost({ engine: testEngine(), rendererDir, host: bind, allowHosts });
}

const machineIPv4 = machineAddresses().find((address) => !address.includes(':'));
const machineName = hostname().toLowerCase();

describe('web host bound beyond loopback', () => {
  it('answers this machine’s addresses and names and --allow-host names, with the token only', async () => {
    const { port } = await start('0.0.0.0', ['wallboard.example']);
    const cookie = `cockpit_token_${port}=${TOKEN}`;
    const names = [`${machineName}:${port}`, `wallboard.example:${port}`, `WallBoard.Example:${port}`];
    if (machineIPv4) names.push(`${machineIPv4}:${port}`);
    for (const name of names) {
      expect((await rawGet(port, '/', { host: name, cookie })).status, name).toBe(200);
      // The token is still required from anywhere.
      expect((await rawGet(port, '/', { host: name })).status, name).toBe(401);
      const origin = `http://${name.toLowerCase()}`;
      expect((await rawGet(port, '/', { host: name, cookie, origin })).status, origin).toBe(200);
      const traded = await rawGet(port, `/?token=${TOKEN}`, { host: name });
      expect(traded.status, name).toBe(303);
    }
  });

  it('still refuses every other Host and Origin (DNS rebinding), even with the token', async () => {
    const { port } = await start('0.0.0.0', ['wallboard.example']);
    const cookie = `cockpit_token_${port}=${TOKEN}`;
    for (const name of [
      `evil.example:${port}`,
      `wallboard.example.evil.example:${port}`,
      `${machineName}.evil.example:${port}`,
      `wallboard.example:${port + 1}`,
      '',
    ]) {
      expect((await rawGet(port, '/', { host: name, cookie })).status, name).toBe(403);
    }
    const fromEvil = await rawGet(port, '/', {
      host: `${machineName}:${port}`,
      cookie,
      origin: 'http://evil.example',
    });
    expect(fromEvil.status).toBe(403);
  });

  it('names the URLs to open from another machine', async () => {
    const served = await start('0.0.0.0', ['wallboard.example']);
    expect(served.urlWithToken).toBe(`http://127.0.0.1:${served.port}/?token=${TOKEN}`);
    expect(served.remoteUrlsWithToken).toContain(`http://${machineName}:${served.port}/?token=${TOKEN}`);
    expect(served.remoteUrlsWithToken).toContain(`http://wallboard.example:${served.port}/?token=${TOKEN}`);
    if (machineIPv4) {
      expect(served.remoteUrlsWithToken[0]).toBe(`http://${machineIPv4}:${served.port}/?token=${TOKEN}`);
    }
  });

  it('keeps the loopback-only allowlist on a loopback bind', async () => {
    const { port, remoteUrlsWithToken } = await start('127.0.0.1');
    const cookie = `cockpit_token_${port}=${TOKEN}`;
    expect(remoteUrlsWithToken).toEqual([]);
    expect((await rawGet(port, '/', { host: `${machineName}:${port}`, cookie })).status).toBe(403);
    if (machineIPv4) {
      expect((await rawGet(port, '/', { host: `${machineIPv4}:${port}`, cookie })).status).toBe(403);
    }
    expect((await rawGet(port, '/', { host: `localhost:${port}`, cookie })).status).toBe(200);
  });

  it('computes the allowlist from the bind address', () => {
    const list = hostAllowlist({
      bindHost: '::',
      port: 80,
      addresses: ['192.0.2.7', 'fd00::7'],
      hostNames: ['box', 'box.local'],
      allowHosts: ['Cockpit.Example.COM'],
    });
    for (const name of ['192.0.2.7', '[fd00::7]', 'box', 'box.local', 'cockpit.example.com', 'localhost']) {
      expect(list.hosts.has(`${name}:80`), name).toBe(true);
      expect(list.hosts.has(name), name).toBe(true);
      expect(list.origins.has(`http://${name}`), name).toBe(true);
    }
    expect(list.remoteUrls[0]).toBe('http://192.0.2.7:80/');
    const v4 = hostAllowlist({
      bindHost: '0.0.0.0',
      port: 9,
      addresses: ['192.0.2.7', 'fd00::7'],
      hostNames: [],
    });
    expect(v4.hosts.has('[fd00::7]:9')).toBe(false);
    const one = hostAllowlist({ bindHost: '192.0.2.7', port: 9, addresses: ['198.51.100.1'], hostNames: [] });
    expect(one.localUrl).toBe('http://192.0.2.7:9/');
    expect(one.hosts.has('198.51.100.1:9')).toBe(false);
  });
});

describe('cockpit serve --host 0.0.0.0', () => {
  it('prints the URL to open from another machine and accepts --allow-host', async () => {
    const child = spawn(
      process.execPath,
      [
        join(repositoryRoot, 'bin', 'cockpit.js'),
        'serve',
        '--host',
        '0.0.0.0',
        '--port',
        '0',
        '--allow-host',
        'wallboard.example',
      ],
      { env: { ...process.env, COCKPIT_DATA_DIR: tempDir(), NO_COLOR: '1' } },
    );
    onCleanup(() => {
      child.kill('SIGKILL');
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await expect.poll(() => stdout, { timeout: 20_000 }).toMatch(/another machine/);
    const local = /serving at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+))/.exec(stdout);
    expect(local, stdout).not.toBeNull();
    const port = Number(local![2]);
    const token = local![3]!;
    expect(stdout).toContain(`http://wallboard.example:${port}/?token=${token}`);
    expect(stdout).toContain(`http://${machineName}:${port}/?token=${token}`);
    if (machineIPv4) expect(stdout).toContain(`http://${machineIPv4}:${port}/?token=${token}`);
    expect(stderr).toMatch(/not only this machine/);
    const traded = await rawGet(port, `/?token=${token}`, { host: `wallboard.example:${port}` });
    expect(traded.status).toBe(303);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses an --allow-host that is not a host name', async () => {
    const child = spawn(
      process.execPath,
      [join(repositoryRoot, 'bin', 'cockpit.js'), 'serve', '--host', '0.0.0.0', '--allow-host', 'http://x/'],
      { env: { ...process.env, COCKPIT_DATA_DIR: tempDir(), NO_COLOR: '1' } },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/"http:\/\/x\/" is not a host name/);
  });
});
