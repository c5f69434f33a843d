// First start, as a new user meets it, in real child processes: `npm start` without the Electron
// binary says what happened and what to do; `npm run web` serves the same UI with the demo ready.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { electronBinaryProblem } from '../../../../scripts/electron-binary.ts';
import { repositoryRoot } from '../../engine/kernel/app-version.ts';
import { cleanupFixtures, onCleanup, tempDir } from '../../testing/fixtures.ts';

afterEach(cleanupFixtures);

const start = join(repositoryRoot, 'scripts', 'start.ts');
const web = join(repositoryRoot, 'scripts', 'web.ts');

function npmStart(env: NodeJS.ProcessEnv) {
  const result = spawnSync(process.execPath, [start], {
    cwd: repositoryRoot,
    env,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function expectHelpfulMessage(stderr: string) {
  expect(stderr).not.toMatch(/Electron uninstall/);
  expect(stderr).toMatch(/cannot open its desktop window: the Electron binary is not in /);
  expect(stderr).toMatch(/npx install-electron/);
  expect(stderr).toMatch(/npm run web/);
  expect(stderr).toMatch(/cockpit serve/);
}

describe('npm start without the Electron binary', () => {
  it.skipIf(electronBinaryProblem(repositoryRoot, process.env) === null)(
    'on this machine (binary missing): says what happened and what to do, exit 1',
    () => {
      const result = npmStart(process.env);
      expect(result.code).toBe(1);
      expectHelpfulMessage(result.stderr);
      if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
        expect(result.stderr).toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD is set/);
      }
    },
  );

  it('wherever the binary is missing (an empty dist), the same message', () => {
    const result = npmStart({ ...process.env, ELECTRON_OVERRIDE_DIST_PATH: tempDir('empty-dist-') });
    expect(result.code).toBe(1);
    expectHelpfulMessage(result.stderr);
  });
});

describe('npm run web', () => {
  it('serves the app with the demo project ready on the board, and stops on SIGTERM', async () => {
    const dataDir = tempDir('cockpit-web-');
    const child = spawn(process.execPath, [web, '--no-build', '--no-open', '--port', '0'], {
      cwd: repositoryRoot,
      env: { ...process.env, COCKPIT_DATA_DIR: dataDir, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    onCleanup(async () => {
      child.kill('SIGTERM');
      await exited;
    });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL within 30 s:\n${output}`)), 30_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
    });
    expect(output).toMatch(/The demo project "Demo shop API" is on the board/);
    const page = await fetch(url, { redirect: 'manual' });
    expect(page.status).toBe(303); // the token traded for a cookie, as for `cockpit serve`
    const list = spawnSync(
      process.execPath,
      [join(repositoryRoot, 'bin', 'cockpit.js'), 'projects', 'list', '--json'],
      {
        env: { ...process.env, COCKPIT_DATA_DIR: dataDir },
        encoding: 'utf8',
      },
    );
    expect((JSON.parse(list.stdout) as { name: string }[]).map((project) => project.name)).toEqual([
      'Demo shop API',
    ]);
    child.kill('SIGTERM');
    expect(await exited).not.toBeNull();
  });
});
