import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures, tempDir } from '../../../testing/fixtures.ts';
import { runProcess, type ProcessSpec } from './run-process.ts';

afterEach(cleanupFixtures);

const baseEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin' };

function run(script: string, overrides: Partial<ProcessSpec> = {}, onChunk?: (text: string) => void) {
  const output = { stdout: '', stderr: '', chunks: 0, largestChunk: 0 };
  const promise = runProcess(
    { script, shell: 'bash', cwd: tempDir(), env: baseEnv, ...overrides },
    (stream, chunk) => {
      output[stream] += chunk.toString();
      output.chunks++;
      output.largestChunk = Math.max(output.largestChunk, chunk.length);
      onChunk?.(chunk.toString());
    },
  );
  return promise.then((outcome) => ({ ...outcome, ...output }));
}

/**
 * Whether a process is gone: kill(pid, 0) fails with ESRCH — or the process is a zombie. Where PID 1
 * never reaps orphans (this sandbox, containers without an init) a dead orphan stays a zombie forever.
 */
function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

/** Aborts the controller once the script prints "ready" (it has started everything it means to). */
function abortWhenReady(controller: AbortController) {
  let seen = '';
  return (text: string) => {
    seen += text;
    if (seen.includes('ready')) controller.abort();
  };
}

describe('runProcess', () => {
  it('reports exit codes, stops at the first failing command and fails a broken pipe stage', async () => {
    expect((await run('true')).exitCode).toBe(0);
    const failed = await run('echo before; exit 3; echo after');
    expect(failed).toMatchObject({
      exitCode: 3,
      signal: null,
      timedOut: false,
      cancelled: false,
      spawnError: null,
    });
    expect(failed.stdout).toBe('before\n');
    const errexit = await run('false\necho never');
    expect(errexit.exitCode).toBe(1);
    expect(errexit.stdout).toBe('');
    expect((await run('false | true')).exitCode).toBe(1); // pipefail
  });

  it('keeps stdout and stderr apart', async () => {
    const result = await run('echo out; echo err >&2; printf partial');
    expect(result.stdout).toBe('out\npartial');
    expect(result.stderr).toBe('err\n');
  });

  it('passes the environment verbatim: values are data, never code', async () => {
    const dir = tempDir();
    const tricky = `$(touch pwned1) \`touch pwned2\` "double" 'single' ; touch pwned3\nsecond line\\n $HOME ✓`;
    const result = await run('printf "%s" "$TRICKY"', { cwd: dir, env: { ...baseEnv, TRICKY: tricky } });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(tricky);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('does not add the engine environment to the one given', async () => {
    const result = await run('env', { env: { ...baseEnv, ONLY_THIS: '1' } });
    const names = result.stdout
      .trim()
      .split('\n')
      .map((line) => line.split('=')[0]);
    // The shell itself sets PWD, SHLVL and _.
    expect(new Set(names)).toEqual(new Set(['PATH', 'ONLY_THIS', 'PWD', 'SHLVL', '_']));
  });

  it('runs in the given working directory', async () => {
    const dir = tempDir();
    expect((await run('pwd', { cwd: dir })).stdout.trim()).toBe(realpathSync(dir));
  });

  it('runs sh scripts with -e', async () => {
    const result = await run('x=1; [ "$x" = 1 ] && echo "sh ok"', { shell: 'sh' });
    expect(result).toMatchObject({ exitCode: 0, stdout: 'sh ok\n' });
    expect((await run('false\necho never', { shell: 'sh' })).exitCode).not.toBe(0);
  });

  it('streams output chunk by chunk instead of buffering it', async () => {
    const result = await run('head -c 20000000 /dev/zero | tr "\\0" x');
    expect(result.exitCode).toBe(0);
    expect(result.stdout.length).toBe(20_000_000);
    expect(result.chunks).toBeGreaterThan(100);
    expect(result.largestChunk).toBeLessThanOrEqual(1024 * 1024);
  });

  it('cancel kills the whole tree, grandchildren included', async () => {
    const dir = tempDir();
    const controller = new AbortController();
    const result = await run(
      'echo $$ > shellpid; sleep 300 & echo $! > pidfile; echo ready; wait',
      { cwd: dir, signal: controller.signal },
      abortWhenReady(controller),
    );
    const grandchild = Number(readFileSync(join(dir, 'pidfile'), 'utf8'));
    expect(result).toMatchObject({ cancelled: true, timedOut: false, exitCode: null, signal: 'SIGTERM' });
    expect(result.durationMs).toBeLessThan(2000); // everything died on SIGTERM: no grace needed
    expect(gone(grandchild)).toBe(true);
    expect(gone(Number(readFileSync(join(dir, 'shellpid'), 'utf8')))).toBe(true);
  });

  it('SIGKILLs a shell that ignores SIGTERM once the grace is over', async () => {
    const controller = new AbortController();
    const result = await run(
      "trap '' TERM; echo ready; sleep 300; echo survived",
      { signal: controller.signal, killGraceMs: 500 },
      abortWhenReady(controller),
    );
    expect(result).toMatchObject({ cancelled: true, signal: 'SIGKILL', exitCode: null });
    expect(result.stdout).not.toContain('survived');
    expect(result.durationMs).toBeGreaterThanOrEqual(500);
    expect(result.durationMs).toBeLessThan(3000);
  });

  it('SIGKILLs a grandchild that ignores SIGTERM after its parent died', async () => {
    const dir = tempDir();
    const controller = new AbortController();
    const result = await run(
      // The subshell says "ready" itself, once its trap is set.
      "(trap '' TERM; echo $BASHPID > pidfile; echo ready; exec sleep 300) & wait",
      { cwd: dir, signal: controller.signal, killGraceMs: 500 },
      abortWhenReady(controller),
    );
    const grandchild = Number(readFileSync(join(dir, 'pidfile'), 'utf8'));
    expect(result).toMatchObject({ cancelled: true, signal: 'SIGTERM' });
    expect(result.durationMs).toBeGreaterThanOrEqual(500); // resolved only after the grandchild died
    expect(gone(grandchild)).toBe(true);
  });

  it('times out: the tree is stopped and the outcome says so', async () => {
    const result = await run('echo started; sleep 300', { timeoutMs: 300 });
    expect(result).toMatchObject({ timedOut: true, cancelled: false, exitCode: null });
    expect(result.signal).toBe('SIGTERM');
    expect(result.stdout).toBe('started\n');
    expect(result.durationMs).toBeGreaterThanOrEqual(300);
    expect(result.durationMs).toBeLessThan(2000);
  });

  it('ends background processes left behind by a finished job that hold its pipes (after 2 s)', async () => {
    const dir = tempDir();
    const result = await run('sleep 300 & echo $! > pidfile; echo done', { cwd: dir });
    expect(result).toMatchObject({ exitCode: 0, cancelled: false, timedOut: false, stdout: 'done\n' });
    expect(result.durationMs).toBeGreaterThanOrEqual(2000);
    expect(result.durationMs).toBeLessThan(4000);
    expect(gone(Number(readFileSync(join(dir, 'pidfile'), 'utf8')))).toBe(true);
  });

  it('ends background processes left behind that do not hold the pipes, right away', async () => {
    const dir = tempDir();
    const result = await run('sleep 300 >/dev/null 2>&1 & echo $! > pidfile', { cwd: dir });
    expect(result.exitCode).toBe(0);
    expect(result.durationMs).toBeLessThan(1500);
    expect(gone(Number(readFileSync(join(dir, 'pidfile'), 'utf8')))).toBe(true);
  });

  it('reports a missing working directory readably instead of blaming the shell', async () => {
    const missing = join(tempDir(), 'no-such-folder');
    const result = await run('echo hi', { cwd: missing });
    expect(result.spawnError).toBe(`The working directory ${missing} does not exist.`);
    expect(result).toMatchObject({ exitCode: null, cancelled: false, stdout: '' });
  });

  it('reports a shell that cannot be found', async () => {
    const result = await run('echo hi', { env: { PATH: join(tempDir(), 'empty') } });
    expect(result.spawnError).toMatch(/^Could not start bash: it was not found on the PATH/);
  });

  it('does not start anything when already cancelled', async () => {
    const dir = tempDir();
    const result = await run('touch started', { cwd: dir, signal: AbortSignal.abort() });
    expect(result.cancelled).toBe(true);
    expect(existsSync(join(dir, 'started'))).toBe(false);
  });

  it('keeps draining and rejects after the job ended when the output handler throws', async () => {
    const dir = tempDir();
    const promise = runProcess(
      {
        script: 'head -c 5000000 /dev/zero; touch finished',
        shell: 'bash',
        cwd: dir,
        env: baseEnv,
      },
      () => {
        throw new Error('disk full');
      },
    );
    await expect(promise).rejects.toThrow('disk full');
    expect(existsSync(join(dir, 'finished'))).toBe(true);
  });

  // The engine itself going away (quit, crash with a handler, SIGTERM) must not leave jobs behind.
  it.each([
    ['exits', 'process.exit(0)'],
    ['gets SIGTERM', "process.kill(process.pid, 'SIGTERM')"],
  ])('kills the job tree when the engine process %s', async (_how, ending) => {
    const dir = tempDir();
    const engine = join(dir, 'engine.ts');
    writeFileSync(
      engine,
      `import { runProcess } from ${JSON.stringify(join(import.meta.dirname, 'run-process.ts'))};
void runProcess(
  { script: 'echo $$ > shellpid; sleep 300 & echo $! > pidfile; echo ready; wait', shell: 'bash', cwd: ${JSON.stringify(dir)}, env: { PATH: process.env.PATH } },
  (_stream, chunk) => { if (chunk.toString().includes('ready')) ${ending}; },
);
`,
    );
    const child = spawn(process.execPath, [engine], { stdio: 'ignore' });
    await once(child, 'exit');
    const pids = ['shellpid', 'pidfile'].map((file) => Number(readFileSync(join(dir, file), 'utf8')));
    // SIGTERM reached the group as the engine went; give the shell a moment to act on it.
    for (let i = 0; i < 40 && !pids.every(gone); i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(pids.map(gone)).toEqual([true, true]);
  });
});
