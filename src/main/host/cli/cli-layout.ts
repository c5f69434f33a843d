// Where the CLI finds what it reads from disk besides its code: package.json (the version), the
// examples, the built UI, the SQL migrations and the log-search worker. From source the engine's
// own defaults (paths beside its modules) hold; the bundle (out/cli, scripts/build-cli.ts) carries
// the migrations and the worker beside itself and finds the package by walking up to package.json.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repositoryRoot } from '../../engine/kernel/app-version.ts';

export interface CliLayout {
  /** The folder holding the cockpit's package.json, examples/ and out/renderer/. */
  packageRoot: string;
  /** Unset from source: the engine reads the migrations beside its own modules. */
  migrationsDir?: string;
  /** Unset from source: the engine starts log-search-worker.ts beside its own module. */
  logSearchWorker?: string;
}

/** File names the bundle writes beside its entry (scripts/build-cli.ts writes them). */
export const bundledFiles = { migrations: 'migrations', logSearchWorker: 'log-search-worker.mjs' } as const;

let layout: CliLayout = { packageRoot: repositoryRoot };

export function cliLayout(): CliLayout {
  return layout;
}

/** Called first by the bundle's entry, with the folder it was loaded from. */
export function useBundleLayout(bundleDir: string): void {
  layout = {
    packageRoot: findPackageRoot(bundleDir),
    migrationsDir: join(bundleDir, bundledFiles.migrations),
    logSearchWorker: join(bundleDir, bundledFiles.logSearchWorker),
  };
}

/** The nearest folder at or above `dir` with a package.json; `dir` itself when there is none. */
export function findPackageRoot(dir: string): string {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, 'package.json'))) return at;
    if (dirname(at) === at) return dir;
  }
}
