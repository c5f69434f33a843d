// `cockpit run`, `runs`, `logs`, `pipelines` and `secrets` as real child processes on a real repo,
// including a CLI killed with SIGKILL mid-run.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { processAlive } from '../../engine/kernel/process/process-group.ts';
import { systemClock } from '../../engine/kernel/clock.ts';
import { cleanupFixtures, gitRepo, tempDir } from '../../testing/fixtures.ts';
import { cockpitBin, runCockpitSync } from '../../testing/cli-process.ts';
import { testEngine } from '../../testing/test-engine.ts';

afterEach(cleanupFixtures);

const config = `version: 1
name: cli-demo
pipelines:
  ci:
    params:
      fail: { type: boolean, default: false }
    jobs:
      lint: { run: "echo linting; echo all clean" }
      test: { run: 'echo testing; [ "$COCKPIT_PARAM_FAIL" = false ] || { echo "1 test failed" >&2; exit 2; }', needs: lint }
  slow:
    jobs:
      wait: { run: 'echo started; sleep 300 & echo $! > sleeper.pid; wait' }
`;

function cockpit(args: string[], cwd: string, dataDir: string, input?: string) {
  return runCockpitSync(args, { cwd, dataDir, input });
}

describe('cockpit run', () => {
  it('runs a pipeline from the repo folder with prefixed output, a summary, and exit 0', () => {
    const repo = gitRepo({ 'cockpit.yml': config });
    const dataDir = tempDir();
    const result = cockpit(['run', 'ci'], repo, dataDir);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/Added .* as project 1 "cli-demo"/);
    expect(result.stdout).toMatch(/^lint\s+\| all clean$/m);
    expect(result.stdout).toMatch(/^test\s+\| testing$/m);
    expect(result.stdout).toMatch(/^JOB\s+STATUS\s+ATTEMPTS\s+DURATION\s+EXIT$/m);
    expect(result.stdout).toMatch(/^test\s+success\s+1\s+\S+\s+0$/m);
    expect(result.stdout).toMatch(/Run #1 success in/);

    const runs = cockpit(['runs'], repo, dataDir);
    expect(runs.stdout).toMatch(/^#1\s+ci\s+success\s+cli\s+main@[0-9a-f]{8}/m);
    const logs = cockpit(['logs', '1', '--job', 'lint'], repo, dataDir);
    expect(logs.stdout).toContain('all clean');
  });

  it('exits 1 when the run fails, and takes params as --param NAME=VALUE', () => {
    const repo = gitRepo({ 'cockpit.yml': config });
    const result = cockpit(['run', 'ci', '--param', 'fail=true'], repo, tempDir());
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^test\s+\| 1 test failed$/m);
    expect(result.stdout).toMatch(/Run #1 failed/);
  });

  it('prints the plan with --dry-run and runs one job with --job', () => {
    const repo = gitRepo({ 'cockpit.yml': config });
    const dataDir = tempDir();
    const plan = cockpit(['run', 'ci', '--dry-run'], repo, dataDir);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain(['wave 1: lint', '  wave 2: test', ''].join('\n'));
    const one = cockpit(['run', 'ci', '--job', 'test', '--with-needs', '--dry-run'], repo, dataDir);
    expect(one.stdout).toContain(['wave 1: lint', '  wave 2: test', ''].join('\n'));
    const only = cockpit(['run', 'ci', '--job', 'test'], repo, dataDir);
    expect(only.code).toBe(0);
    expect(only.stdout).not.toContain('all clean');
  });

  it('checks --dry-run params as a real run does: same message, same exit code', () => {
    const repo = gitRepo({ 'cockpit.yml': config });
    const dataDir = tempDir();
    const dry = cockpit(
      ['run', 'ci', '--param', 'fail=maybe', '--param', 'fial=true', '--dry-run'],
      repo,
      dataDir,
    );
    const real = cockpit(['run', 'ci', '--param', 'fail=maybe', '--param', 'fial=true'], repo, dataDir);
    expect(dry.code).toBe(1);
    expect(dry.stderr).toMatch(/unknown param "fial".*param "fail" must be true or false, got "maybe"/);
    const errorLine = (text: string) => text.split('\n').find((line) => line.startsWith('error:'));
    expect(errorLine(dry.stderr)).toBe(errorLine(real.stderr));
    expect(real.code).toBe(dry.code);
    const ok = cockpit(['run', 'ci', '--param', 'fail=yes', '--dry-run'], repo, dataDir);
    expect(ok.stdout).toMatch(/params: fail=true/);
  });

  it('suggests the closest command or flag for a typo', () => {
    const repo = gitRepo({ 'cockpit.yml': config });
    const dataDir = tempDir();
    const command = cockpit(['staus'], repo, dataDir);
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(/unknown command "staus" \(did you mean "status"\?\)/);
    const flag = cockpit(['run', 'ci', '--dry-rn'], repo, dataDir);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/unknown option --dry-rn \(did you mean --dry-run\?\)/);
    const global = cockpit(['--verbos', 'status'], repo, dataDir);
    expect(global.stderr).toMatch(/unknown option --verbos \(did you mean --verbose\?\)/);
    // Nothing close: no guess, only where to look.
    expect(cockpit(['zzzzzz'], repo, dataDir).stderr).toMatch(
      /unknown command "zzzzzz" \(see "cockpit --help"\)\n/,
    );
  });

  it('reports usage errors with exit 2 and unknown pipelines with exit 1', () => {
    const repo = gitRepo({ 'cockpit.yml': config });
    const dataDir = tempDir();
    expect(cockpit(['run'], repo, dataDir).code).toBe(2);
    expect(cockpit(['run', 'ci', '--param', 'novalue'], repo, dataDir).code).toBe(2);
    const unknown = cockpit(['run', 'deploy'], repo, dataDir);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no pipeline "deploy".*pipelines: ci, slow/);
    expect(cockpit(['run', 'ci'], tempDir(), dataDir)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/no cockpit.yml/) as string,
    });
  });

  it('lists pipelines', () => {
    const repo = gitRepo({ 'cockpit.yml': config });
    const result = cockpit(['pipelines'], repo, tempDir());
    expect(result.stdout).toMatch(
      /^ci\n {2}1\. lint\n {2}2\. test\n {2}--param fail=<boolean> default false$/m,
    );
  });

  it('marks a run interrupted, with its logs, after the CLI is killed with SIGKILL', async () => {
    const repo = gitRepo({ 'cockpit.yml': config });
    const dataDir = tempDir();
    const child = spawn(process.execPath, [cockpitBin, 'run', 'slow'], {
      cwd: repo,
      env: { ...process.env, COCKPIT_DATA_DIR: dataDir, NO_COLOR: '1' },
      stdio: 'ignore',
    });
    const pidFile = join(repo, 'sleeper.pid');
    try {
      await expect
        .poll(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '', { timeout: 20_000 })
        .toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 300)); // let the log writer flush "started"
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;

      const engine = testEngine({ dataDir, clock: systemClock });
      const [run] = await engine.invoke('runs.list', {});
      expect(run).toMatchObject({ pipeline: 'slow', status: 'interrupted' });
      const detail = await engine.invoke('runs.get', { runId: run!.id });
      expect(detail.jobs[0]).toMatchObject({ status: 'interrupted' });
      const attempt = detail.jobs[0]!.attempts[0]!;
      expect(attempt.status).toBe('interrupted');
      const page = await engine.invoke('runs.logPage', { attemptId: attempt.id, fromLine: 0, count: 100 });
      expect(page.lines.map((l) => l.text)).toContain('started');
      // The job itself outlived the killed CLI in its own process group; the next start ended it.
      expect(processAlive(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
    } finally {
      if (existsSync(pidFile)) {
        try {
          process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
  });

  it('keeps secrets out of logs: set from stdin, injected by name, masked as ***', () => {
    const repo = gitRepo({
      'cockpit.yml': `version: 1
pipelines:
  ci:
    jobs:
      leak:
        secrets: [API_TOKEN]
        run: 'echo "token=$API_TOKEN"; printf "%s" "$API_TOKEN" | base64; echo "url=$(node -p "encodeURIComponent(process.env.API_TOKEN)")"'
`,
    });
    const dataDir = tempDir();
    const secret = 's3cr3t/value+with=chars';
    const set = cockpit(['secrets', 'set', 'API_TOKEN'], repo, dataDir, `${secret}\n`);
    expect(set.code).toBe(0);
    expect(cockpit(['secrets', 'list'], repo, dataDir).stdout).toMatch(/^API_TOKEN\s/m);
    const run = cockpit(['run', 'ci'], repo, dataDir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('token=***');
    expect(run.stdout).toContain('url=***');
    expect(run.stdout).not.toContain(secret);
    expect(run.stdout).not.toContain(Buffer.from(secret).toString('base64'));
    expect(run.stdout).not.toContain(encodeURIComponent(secret));
    for (const file of ['cockpit.db', 'cockpit.db-wal']) {
      if (existsSync(join(dataDir, file)))
        expect(readFileSync(join(dataDir, file)).includes(secret)).toBe(false);
    }
  });
});
