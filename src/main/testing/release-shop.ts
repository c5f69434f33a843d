// A shop project for release tests: a real git repository with tags v1.0.0 and v1.1.0 and a commit
// after them, a real HTTP server playing staging and production (each reports the version its deploy
// job wrote), and a whole engine with a manual clock — shared by the releases feature's tests.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { GateResult } from '../../shared/domain/release.ts';
import { isCockpitError } from '../../shared/errors.ts';
import { manualClock } from '../engine/kernel/clock.ts';
import { git, gitRepo, onCleanup, tempDir, writeFiles } from './fixtures.ts';
import { testEngine } from './test-engine.ts';
import type { EngineOptions } from '../engine/engine.ts';

/** One HTTP server playing every environment: /<env>/version answers what the deploy job wrote. */
async function environmentsServer(versionDir: string) {
  const down = new Set<string>();
  const server: Server = createServer((req, res) => {
    const [, env, what] = (req.url ?? '/').split('/');
    if (!env || down.has(env)) {
      res.writeHead(503).end('unavailable');
      return;
    }
    const file = join(versionDir, env);
    const version = existsSync(file) ? readFileSync(file, 'utf8').trim() : '0.0.0';
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(what === 'version' ? { version } : { status: 'ok' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, down };
}

/**
 * One environment's HTTP server: /version answers the version its deploy job last wrote to `file`
 * (`before` until then), any other path answers ok. Returns its URL.
 */
export async function deployedVersionServer(file: string, before: string): Promise<string> {
  const server = createServer((req, res) => {
    const version = existsSync(file) ? readFileSync(file, 'utf8').trim() : before;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(req.url === '/version' ? { version } : { status: 'ok' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export interface ReleaseShopOptions {
  productionGates?: string;
  stagingGates?: string;
  /** More keys of an environment (YAML at the keys' indentation), e.g. auto_deploy. */
  stagingKeys?: string;
  productionKeys?: string;
  deployRun?: string;
  /** The ci pipeline's jobs (YAML at the jobs' indentation); default: one `test` job. */
  ciJobs?: string;
  /** More files in the first commit (a .gitignore, say). */
  files?: Record<string, string>;
}

export function configText(url: string, versionDir: string, options: ReleaseShopOptions = {}) {
  const environment = (name: string, tier: string, gates?: string, keys?: string) => `
  - name: ${name}
    tier: ${tier}
    url: ${url}/${name}
    interval: 1h
    failures_before_down: 1
    checks: [{ http: { path: /${name}/health } }]
    version: { json_pointer: /version, path: /${name}/version }
${gates ? `    gates:\n${gates}` : ''}${keys ?? ''}`;
  return `version: 1
name: shop
pipelines:
  ci:
    jobs:
${options.ciJobs ?? `      test: { run: 'test ! -f "$VERSION_DIR/fail-ci"' }`}
    env: { VERSION_DIR: "${versionDir}" }
  deploy:
    deploy: { environment_param: target, verify_timeout: 1500ms }
    params:
      target: { type: choice, options: [staging, production] }
    env: { VERSION_DIR: "${versionDir}" }
    jobs:
      release:
        run: |
          while [ -f "$VERSION_DIR/hold" ]; do sleep 0.05; done
          pwd > "$VERSION_DIR/$COCKPIT_DEPLOY_ENVIRONMENT.cwd"
          ${options.deployRun ?? `printf '%s' "\${COCKPIT_DEPLOY_VERSION#v}" > "$VERSION_DIR/$COCKPIT_DEPLOY_ENVIRONMENT"`}
lifecycle: [staging, production]
environments:${environment('staging', 'staging', options.stagingGates, options.stagingKeys)}${environment('production', 'production', options.productionGates, options.productionKeys)}`;
}

export async function releaseShop(
  options: ReleaseShopOptions = {},
  engineOptions: Partial<EngineOptions> = {},
) {
  const clock = manualClock(Date.UTC(2026, 10, 25, 10)); // Wednesday 25 November 2026, 10:00 UTC
  const versionDir = tempDir('cockpit-versions-');
  const server = await environmentsServer(versionDir);
  const repo = gitRepo({
    'cockpit.yml': configText(server.url, versionDir, options),
    'app.txt': 'one\n',
    ...options.files,
  });
  git(repo, 'tag', 'v1.0.0');
  writeFiles(repo, { 'app.txt': 'two\n' });
  git(repo, 'commit', '-qam', 'feat: two (#2)');
  git(repo, 'tag', 'v1.1.0');
  writeFiles(repo, { 'app.txt': 'three\n' });
  git(repo, 'commit', '-qam', 'fix: three');
  const engine = testEngine({ clock, verifyPollMs: 50, ...engineOptions });
  const project = await engine.invoke('projects.add', { path: repo });
  const projectId = project.id;
  const environments = await engine.invoke('environments.list', { projectId });
  const envId = (name: string) => environments.find((env) => env.name === name)!.id;

  async function passCi(ref = 'HEAD') {
    // The gate wants a successful run on the exact commit: run ci on it (in a worktree when not HEAD).
    const sha = git(repo, 'rev-parse', ref);
    const head = git(repo, 'rev-parse', 'HEAD');
    if (sha !== head) git(repo, 'checkout', '-q', sha);
    const run = await engine.invoke('runs.start', { projectId, pipeline: 'ci' });
    await engine.waitForRun(run.id);
    if (sha !== head) git(repo, 'checkout', '-q', 'main');
  }

  async function deployed(promise: Promise<{ id: number }>) {
    const deployment = await promise;
    return engine.waitForDeployment(deployment.id);
  }

  return { engine, clock, repo, projectId, versionDir, server, envId, passCi, deployed };
}

/** The gates of a request refused with GATE_FAILED (fails when it was not). */
export async function gateFailure(promise: Promise<unknown>): Promise<GateResult[]> {
  try {
    await promise;
  } catch (error) {
    if (isCockpitError(error) && error.code === 'GATE_FAILED')
      return (error.details as { gates: GateResult[] }).gates;
    throw error;
  }
  throw new Error('expected the gates to fail');
}
