// The demo's two live environments — which port and version each runs — and the small helpers the
// start and stop scripts share. The cockpit.yml `environments:` section points at these ports.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Pid and log files of the running instances (kept out of git by .gitignore). */
export const stateDir = join(projectRoot, '.environments');

export const instances = [
  { name: 'staging', port: 47811, version: '1.1.0' },
  { name: 'production', port: 47812, version: '1.0.0' },
];

export const pidFile = (instance) => join(stateDir, `${instance.name}.pid`);
export const logFile = (instance) => join(stateDir, `${instance.name}.log`);

/** `--only production` (or `--only=production`) narrows the instances; no flag means all of them. */
export function selectedInstances(argv) {
  const index = argv.findIndex((arg) => arg === '--only' || arg.startsWith('--only='));
  if (index === -1) return instances;
  const name = argv[index].includes('=') ? argv[index].split('=')[1] : argv[index + 1];
  const chosen = instances.filter((instance) => instance.name === name);
  if (chosen.length === 0) {
    console.error(
      `Unknown environment "${name}" (expected one of: ${instances.map((i) => i.name).join(', ')})`,
    );
    process.exit(2);
  }
  return chosen;
}

/** What the instance's /health says (its environment and pid), or null when nothing answers. */
export async function health(instance) {
  try {
    const response = await fetch(`http://127.0.0.1:${instance.port}/health`, {
      signal: AbortSignal.timeout(1_000),
    });
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
