// "Show in folder" for a kept artifact: where its stored copy is under <dataDir>/artifacts, decided
// here without Electron (tested), and never a path outside that folder or one that does not exist.
import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { isShowArtifactRequest } from '../../shared/engine-port.ts';

/** The stored copy to reveal, or null when the request is malformed, escapes, or the file is gone. */
export function artifactToReveal(dataDir: string, request: unknown): string | null {
  if (!isShowArtifactRequest(request)) return null;
  const root = resolve(dataDir, 'artifacts');
  // The folder name the engine gives a job (pipelines/artifacts.ts).
  const job = request.job.replaceAll(/[^\w.-]/g, '_');
  const file = resolve(join(root, String(request.runId), job, request.path));
  if (!file.startsWith(root + sep)) return null;
  return existsSync(file) ? file : null;
}
