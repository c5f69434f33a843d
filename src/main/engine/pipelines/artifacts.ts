// Keeps a job's artifacts: files matching its globs (inside its working directory) are copied into
// <dataDir>/artifacts/<run>/<job>/ with their size and SHA-256, so they outlive the checkout.
import { createHash } from 'node:crypto';
import { copyFileSync, globSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export interface StoredArtifact {
  path: string;
  size: number;
  sha256: string;
  stored_path: string;
}

export function collectArtifacts(options: {
  cwd: string;
  patterns: string[];
  dataDir: string;
  runId: number;
  job: string;
}): StoredArtifact[] {
  const { cwd, patterns, dataDir, runId, job } = options;
  const files = new Set<string>();
  for (const pattern of patterns) {
    for (const match of globSync(pattern, { cwd })) {
      const absolute = resolve(cwd, match);
      if (!absolute.startsWith(cwd + sep)) continue; // never reach outside the working directory
      const stat = statSync(absolute, { throwIfNoEntry: false });
      if (stat?.isFile()) files.add(absolute);
      else if (stat?.isDirectory()) {
        for (const inner of globSync('**/*', { cwd: absolute })) {
          const file = join(absolute, inner);
          if (statSync(file, { throwIfNoEntry: false })?.isFile()) files.add(file);
        }
      }
    }
  }
  const targetRoot = join('artifacts', String(runId), job.replaceAll(/[^\w.-]/g, '_'));
  return [...files].sort().map((file) => {
    const path = relative(cwd, file);
    const stored = join(targetRoot, path);
    mkdirSync(dirname(join(dataDir, stored)), { recursive: true });
    copyFileSync(file, join(dataDir, stored));
    const bytes = readFileSync(file);
    return {
      path,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      stored_path: stored,
    };
  });
}
