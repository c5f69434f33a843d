// The built CLI (scripts/build-cli.ts) in real child processes: it is what `npx cockpit` runs after
// `npm run build`, so it must do what the sources do — find package.json for its version, its SQL
// migrations, the log-search worker and the built UI from inside out/ — and bin/cockpit.js must fall
// back to the sources the moment one of them is newer than the bundle.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunDetail } from '../../../shared/domain/run.ts';
import { repositoryRoot } from '../../engine/kernel/app-version.ts';
import { cleanupFixtures, gitRepo, tempDir } from '../../testing/fixtures.ts';
import { serveCockpit } from '../../testing/served-cockpit.ts';
import { buildCliBundle } from '../../testing/cli-process.ts';

afterEach(cleanupFixtures);

// Inside the repository, as out/cli is: the bundle finds package.json and node_modules by walking up.
const outDir = join(repositoryRoot, 'out', `cli-test-${process.pid}`);
const bundle = join(outDir, 'cockpit.mjs');

beforeAll(() => {
  const built = buildCliBundle(outDir);
  expect(built.status, built.stderr).toBe(0);
}, 130_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

function cockpit(entry: string, args: string[], dataDir: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [entry, ...args], {
    env: { ...process.env, COCKPIT_DATA_DIR: dataDir, NO_COLOR: '1', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const onePipeline =
  'version: 1\npipelines:\n  one:\n    jobs:\n      hello: { run: "echo hello from $GREETING_TARGET" }\n';

describe('the bundled cockpit CLI', () => {
  it('prints its version (from package.json) and help', () => {
    const dataDir = join(tempDir(), 'data');
    const version = (
      JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as { version: string }
    ).version;
    expect(cockpit(bundle, ['--version'], dataDir)).toMatchObject({ code: 0, stdout: `${version}\n` });
    const help = cockpit(bundle, ['--help'], dataDir);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: cockpit/m);
    expect(cockpit(bundle, ['staus'], dataDir)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/did you mean "status"/) as string,
    });
  });

  it('runs a one-job pipeline and reports status from a database it migrated itself', () => {
    const dataDir = tempDir();
    const repo = gitRepo({ 'cockpit.yml': onePipeline });
    const run = cockpit(bundle, ['run', 'one', '--project', repo], dataDir, {
      GREETING_TARGET: 'the bundle',
    });
    expect(run.stderr).not.toMatch(/error|warning/i);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/hello +\| hello from the bundle/);
    expect(run.stdout).toMatch(/Run #1 success/);

    const status = cockpit(bundle, ['status', '--project', repo], dataDir);
    expect(status).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/No environments configured/) as string,
    });
    expect(cockpit(bundle, ['runs', '--project', repo], dataDir).stdout).toMatch(/#1 +one +success/);
  });

  it('serves the API, and searches a stored log in its worker thread', async () => {
    const dataDir = tempDir();
    const repo = gitRepo({ 'cockpit.yml': onePipeline });
    const served = await serveCockpit(dataDir, { GREETING_TARGET: 'the worker' }, { bin: bundle });
    const project = await served.call('projects.add', { path: repo });
    expect(project.ok).toBe(true);
    const started = await served.call('runs.start', {
      projectId: (project.result as { id: number }).id,
      pipeline: 'one',
    });
    const runId = (started.result as { id: number }).id;
    let detail: RunDetail;
    for (;;) {
      detail = (await served.call('runs.get', { runId })).result as RunDetail;
      if (detail.status !== 'queued' && detail.status !== 'running') break;
      await new Promise((wake) => setTimeout(wake, 50));
    }
    expect(detail.status).toBe('success');
    const search = await served.call('runs.logSearch', {
      attemptId: detail.jobs[0]!.attempts[0]!.id,
      query: 'from the w.rker',
      regex: true,
      fromLine: -1,
      direction: 'next',
    });
    expect(search).toMatchObject({ ok: true, result: { line: expect.any(Number) as number, stopped: null } });
    served.child.kill('SIGTERM');
    expect(await served.exited).toMatchObject({ code: 0 });
  });

  it('lists the sources it was built from, for bin/cockpit.js to compare', () => {
    const manifest = JSON.parse(readFileSync(join(outDir, 'inputs.json'), 'utf8')) as {
      startedAt: number;
      inputs: string[];
    };
    expect(manifest.inputs).toContain('src/main/host/cli/run-cli.ts');
    expect(manifest.inputs).toContain('src/main/engine/kernel/store/migrations');
    expect(
      manifest.inputs.every(
        (input) => !input.startsWith('..') && !input.includes('node_modules/better-sqlite3'),
      ),
    ).toBe(true);
  });
});

describe('bin/cockpit.js', () => {
  it('runs the bundle while it is current and the sources once one is newer', () => {
    // A throwaway copy of the layout bin/cockpit.js expects: bin/, out/cli/, package.json, sources.
    const root = tempDir('cockpit-bin-');
    const bin = join(root, 'bin', 'cockpit.js');
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write('bin/cockpit.js', readFileSync(join(repositoryRoot, 'bin', 'cockpit.js'), 'utf8'));
    write('package.json', '{ "type": "module" }\n');
    write('src/main/host/cli/main.ts', "const from: string = 'source';\nconsole.log(from);\n");
    write('out/cli/cockpit.mjs', "console.log('bundle');\n");
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(root, 'src/main/host/cli/main.ts'), past, past);
    write(
      'out/cli/inputs.json',
      JSON.stringify({ startedAt: Date.now(), inputs: ['src/main/host/cli/main.ts'] }),
    );
    const dataDir = join(root, 'data');

    expect(cockpit(bin, [], dataDir).stdout).toBe('bundle\n');
    expect(cockpit(bin, [], dataDir, { COCKPIT_CLI_FROM_SOURCE: '1' }).stdout).toBe('source\n');
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'src/main/host/cli/main.ts'), future, future);
    expect(cockpit(bin, [], dataDir).stdout).toBe('source\n');
    rmSync(join(root, 'src/main/host/cli/main.ts'));
    write('src/main/host/cli/main.ts', "console.log('source again');\n");
    utimesSync(join(root, 'src/main/host/cli/main.ts'), past, past);
    expect(cockpit(bin, [], dataDir).stdout).toBe('bundle\n');
    rmSync(join(root, 'out/cli/inputs.json'));
    expect(cockpit(bin, [], dataDir).stdout).toBe('source again\n');
  });
});
