// Stops the demo's environments started by start-environments.js: all of them, or one with
// `--only staging` / `--only production` (to watch the cockpit notice an outage).
import { rmSync } from 'node:fs';
import { health, pidFile, readPid, selectedInstances, waitFor } from './environments.js';

function signal(pid, name) {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    return false; // already gone
  }
}

let failed = false;

for (const instance of selectedInstances(process.argv.slice(2))) {
  const running = await health(instance);
  // The pid the instance reports is the one to stop: the pid file may belong to another copy of the
  // demo, or be stale (its number reused by some unrelated process), so it is only a cross-check.
  const reported = running && running.environment === instance.name ? running.pid : null;
  if (running && typeof reported !== 'number') {
    failed = true;
    console.error(
      `Port ${instance.port} is answered by something that is not the demo's ${instance.name}; left alone`,
    );
    continue;
  }
  const recorded = readPid(instance);
  if (!running || !signal(reported, 'SIGTERM')) {
    rmSync(pidFile(instance), { force: true });
    console.log(`${instance.name} is not running`);
    continue;
  }
  const pid = reported;
  if (recorded !== null && recorded !== pid)
    console.log(`${instance.name}: pid file said ${recorded}, stopping ${pid}`);
  const stopped = await waitFor(async () => (await health(instance)) === null, 5_000);
  if (!stopped) signal(pid, 'SIGKILL');
  rmSync(pidFile(instance), { force: true });
  console.log(`${instance.name} stopped (pid ${pid})`);
}

process.exitCode = failed ? 1 : 0;
