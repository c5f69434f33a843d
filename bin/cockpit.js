#!/usr/bin/env node
// The `cockpit` command. It runs the built CLI (out/cli, `npm run build`) when that is current: built
// after every source it was made from was last changed (out/cli/inputs.json lists them). Otherwise
// — not built, or a source edited since — it runs from TypeScript source through Node's built-in type
// stripping, so developing needs no build step; on Node versions where stripping is still behind a
// flag, it re-runs itself with the flag. COCKPIT_CLI_FROM_SOURCE=1 always runs from source.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import module from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `error: Release Cockpit needs Node.js 22.12 or newer (24 recommended); this is ${process.version}.\n`,
  );
  process.exit(1);
}

const root = fileURLToPath(new URL('../', import.meta.url));

/** True when out/cli was built after each of its sources last changed; any doubt means no. */
function bundleIsCurrent() {
  try {
    const { startedAt, inputs } = JSON.parse(readFileSync(join(root, 'out', 'cli', 'inputs.json'), 'utf8'));
    if (typeof startedAt !== 'number' || !Array.isArray(inputs)) return false;
    return inputs.every((input) => statSync(join(root, input)).mtimeMs <= startedAt);
  } catch {
    return false;
  }
}

// V8's compiled code kept on disk (os.tmpdir()/node-compile-cache) between starts: ~10 % less CPU
// for a `cockpit status`. Node ignores it where the folder cannot be written.
module.enableCompileCache?.();

if (process.env.COCKPIT_CLI_FROM_SOURCE !== '1' && bundleIsCurrent()) {
  await import(new URL('../out/cli/cockpit.mjs', import.meta.url).href);
} else {
  const entry = join(root, 'src', 'main', 'host', 'cli', 'main.ts');
  if (process.features.typescript) {
    await import(entry);
  } else {
    const result = spawnSync(
      process.execPath,
      ['--experimental-strip-types', '--no-warnings', entry, ...process.argv.slice(2)],
      {
        stdio: 'inherit',
      },
    );
    process.exit(result.status ?? 1);
  }
}
