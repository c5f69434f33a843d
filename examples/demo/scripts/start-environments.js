// Starts the demo's staging (1.1.0 on 127.0.0.1:47811) and production (1.0.0 on 127.0.0.1:47812)
// instances of src/server.js in the background, so the cockpit has live environments to watch.
// Idempotent: an instance that already answers is left alone. Stop them with stop-environments.js.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  health,
  logFile,
  pidFile,
  projectRoot,
  selectedInstances,
  stateDir,
  waitFor,
} from './environments.js';

mkdirSync(stateDir, { recursive: true });
let failed = false;

for (const instance of selectedInstances(process.argv.slice(2))) {
  const running = await health(instance);
  if (running) {
    console.log(
      `${instance.name} already answers on http://127.0.0.1:${instance.port} (${running.environment})`,
    );
    continue;
  }
  const log = openSync(logFile(instance), 'a');
  // Detached, in its own process group, with no pipe back to us: it outlives this script and the
  // pipeline job that ran it.
  const child = spawn(process.execPath, [join(projectRoot, 'src', 'server.js')], {
    cwd: projectRoot,
    env: {
      ...process.env,
      PORT: String(instance.port),
      APP_VERSION: instance.version,
      APP_ENV: instance.name,
    },
    detached: true,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  child.unref();
  writeFileSync(pidFile(instance), `${child.pid}\n`);
  const up = await waitFor(async () => (await health(instance)) !== null, 10_000);
  if (up) {
    console.log(
      `${instance.name} ${instance.version} started on http://127.0.0.1:${instance.port} (pid ${child.pid})`,
    );
  } else {
    failed = true;
    console.error(
      `${instance.name} did not answer on port ${instance.port} within 10 s; see ${logFile(instance)}`,
    );
  }
}

process.exitCode = failed ? 1 : 0;
