// The cockpit's data is its user's alone whatever the umask: a real `cockpit serve` started with
// umask 000 creates the data folder, database (with its -wal and -shm), logs, run logs, artifacts and
// the secrets key 0700/0600; and data left world-readable by an older version is tightened at start.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunDetail } from '../../../shared/domain/run.ts';
import { cleanupFixtures, gitRepo, tempDir } from '../../testing/fixtures.ts';
import { ensurePrivateDir } from './private-files.ts';
import { COCKPIT_BIN, serveCockpit, type ServedCockpit } from '../../testing/served-cockpit.ts';

afterEach(cleanupFixtures);

const mode = (path: string) => statSync(path).mode & 0o777;

const CONFIG = `version: 1
pipelines:
  build:
    jobs:
      make:
        secrets: [TOKEN]
        run: |
          mkdir -p dist && printf 'binary' > dist/app && chmod 755 dist/app
          echo built
        artifacts: [dist/app]
`;

async function runBuild(cockpit: ServedCockpit, repo: string) {
  const project = (await cockpit.call('projects.add', { path: repo })).result as { id: number };
  expect(
    (await cockpit.call('secrets.set', { projectId: project.id, name: 'TOKEN', value: 'tok-0123456789' })).ok,
  ).toBe(true);
  const run = (await cockpit.call('runs.start', { projectId: project.id, pipeline: 'build' })).result as {
    id: number;
  };
  for (;;) {
    const detail = (await cockpit.call('runs.get', { runId: run.id })).result as RunDetail;
    if (detail.status !== 'queued' && detail.status !== 'running') return detail;
    await new Promise((wake) => setTimeout(wake, 100));
  }
}

/** Every path the cockpit keeps data in, with the mode it must have. */
function expectedModes(dataDir: string): [string, number][] {
  const under = (folder: string) => readdirSync(join(dataDir, folder), { recursive: true }).map(String);
  return [
    [dataDir, 0o700],
    [join(dataDir, 'cockpit.db'), 0o600],
    [join(dataDir, 'secrets.key'), 0o600],
    [join(dataDir, 'logs'), 0o700],
    ...under('logs').map((file): [string, number] => [join(dataDir, 'logs', file), 0o600]),
    [join(dataDir, 'run-logs'), 0o700],
    ...under('run-logs').map((file): [string, number] => [join(dataDir, 'run-logs', file), 0o600]),
    [join(dataDir, 'artifacts'), 0o700],
  ];
}

describe('ensurePrivateDir', () => {
  it('creates missing parents, each 0700', () => {
    const base = tempDir('cockpit-dirs-');
    ensurePrivateDir(join(base, 'a', 'b', 'c'));
    expect(statSync(join(base, 'a', 'b', 'c')).isDirectory()).toBe(true);
    if (process.platform !== 'win32') expect(statSync(join(base, 'a')).mode & 0o777).toBe(0o700);
  });

  it.runIf(process.platform === 'linux')(
    'fails where a parent refuses new entries, instead of spinning (/proc)',
    () => {
      expect(() => ensurePrivateDir('/proc/cockpit-nowhere/data')).toThrow(/ENOENT/);
    },
  );
});

describe('private data, whatever the umask', () => {
  it('creates every file 0600 and every folder 0700 under umask 000', async () => {
    const dataDir = join(tempDir('cockpit-umask-'), 'data');
    const cockpit = await serveCockpit(dataDir, {}, { umask: '000' });
    const detail = await runBuild(cockpit, gitRepo({ 'cockpit.yml': CONFIG }));
    expect(detail.status).toBe('success');

    // While the engine runs, the database has its write-ahead log and shared memory beside it.
    for (const suffix of ['-wal', '-shm']) {
      expect(existsSync(join(dataDir, `cockpit.db${suffix}`))).toBe(true);
      expect(mode(join(dataDir, `cockpit.db${suffix}`)), suffix).toBe(0o600);
    }
    const artifacts = readdirSync(join(dataDir, 'artifacts'), { recursive: true, withFileTypes: true });
    expect(artifacts.some((entry) => entry.isFile() && entry.name === 'app')).toBe(true);
    for (const entry of artifacts) {
      const path = join(entry.parentPath, entry.name);
      expect(mode(path), path).toBe(entry.isDirectory() ? 0o700 : 0o600);
    }
    for (const [path, expected] of expectedModes(dataDir)) expect(mode(path), path).toBe(expected);
  });

  it('tightens what an older version left readable by others when it starts', async () => {
    const dataDir = join(tempDir('cockpit-umask-'), 'data');
    const first = await serveCockpit(dataDir);
    expect((await runBuild(first, gitRepo({ 'cockpit.yml': CONFIG }))).status).toBe('success');
    first.child.kill('SIGTERM');
    await first.exited;
    // As an old version under umask 022 would have left it.
    for (const [path, expected] of expectedModes(dataDir))
      chmodSync(path, expected === 0o700 ? 0o755 : 0o644);

    execFileSync(process.execPath, [COCKPIT_BIN, '--data-dir', dataDir, 'projects', 'list'], {
      encoding: 'utf8',
    });
    for (const [path, expected] of expectedModes(dataDir)) expect(mode(path), path).toBe(expected);
  });
});
