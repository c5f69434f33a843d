// The demo's two live environments — which port and version each runs — and what the start, stop and
// deploy scripts share: installing a release, starting and stopping an instance, asking it for /health.
// The cockpit.yml `environments:` section points at these ports.
import { spawn } from 'node:child_process';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout these scripts belong to: the code a start or deploy installs (a worktree during a deploy). */
export const sourceRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
/**
 * The project's own folder, where running instances keep their state. A deploy job runs in a temporary
 * worktree that is deleted afterwards, so the cockpit names the project folder in COCKPIT_PROJECT_ROOT.
 */
export const projectRoot = process.env.COCKPIT_PROJECT_ROOT || sourceRoot;
/** Pid and log files and installed releases of the running instances (kept out of git by .gitignore). */
export const stateDir = join(projectRoot, '.environments');
/** What a release consists of: the service is one dependency-free file. */
export const releaseFiles = ['src/server.js'];

/** A port from the environment (tests use free ones), or the demo's fixed one. */
function port(variable, fallback) {
  const value = process.env[variable];
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 65535) {
    throw new Error(`${variable} must be a port number (1-65535), not "${value}"`);
  }
  return number;
}

export const instances = [
  { name: 'staging', port: port('DEMO_STAGING_PORT', 47811), version: '1.1.0' },
  { name: 'production', port: port('DEMO_PRODUCTION_PORT', 47812), version: '1.0.0' },
];

export const pidFile = (instance) => join(stateDir, `${instance.name}.pid`);
export const logFile = (instance) => join(stateDir, `${instance.name}.log`);
export const releaseDir = (instance, version) => join(stateDir, 'releases', instance.name, version);
export const url = (instance) => `http://127.0.0.1:${instance.port}`;

/** The instance with that name, or null. */
export const findInstance = (name) => instances.find((instance) => instance.name === name) ?? null;
export const instanceNames = () => instances.map((instance) => instance.name).join(', ');

/** `--only production` (or `--only=production`) narrows the instances; no flag means all of them. */
export function selectedInstances(argv) {
  const index = argv.findIndex((arg) => arg === '--only' || arg.startsWith('--only='));
  if (index === -1) return instances;
  const name = argv[index].includes('=') ? argv[index].split('=')[1] : argv[index + 1];
  const chosen = findInstance(name);
  if (!chosen) {
    console.error(`Unknown environment "${name}" (expected one of: ${instanceNames()})`);
    process.exit(2);
  }
  return [chosen];
}

/** What the instance's /health says (its environment, version and pid), or null when nothing answers. */
export async function health(instance) {
  try {
    const response = await fetch(`${url(instance)}/health`, { signal: AbortSignal.timeout(1_000) });
    if (!response.ok) return null;
    return await response.json();
  } catch {
    return null;
  }
}

export function readPid(instance) {
  if (!existsSync(pidFile(instance))) return null;
  const pid = Number(readFileSync(pidFile(instance), 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** Polls `condition` every 100 ms until it holds or `timeoutMs` passes; returns whether it held. */
export async function waitFor(condition, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/**
 * Copies the release files from `fromDir` into the instance's folder for `version`, replacing whatever an
 * earlier install of that version left; returns the folder. Instances run from there, never from a checkout.
 */
export function installRelease(instance, version, fromDir, builtDir = null) {
  const dir = releaseDir(instance, version);
  rmSync(dir, { recursive: true, force: true });
  for (const file of releaseFiles) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    // A release built once (COCKPIT_RELEASE_DIR) holds the build's dist/server.js; else the source.
    cpSync(builtDir ? join(builtDir, 'dist', basename(file)) : join(fromDir, file), join(dir, file));
  }
  return dir;
}

/** Removes the instance's installed releases other than `version` (the one it runs now). */
export function pruneReleases(instance, version) {
  const dir = dirname(releaseDir(instance, version));
  for (const old of readdirSync(dir)) {
    if (old !== version) rmSync(join(dir, old), { recursive: true, force: true });
  }
}

/**
 * Starts the release in `dir` as the instance, at `version`, in the background; waits up to 10 s for it
 * to answer /health itself. Returns { ok, pid, message }.
 */
export async function startInstance(instance, version, dir) {
  mkdirSync(stateDir, { recursive: true });
  const log = openSync(logFile(instance), 'a');
  // Detached, in its own process group, with no pipe back to us: it outlives this script and the
  // pipeline job that ran it.
  const child = spawn(process.execPath, [join(dir, 'src', 'server.js')], {
    cwd: stateDir, // not the release folder, which a redeploy of the same version replaces
    env: { ...process.env, PORT: String(instance.port), APP_VERSION: version, APP_ENV: instance.name },
    detached: true,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  child.unref();
  writeFileSync(pidFile(instance), `${child.pid}\n`);
  // Its own answer, not another instance's still holding the port.
  const up = await waitFor(async () => (await health(instance))?.pid === child.pid, 10_000);
  if (up) {
    return {
      ok: true,
      pid: child.pid,
      message: `${instance.name} ${version} started on ${url(instance)} (pid ${child.pid})`,
    };
  }
  try {
    process.kill(child.pid, 'SIGKILL');
  } catch {
    // it has already exited (a port in use, a syntax error: its log says)
  }
  rmSync(pidFile(instance), { force: true });
  return {
    ok: false,
    pid: child.pid,
    message: `${instance.name} ${version} did not answer on port ${instance.port} within 10 s; see ${logFile(instance)}`,
  };
}

function signal(pid, name) {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    return false; // already gone
  }
}

/**
 * Stops the demo instance that answers on the instance's port: SIGTERM, then SIGKILL after 5 s.
 * Returns { ok, state: 'stopped' | 'not-running' | 'foreign' | 'stuck', pid, version, message }.
 */
export async function stopInstance(instance) {
  const running = await health(instance);
  // The pid the instance reports is the one to stop: the pid file may belong to another copy of the
  // demo, or be stale (its number reused by some unrelated process), so it is only a cross-check.
  const reported = running && running.environment === instance.name ? running.pid : null;
  if (running && typeof reported !== 'number') {
    return {
      ok: false,
      state: 'foreign',
      message: `Port ${instance.port} is answered by something that is not the demo's ${instance.name}; left alone`,
    };
  }
  const recorded = readPid(instance);
  if (!running || !signal(reported, 'SIGTERM')) {
    rmSync(pidFile(instance), { force: true });
    return { ok: true, state: 'not-running', message: `${instance.name} is not running` };
  }
  const pid = reported;
  const note = recorded !== null && recorded !== pid ? ` (its pid file said ${recorded})` : '';
  let stopped = await waitFor(async () => (await health(instance)) === null, 5_000);
  if (!stopped) {
    signal(pid, 'SIGKILL');
    stopped = await waitFor(async () => (await health(instance)) === null, 2_000);
  }
  rmSync(pidFile(instance), { force: true });
  if (!stopped) {
    return {
      ok: false,
      state: 'stuck',
      pid,
      version: running.version,
      message: `${instance.name} (pid ${pid}) still answers on port ${instance.port} after SIGKILL`,
    };
  }
  return {
    ok: true,
    state: 'stopped',
    pid,
    version: running.version,
    message: `${instance.name} stopped (pid ${pid})${note}`,
  };
}
