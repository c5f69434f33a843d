// Shared by the fault and fuzz suite (`npm run test:faults`): the profile (short by default,
// COCKPIT_FAULTS=long), a seeded random source (COCKPIT_FAULT_SEED replays a run), real CLI
// processes to kill, and the figures each test adds to the run's summary.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { COCKPIT_BIN } from './served-cockpit.ts';
import { onCleanup } from './fixtures.ts';

export const LONG = process.env.COCKPIT_FAULTS === 'long';
export const SEED = Number(process.env.COCKPIT_FAULT_SEED ?? Math.floor(Math.random() * 2 ** 31));

/** How many times to do something: `short` in the default profile, `long` with COCKPIT_FAULTS=long. */
export function times(short: number, long: number): number {
  return LONG ? long : short;
}

/** mulberry32: small, fast, and the same sequence for the same seed. */
export function seededRandom(seed = SEED): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A real `cockpit` CLI process (killed with SIGKILL at cleanup if still running). */
export function cockpitProcess(dataDir: string, args: string[], cwd: string): ChildProcess {
  const child = spawn(process.execPath, [COCKPIT_BIN, '--data-dir', dataDir, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  onCleanup(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return child;
}

export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function waitFor<T>(
  what: string,
  probe: () => T | null | undefined | false,
  timeoutMs = 60_000,
) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((wake) => setTimeout(wake, 20));
  }
}

/** Adds a line of figures to test-results/faults-summary.jsonl (docs/reliability.md quotes them). */
export function recordFigures(suite: string, figures: Record<string, number | string>): void {
  const dir = join(import.meta.dirname, '..', '..', '..', 'test-results');
  mkdirSync(dir, { recursive: true });
  const line = {
    suite,
    profile: LONG ? 'long' : 'short',
    seed: SEED,
    at: new Date().toISOString(),
    ...figures,
  };
  appendFileSync(join(dir, 'faults-summary.jsonl'), `${JSON.stringify(line)}\n`);
  console.warn(`[faults] ${JSON.stringify(line)}`);
}
