// Starts the demo's staging (1.1.0 on 127.0.0.1:47811) and production (1.0.0 on 127.0.0.1:47812)
// instances of src/server.js in the background, so the cockpit has live environments to watch.
// Idempotent: an instance that already answers is left alone. Stop them with stop-environments.js;
// replace one with a new version with deploy.js (the `deploy` pipeline).
import { health, installRelease, selectedInstances, sourceRoot, startInstance, url } from './environments.js';

let failed = false;

for (const instance of selectedInstances(process.argv.slice(2))) {
  const running = await health(instance);
  if (running) {
    console.log(
      `${instance.name} already answers on ${url(instance)} (${running.environment} ${running.version})`,
    );
    continue;
  }
  const dir = installRelease(instance, instance.version, sourceRoot);
  const started = await startInstance(instance, instance.version, dir);
  if (started.ok) console.log(started.message);
  else console.error(started.message);
  failed ||= !started.ok;
}

process.exitCode = failed ? 1 : 0;
