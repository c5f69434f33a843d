// The web host's artifact download (GET /artifacts/<id>) on a real run: the file streamed with its
// name and checksum, behind the token; 404 for an unknown id and 410, saying why, once retention removed it.
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures, tempDir, writeFiles } from '../../testing/fixtures.ts';
import { projectWith, runToEnd } from '../../testing/pipeline-project.ts';
import { TEST_TOKEN as TOKEN, startTestWebHost } from '../../testing/web-host-under-test.ts';

afterEach(cleanupFixtures);

function get(port: number, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      });
      req.on('error', reject);
      req.end();
    },
  );
}

const pipeline = (policy: string) => ({
  'cockpit.yml': `version: 1
${policy}
pipelines:
  ci:
    jobs:
      build:
        run: mkdir -p "dist/my app" && head -c 300000 /dev/urandom > "dist/my app/bündle.bin"
        artifacts: ["dist/**"]
`,
});

describe('GET /artifacts/<id>', () => {
  it('streams the stored file as a download with its name and SHA-256; 404 and 410 say why', async () => {
    const { engine, projectId, repo } = await projectWith(pipeline(''));
    const rendererDir = tempDir('cockpit-renderer-');
    writeFiles(rendererDir, { 'index.html': '<!doctype html><title>Release Cockpit</title>' });
    const host = await startTestWebHost({ engine, rendererDir });
    const cookie = { cookie: `cockpit_token_${host.port}=${TOKEN}` };

    const first = await runToEnd(engine, projectId, 'ci');
    const [artifact] = first.jobs[0]!.artifacts;
    expect((await get(host.port, `/artifacts/${artifact!.id}`)).status).toBe(401);

    const download = await get(host.port, `/artifacts/${artifact!.id}`, cookie);
    expect(download.status).toBe(200);
    expect(download.body.length).toBe(300_000);
    expect(createHash('sha256').update(download.body).digest('hex')).toBe(artifact!.sha256);
    expect(download.headers['x-artifact-sha256']).toBe(artifact!.sha256);
    expect(download.headers['content-type']).toBe('application/octet-stream');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="b_ndle.bin"; filename*=UTF-8''b%C3%BCndle.bin`,
    );
    expect(download.headers['x-content-type-options']).toBe('nosniff');

    const unknown = await get(host.port, '/artifacts/424242', cookie);
    expect(unknown.status).toBe(404);
    expect(unknown.body.toString()).toBe('There is no artifact #424242.\n');

    // keep_last_runs: 1, then another run: the first run's file goes; its download says so.
    writeFileSync(join(repo, 'cockpit.yml'), pipeline('artifacts: { keep_last_runs: 1 }')['cockpit.yml']);
    await engine.invoke('projects.refresh', { id: projectId });
    await runToEnd(engine, projectId, 'ci');
    const gone = await get(host.port, `/artifacts/${artifact!.id}`, cookie);
    expect(gone.status).toBe(410);
    expect(gone.body.toString()).toMatch(
      /^Artifact dist\/my app\/bündle\.bin of run #\d+ \(job build\) is gone: removed by the project's retention: not among its last 1 run/,
    );
  });
});
