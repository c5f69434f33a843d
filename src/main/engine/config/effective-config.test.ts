// A typo in cockpit.yml must not blind the cockpit: monitoring, the board and the gates go on with the
// last good configuration (kept in SQLite, so across a restart), marked with the error and its time.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../kernel/clock.ts';
import { cleanupFixtures, gitRepo, onCleanup, tempDir } from '../../testing/fixtures.ts';
import { testEngine } from '../../testing/test-engine.ts';

afterEach(cleanupFixtures);

async function service(): Promise<{ url: string; healthy: { value: boolean } }> {
  const healthy = { value: true };
  const server: Server = createServer((_req, res) => {
    res.writeHead(healthy.value ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: healthy.value ? 'ok' : 'failing', version: '1.0.0' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, healthy };
}

const valid = (url: string) => `version: 1
name: shop
pipelines:
  deploy: { deploy: { environment: production }, jobs: { ship: { run: "true" } } }
environments:
  - name: production
    tier: production
    url: ${url}
    interval: 10s
    failures_before_down: 1
    version: { json_pointer: /version }
    gates:
      healthy_before: true
`;

/** The same file with a typo at line 5, column 1 ("environment" for "environments"). */
const typo = (url: string) => valid(url).replace('environments:', 'environment:');

describe('last good configuration', () => {
  it('keeps monitoring, the board and the gates on it while cockpit.yml is invalid, and says so', async () => {
    const api = await service();
    const clock = manualClock(Date.UTC(2026, 10, 26, 14, 0));
    const engine = testEngine({ clock });
    const repo = gitRepo({ 'cockpit.yml': valid(api.url) });
    const file = join(repo, 'cockpit.yml');
    const writtenAt = Math.round(statSync(file).mtimeMs);
    const project = await engine.invoke('projects.add', { path: repo });
    const [env] = await engine.invoke('environments.list', {});
    expect(env).toMatchObject({ name: 'production', projectName: 'shop' });

    writeFileSync(file, typo(api.url));
    const [listed] = await engine.invoke('projects.list', {});
    expect(listed).toMatchObject({ configStatus: 'invalid', lastGoodConfigAt: writtenAt, name: 'shop' });
    expect(listed!.configProblems[0]).toMatchObject({ file, line: 5, col: 1 });
    expect(listed!.configProblems[0]!.message).toMatch(/unknown key "environment"/);

    // Monitoring: still listed, and a check of the environment going down is recorded as down.
    api.healthy.value = false;
    clock.advance(10_000);
    const result = await engine.invoke('environments.checkNow', { environmentId: env!.id });
    expect(result.state).toBe('down');
    const [still] = await engine.invoke('environments.list', {});
    expect(still).toMatchObject({ id: env!.id, state: 'down' });

    // The board: the row keeps its cells, marked with the error and the configuration's time.
    const board = await engine.invoke('releases.board', {});
    const row = board.rows.find((r) => r.projectId === project.id)!;
    expect(row.configProblem).toBeNull();
    expect(row.cells.map((cell) => [cell.environment, cell.state])).toEqual([['production', 'down']]);
    expect(row.configFallback).toMatchObject({ file, line: 5, col: 1, problems: 1, lastGoodAt: writtenAt });

    // The gates: evaluated from the configuration kept (healthy_before fails: production is down).
    const preview = await engine.invoke('releases.preview', {
      projectId: project.id,
      environment: 'production',
    });
    const healthy = preview.gates.find((gate) => gate.gate === 'healthy_before');
    expect(healthy).toMatchObject({ passed: false });

    // Fixed: the marker goes, and the file's own configuration is used again.
    writeFileSync(file, valid(api.url));
    const [fixed] = await engine.invoke('projects.list', {});
    expect(fixed).toMatchObject({ configStatus: 'ok', configProblems: [], lastGoodConfigAt: null });
    const after = await engine.invoke('releases.board', {});
    expect(after.rows[0]!.configFallback).toBeNull();
  });

  it('survives a restart: a new engine on the same data directory goes on with it', async () => {
    const api = await service();
    const dataDir = tempDir('cockpit-data-');
    const repo = gitRepo({ 'cockpit.yml': valid(api.url) });
    const first = testEngine({ dataDir });
    await first.invoke('projects.add', { path: repo });
    await first.close();

    writeFileSync(join(repo, 'cockpit.yml'), typo(api.url));
    const second = testEngine({ dataDir });
    const environments = await second.invoke('environments.list', {});
    expect(environments.map((env) => env.name)).toEqual(['production']);
    const checked = await second.invoke('environments.checkNow', { environmentId: environments[0]!.id });
    expect(checked.state).toBe('up');
    const [project] = await second.invoke('projects.list', {});
    expect(project!.lastGoodConfigAt).toEqual(expect.any(Number));
  });

  it('without any valid configuration seen, shows the problem instead of cells and monitors nothing', async () => {
    const api = await service();
    const engine = testEngine();
    const repo = gitRepo({ 'cockpit.yml': typo(api.url) });
    const project = await engine.invoke('projects.add', { path: repo });
    expect(project).toMatchObject({ configStatus: 'invalid', lastGoodConfigAt: null });
    expect(await engine.invoke('environments.list', {})).toEqual([]);
    const board = await engine.invoke('releases.board', {});
    expect(board.rows[0]!.configProblem).toMatch(/cockpit\.yml:5:1: unknown key "environment"/);
    expect(board.rows[0]!.configFallback).toBeNull();
  });

  it('never keeps a text that does not parse, and forgets a removed project', async () => {
    const api = await service();
    const engine = testEngine();
    const repo = gitRepo({ 'cockpit.yml': valid(api.url) });
    const project = await engine.invoke('projects.add', { path: repo });
    await engine.invoke('projects.remove', { id: project.id });
    writeFileSync(join(repo, 'cockpit.yml'), typo(api.url));
    const again = await engine.invoke('projects.add', { path: repo });
    expect(again.lastGoodConfigAt).toBeNull();
    expect(await engine.invoke('environments.list', {})).toEqual([]);
  });
});
