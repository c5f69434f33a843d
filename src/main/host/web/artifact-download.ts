// GET /artifacts/<id>: streams an artifact's stored file as a download (behind the same token cookie
// as everything else). An unknown id is 404, a file the project's retention removed (or that went
// missing) is 410, each with a sentence saying which artifact and why.
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CockpitError } from '../../../shared/errors.ts';
import type { Engine } from '../../engine/engine.ts';

const ROUTE = /^\/artifacts\/(\d{1,15})$/;

/** Whether the path is the download route (then the response is handled here). */
export function serveArtifactDownload(
  engine: Engine,
  pathname: string,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  const match = ROUTE.exec(pathname);
  if (!match) return false;
  let file;
  try {
    file = engine.artifactFile(Number(match[1]));
  } catch (error) {
    if (!(error instanceof CockpitError) || error.code !== 'NOT_FOUND') throw error;
    const gone = (error.details as { gone?: boolean } | undefined)?.gone === true;
    res.writeHead(gone ? 410 : 404, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    res.end(`${error.message}\n`);
    return true;
  }
  res.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': String(file.size),
    'Content-Disposition': contentDisposition(file.name),
    'Cache-Control': 'no-store',
    'X-Artifact-Sha256': file.sha256,
  });
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  const stream = createReadStream(file.absolutePath);
  stream.on('error', (error) => {
    engine.logger.warn('streaming an artifact failed', { artifactId: file.id, error: error.message });
    res.destroy(error);
  });
  stream.pipe(res);
  return true;
}

/** attachment; filename="ascii" plus the exact name (RFC 5987) for names beyond plain ASCII. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
