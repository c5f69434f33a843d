// Deploys the checked-out code to one of the demo's environments: installs it as a release under
// .environments/releases/<environment>/<version>/ in the project folder (so it outlives the temporary
// worktree a deploy runs in), stops the instance answering on the environment's port and starts the
// new one. Run by the `deploy` pipeline, which sets COCKPIT_DEPLOY_ENVIRONMENT and COCKPIT_DEPLOY_VERSION;
// by hand: `node scripts/deploy.js staging v1.2.0`.
import {
  findInstance,
  installRelease,
  instanceNames,
  pruneReleases,
  sourceRoot,
  startInstance,
  stopInstance,
  url,
} from './environments.js';

function fail(message) {
  console.error(`\u001b[31mDeploy failed\u001b[0m: ${message}`);
  process.exit(1);
}

const [argEnvironment, argVersion] = process.argv.slice(2);
const name = process.env.COCKPIT_DEPLOY_ENVIRONMENT || argEnvironment;
const tag = process.env.COCKPIT_DEPLOY_VERSION || argVersion;
if (!name || !tag) {
  fail('which environment and version? Usage: node scripts/deploy.js <environment> <version>');
}
const instance = findInstance(name);
if (!instance) fail(`unknown environment "${name}" (expected one of: ${instanceNames()})`);
// A tag (v1.2.0), `git describe` output (v1.2.0-3-g1a2b3c4) or a short sha; the service says 1.2.0.
const version = tag.replace(/^v(?=\d)/, '');
if (!/^[0-9A-Za-z][0-9A-Za-z._+-]*$/.test(version)) {
  fail(`"${tag}" is not a version (expected something like v1.2.0)`);
}
const commit = process.env.COCKPIT_DEPLOY_COMMIT?.slice(0, 8);
const kind = process.env.COCKPIT_DEPLOY_KIND ?? 'deploy';

console.log(
  `\u001b[1m${kind} shop-api ${version}${commit ? ` (${commit})` : ''} to ${instance.name}\u001b[0m at ${url(instance)}`,
);

let dir;
try {
  dir = installRelease(instance, version, sourceRoot, process.env.COCKPIT_RELEASE_DIR || null);
} catch (error) {
  fail(`cannot install the release from ${sourceRoot}: ${error.message}`);
}
console.log(
  process.env.COCKPIT_RELEASE_DIR
    ? `  installed release ${process.env.COCKPIT_RELEASE_VERSION} as built once, in ${dir}`
    : `  installed the release (built at deploy time) in ${dir}`,
);

const stopped = await stopInstance(instance);
if (!stopped.ok) fail(stopped.message);
console.log(
  stopped.state === 'stopped'
    ? `  stopped ${instance.name} ${stopped.version} (pid ${stopped.pid})`
    : `  ${instance.name} was not running`,
);

const started = await startInstance(instance, version, dir);
if (!started.ok) fail(`${started.message}. ${instance.name} is down now: deploy again or roll back.`);
console.log(`  ${started.message}`);
pruneReleases(instance, version);
console.log(`\u001b[32m✓\u001b[0m ${instance.name} runs ${version}`);
