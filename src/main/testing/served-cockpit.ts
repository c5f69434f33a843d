// A real `cockpit serve` child process and a WebSocket client speaking the engine protocol to it —
// for tests that must watch the engine from outside (is it still answering? does it exit on
// SIGTERM?) or kill it at a moment of their choosing.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { onCleanup } from './fixtures.ts';

export const COCKPIT_BIN = fileURLToPath(new URL('../../../bin/cockpit.js', import.meta.url));

export interface Answer {
  ok: boolean;
  result?: unknown;
  error?: { code: string; message: string };
  /** Round trip in milliseconds. */
  ms: number;
}

export interface ServedCockpit {
  child: ChildProcess;
  url: string;
  call(method: string, params?: unknown, timeoutMs?: number): Promise<Answer>;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

export async function serveCockpit(
  dataDir: string,
  env: NodeJS.ProcessEnv = {},
  options: { umask?: string; /** Another entry than bin/cockpit.js (a built bundle). */ bin?: string } = {},
): Promise<ServedCockpit> {
  const args = [options.bin ?? COCKPIT_BIN, '--data-dir', dataDir, 'serve', '--port', '0'];
  // With a umask, through sh (exec: the child is node itself, so signals reach it).
  const [command, argv] =
    options.umask === undefined
      ? [process.execPath, args]
      : ['sh', ['-c', `umask ${options.umask} && exec "$0" "$@"`, process.execPath, ...args]];
  const child = spawn(command, argv, {
    env: { ...process.env, NO_COLOR: '1', COCKPIT_RENDERER_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  onCleanup(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const found = /serving at (http:\/\/\S+)/.exec(stdout);
      if (found) resolve(found[1]!);
    });
    void exited.then(() => reject(new Error(`cockpit serve exited before serving: ${stderr}`)));
  });
  const address = new URL(url);
  const ws = new WebSocket(`ws://${address.host}/api?token=${address.searchParams.get('token')}`);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  onCleanup(() => ws.terminate());
  const pending = new Map<number, (frame: Record<string, unknown>) => void>();
  ws.on('message', (data: Buffer) => {
    const frame = JSON.parse(data.toString()) as Record<string, unknown>;
    if (frame.t === 'result') pending.get(frame.id as number)?.(frame);
  });
  let nextId = 1;
  return {
    child,
    url,
    exited,
    stderr: () => stderr,
    call(method, params = {}, timeoutMs = 30_000) {
      const id = nextId++;
      const started = performance.now();
      return new Promise<Answer>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${method} did not answer within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, (frame) => {
          clearTimeout(timer);
          pending.delete(id);
          const ms = performance.now() - started;
          resolve(
            frame.ok
              ? { ok: true, result: frame.result, ms }
              : { ok: false, error: frame.error as Answer['error'], ms },
          );
        });
        ws.send(JSON.stringify({ t: 'call', id, method, params }));
      });
    },
  };
}
