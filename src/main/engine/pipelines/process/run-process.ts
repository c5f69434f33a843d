// Runs one job's script in a shell that leads its own process group, streams its output as it
// arrives, and ends the WHOLE group on cancel, timeout, or when the shell exits leaving processes
// behind — so nothing a job started outlives the job.
import { statSync } from 'node:fs';
import { execa } from 'execa';
import { groupAlive, signalGroup } from '../../kernel/process/process-group.ts';

export interface ProcessSpec {
  /** The job's commands joined by "\n" — text from cockpit.yml only; user values arrive via env. */
  script: string;
  shell: 'bash' | 'sh';
  /** Instead of `shell -c script`: a program and its arguments (a script file run by a custom shell). */
  argv?: string[];
  cwd: string;
  /** The complete environment for the child (runProcess does not merge process.env itself). */
  env: Record<string, string>;
  timeoutMs?: number;
  /** Grace between SIGTERM and SIGKILL on cancel/timeout; default 5000. */
  killGraceMs?: number;
  /** Cancels the job: kills the whole process tree. */
  signal?: AbortSignal;
  /** Told the process group as soon as the shell runs (recorded, so a later start can end it). */
  onStarted?: (pgid: number) => void;
}

export interface ProcessOutcome {
  exitCode: number | null;
  /** The signal that ended the shell, e.g. 'SIGKILL' when killed. */
  signal: string | null;
  timedOut: boolean;
  cancelled: boolean;
  /** Why the shell could not be started (readable), or null. */
  spawnError: string | null;
  durationMs: number;
}

export type OutputStream = 'stdout' | 'stderr';

const DEFAULT_KILL_GRACE_MS = 5000;
/** How long the pipes may stay open after the shell exited (background processes holding them). */
const LINGER_MS = 2000;
/** After SIGKILL, how long output already in the pipes may drain before we close them ourselves. */
const DRAIN_MS = 200;
/** After SIGKILL, how long to wait for the group to vanish (e.g. a process stuck in disk IO). */
const KILL_SETTLE_MS = 1000;
const POLL_MS = 25;

/**
 * Runs `spec.script` and hands every output chunk to `onOutput` as it arrives (nothing is buffered).
 * Resolves once the shell has exited, both pipes are closed and no process of its group is left.
 * Never rejects for the job's own failures; rejects only if `onOutput` throws (after the job ended,
 * its output no longer delivered).
 */
export async function runProcess(
  spec: ProcessSpec,
  onOutput: (stream: OutputStream, chunk: Buffer) => void,
): Promise<ProcessOutcome> {
  const started = performance.now();
  const outcome = (fields: Partial<ProcessOutcome>): ProcessOutcome => ({
    exitCode: null,
    signal: null,
    timedOut: false,
    cancelled: false,
    spawnError: null,
    ...fields,
    durationMs: Math.round(performance.now() - started),
  });
  if (spec.signal?.aborted) return outcome({ cancelled: true });
  const cwdProblem = checkCwd(spec.cwd);
  if (cwdProblem !== null) return outcome({ spawnError: cwdProblem });

  // `killDescendants` spawns the shell as the leader of a new process group (setsid, like
  // `detached: true`) while keeping `cleanup` working: execa skips its exit hook for `detached`.
  const [program, ...args] = spec.argv ?? [spec.shell, ...shellArguments(spec)];
  const subprocess = execa(program!, args, {
    cwd: spec.cwd,
    env: spec.env,
    extendEnv: false,
    killDescendants: true,
    cleanup: true,
    forceKillAfterDelay: false, // escalation is ours, aimed at the group
    buffer: false,
    encoding: 'buffer',
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
    reject: false,
  });
  const child = subprocess.nodeChildProcess;
  const pid = child.pid;
  if (pid === undefined || child.stdout === null || child.stderr === null) {
    const result = await subprocess;
    const message = result.originalMessage ?? result.message ?? 'unknown error';
    return outcome({ spawnError: spawnErrorMessage(program!, message) });
  }
  const group = pid;
  spec.onStarted?.(group);
  const stdout = child.stdout;
  const stderr = child.stderr;
  // With reject: false this settles once the pipes are closed; nothing to wait for, nothing to throw.
  subprocess.catch(() => undefined);

  // Windows has no process groups: execa's killDescendants runs `taskkill /T /F` on the tree instead.
  const windows = process.platform === 'win32';
  const killTree = (signal: NodeJS.Signals) =>
    windows ? subprocess.kill(signal) : signalGroup(group, signal);
  const treeAlive = () => !windows && groupAlive(group);

  return new Promise<ProcessOutcome>((resolve, reject) => {
    const grace = spec.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
    const timers = new Set<NodeJS.Timeout>();
    const later = (ms: number, run: () => void) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        run();
      }, ms);
      timers.add(timer);
      return timer;
    };
    let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    let openPipes = 2;
    let reason: 'cancel' | 'timeout' | null = null;
    let termSent = false;
    let killSentAt: number | null = null;
    let finishing = false;
    let outputError: { error: unknown } | null = null;

    const deliver = (stream: OutputStream) => (chunk: Buffer) => {
      if (outputError !== null) return; // keep draining so the job never blocks on a full pipe
      try {
        onOutput(stream, chunk);
      } catch (error) {
        outputError = { error };
      }
    };
    stdout.on('data', deliver('stdout'));
    stderr.on('data', deliver('stderr'));
    for (const pipe of [stdout, stderr]) {
      pipe.once('close', () => {
        openPipes--;
        settle();
      });
    }

    // SIGTERM to the group now, SIGKILL to whatever of it is left after the grace.
    const terminate = () => {
      if (termSent) return;
      termSent = true;
      killTree('SIGTERM');
      later(grace, forceKill);
    };
    const forceKill = () => {
      if (killSentAt !== null) return;
      killSentAt = performance.now();
      if (treeAlive()) killTree('SIGKILL');
      // Whoever still holds the pipes now is outside the group (setsid): stop waiting for them.
      later(DRAIN_MS, () => {
        stdout.destroy();
        stderr.destroy();
      });
    };

    const onAbort = () => {
      if (exit === null) reason ??= 'cancel';
      terminate();
    };
    spec.signal?.addEventListener('abort', onAbort, { once: true });
    const timeout =
      spec.timeoutMs === undefined
        ? null
        : later(spec.timeoutMs, () => {
            if (exit !== null) return;
            reason ??= 'timeout';
            terminate();
          });

    child.once('exit', (code, signal) => {
      exit = { code, signal };
      if (timeout !== null) {
        clearTimeout(timeout);
        timers.delete(timeout);
      }
      if (openPipes > 0) {
        // Background processes keep the pipes open: give them a moment, then end the group.
        later(LINGER_MS, () => {
          if (openPipes === 0) return;
          terminate();
          if (!treeAlive()) forceKill();
        });
      }
      settle();
    });

    function settle() {
      if (exit === null || openPipes > 0 || finishing) return;
      finishing = true;
      void reapAndResolve(exit);
    }

    async function reapAndResolve(ended: { code: number | null; signal: NodeJS.Signals | null }) {
      // Leftovers that did not hold the pipes (`daemon >/dev/null &`) or members in their grace.
      if (treeAlive()) terminate();
      while (treeAlive()) {
        if (killSentAt !== null && performance.now() - killSentAt > KILL_SETTLE_MS) break;
        await new Promise((wake) => setTimeout(wake, POLL_MS));
      }
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      spec.signal?.removeEventListener('abort', onAbort);
      if (outputError !== null) {
        const { error } = outputError;
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      resolve(
        outcome({
          exitCode: ended.code,
          signal: ended.signal,
          timedOut: reason === 'timeout',
          cancelled: reason === 'cancel',
        }),
      );
    }
  });
}

/** Like GitHub Actions: no profile or rc files, stop at the first failing command or pipe stage. */
function shellArguments(spec: ProcessSpec): string[] {
  return spec.shell === 'bash'
    ? ['--noprofile', '--norc', '-eo', 'pipefail', '-c', spec.script]
    : ['-e', '-c', spec.script];
}

/** Node reports a missing cwd as "spawn bash ENOENT", which blames the shell; say what is wrong. */
function checkCwd(cwd: string): string | null {
  try {
    return statSync(cwd).isDirectory() ? null : `The working directory ${cwd} is not a folder.`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return `The working directory ${cwd} does not exist.`;
    return `Cannot use the working directory ${cwd}: ${(error as Error).message}`;
  }
}

function spawnErrorMessage(shell: string, message: string): string {
  if (/\bENOENT\b/.test(message)) {
    return `Could not start ${shell}: it was not found on the PATH given to the job (${message}).`;
  }
  return `Could not start ${shell}: ${message}`;
}
