// Keeps a job's artifacts: files matching its globs (inside its working directory) are copied into
// <dataDir>/artifacts/<run>/<job>/ with their size and SHA-256, so they outlive the checkout.
import { createHash } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  globSync,
  lstatSync,
  openSync,
  readSync,
  realpathSync,
  statSync,
} from 'node:fs';
import { dirname, join, matchesGlob, relative, resolve, sep } from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../kernel/private-files.ts';

export interface StoredArtifact {
  path: string;
  size: number;
  sha256: string;
  stored_path: string;
}

export function collectArtifacts(options: {
  cwd: string;
  patterns: string[];
  /** Globs (relative to cwd) of files not to keep. */
  exclude?: string[];
  dataDir: string;
  runId: number;
  job: string;
  /** Told about each file that could not be kept; the others are kept regardless. */
  onSkipped?: (path: string, reason: string) => void;
}): StoredArtifact[] {
  const { patterns, dataDir, runId, job } = options;
  // Real paths on both sides: a symlink must not carry the copy outside the working directory.
  const cwd = realpathSync(resolve(options.cwd));
  const inside = (path: string) => {
    const real = realpathSync(path);
    return real.startsWith(cwd + sep) ? real : null;
  };
  const files = new Set<string>();
  const consider = (absolute: string) => {
    const link = lstatSync(absolute, { throwIfNoEntry: false });
    if (!link) return;
    if (link.isSymbolicLink()) {
      options.onSkipped?.(relative(cwd, absolute), 'a symbolic link (not followed)');
      return;
    }
    const real = inside(absolute);
    if (real === null) return;
    // By real path: a file reached through a linked folder is the same file, kept once.
    if (link.isFile()) files.add(real);
    else if (link.isDirectory()) {
      for (const inner of globSync('**/*', { cwd: absolute })) consider(join(absolute, inner));
    }
  };
  for (const pattern of patterns) {
    for (const match of globSync(pattern, { cwd })) consider(resolve(cwd, match));
  }
  const targetRoot = join('artifacts', String(runId), job.replaceAll(/[^\w.-]/g, '_'));
  const kept: StoredArtifact[] = [];
  for (const file of [...files].sort()) {
    const path = relative(cwd, file);
    if (options.exclude?.some((pattern) => matchesGlob(path, pattern))) continue;
    const stored = join(targetRoot, path);
    try {
      ensurePrivateDir(dirname(join(dataDir, stored)));
      copyFileSync(file, join(dataDir, stored));
      chmodSync(join(dataDir, stored), PRIVATE_FILE_MODE); // the copy took the original's mode
      kept.push({ path, size: statSync(file).size, sha256: sha256Of(file), stored_path: stored });
    } catch (error) {
      options.onSkipped?.(path, (error as Error).message);
    }
  }
  return kept;
}

/** Hashes a file in 1 MiB reads, so artifacts of any size never sit in memory whole. */
function sha256Of(file: string): string {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(1024 * 1024);
  const fd = openSync(file, 'r');
  try {
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}
