// The `cockpit` command line as a real child process, for the CLI's tests: the same binary users
// run, its own data directory, no colours.
import { execFile, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';
import { repositoryRoot } from '../engine/kernel/app-version.ts';

export const cockpitBin = join(repositoryRoot, 'bin', 'cockpit.js');

/** Builds the single-file CLI bundle (`npm run build:cli`) into `outDir`; the build's exit and output. */
export function buildCliBundle(outDir: string): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [join(repositoryRoot, 'scripts', 'build-cli.ts'), '--outdir', outDir], {
    encoding: 'utf8',
    timeout: 120_000,
  });
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  dataDir: string;
  cwd?: string;
  /** Added to this process's environment (e.g. COCKPIT_USER, TZ). */
  env?: Record<string, string>;
  /** Standard input (sync only). */
  input?: string;
  timeoutMs?: number;
}

function environment(options: CliOptions): NodeJS.ProcessEnv {
  return { ...process.env, COCKPIT_DATA_DIR: options.dataDir, NO_COLOR: '1', ...options.env };
}

/** Runs `cockpit …args` and waits for it, blocking the test's thread (for quick commands). */
export function runCockpitSync(args: string[], options: CliOptions): CliResult {
  const result = spawnSync(process.execPath, [cockpitBin, ...args], {
    cwd: options.cwd,
    input: options.input,
    env: environment(options),
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `cockpit …args` without blocking (servers the test runs must keep answering meanwhile). */
export function runCockpit(args: string[], options: CliOptions): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cockpitBin, ...args],
      { cwd: options.cwd, env: environment(options), encoding: 'utf8', timeout: options.timeoutMs ?? 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}
