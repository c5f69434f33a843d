// `cockpit artifacts <run>` as a real child process on a real run: the list, --json, --out (files
// checked against their SHA-256, an existing different file never overwritten) and a removed artifact.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunArtifact } from '../../../shared/domain/run.ts';
import { cleanupFixtures, gitRepo, tempDir } from '../../testing/fixtures.ts';
import { runCockpitSync } from '../../testing/cli-process.ts';

afterEach(cleanupFixtures);

const config = (policy = '') => `version: 1
name: cli-artifacts
${policy}
pipelines:
  ci:
    jobs:
      build:
        run: mkdir -p dist && printf "app $COCKPIT_PARAM_N" > dist/app.js && head -c 700000 /dev/urandom > dist/app.bin
        artifacts: [dist/**]
      report:
        needs: build
        run: printf ok > report.txt
        artifacts: [report.txt]
    params:
      n: { type: string, default: "1" }
`;

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

describe('cockpit artifacts', () => {
  it('lists, saves and verifies a run’s artifacts; says which ones retention removed', () => {
    const repo = gitRepo({ 'cockpit.yml': config() });
    const dataDir = tempDir();
    const cockpit = (...args: string[]) => runCockpitSync(args, { cwd: repo, dataDir });
    expect(cockpit('run', 'ci').code).toBe(0);

    const listed = cockpit('artifacts', '1');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`^build/dist/app\\.js\\s+5 B\\s+${sha256('app 1')}$`, 'm'));
    expect(listed.stdout).toMatch(/^build\/dist\/app\.bin\s+683\.6 KB\s+[0-9a-f]{64}$/m);
    expect(listed.stdout).toMatch(/^report\/report\.txt\s+2 B\s+[0-9a-f]{64}$/m);

    const out = tempDir('cockpit-artifacts-out-');
    const saved = cockpit('artifacts', '1', '--out', out, '--json');
    expect(saved.code).toBe(0);
    const artifacts = JSON.parse(saved.stdout) as (RunArtifact & { file: string })[];
    expect(artifacts.map((a) => [a.job, a.path, a.available, a.file])).toEqual([
      ['build', 'dist/app.bin', true, join(out, 'build', 'dist', 'app.bin')],
      ['build', 'dist/app.js', true, join(out, 'build', 'dist', 'app.js')],
      ['report', 'report.txt', true, join(out, 'report', 'report.txt')],
    ]);
    for (const artifact of artifacts) expect(sha256(readFileSync(artifact.file))).toBe(artifact.sha256);
    expect(readFileSync(join(out, 'build', 'dist', 'app.js'), 'utf8')).toBe('app 1');
    // Saving again finds the same files and leaves them; a different file is never overwritten.
    expect(cockpit('artifacts', '1', '--out', out).code).toBe(0);
    writeFileSync(join(out, 'report', 'report.txt'), 'mine');
    const clash = cockpit('artifacts', '1', '--out', out);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain(
      `${join(out, 'report', 'report.txt')} exists with other content; not overwritten`,
    );
    expect(readFileSync(join(out, 'report', 'report.txt'), 'utf8')).toBe('mine');

    // Retention: keep the last run only; run #1's artifacts are listed as gone, with why.
    writeFileSync(join(repo, 'cockpit.yml'), config('artifacts: { keep_last_runs: 1 }'));
    expect(cockpit('run', 'ci', '--param', 'n=2').code).toBe(0);
    const after = cockpit('artifacts', '1');
    expect(after.stdout).toMatch(
      /^build\/dist\/app\.js\s+5 B\s+[0-9a-f]{64}\s+gone: removed by the project's retention: not among its last 1 run/m,
    );
    expect(cockpit('artifacts', '2').stdout).not.toContain('gone');

    expect(cockpit('artifacts').code).toBe(2);
    const missing = cockpit('artifacts', '99');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('There is no run #99.');
  });
});
