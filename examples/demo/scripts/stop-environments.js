// Stops the demo's environments started by start-environments.js or deploy.js: all of them, or one
// with `--only staging` / `--only production` (to watch the cockpit notice an outage).
import { selectedInstances, stopInstance } from './environments.js';

let failed = false;

for (const instance of selectedInstances(process.argv.slice(2))) {
  const result = await stopInstance(instance);
  if (result.ok) console.log(result.message);
  else console.error(result.message);
  failed ||= !result.ok;
}

process.exitCode = failed ? 1 : 0;
