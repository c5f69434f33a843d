#!/usr/bin/env node
// The `cockpit` command. The CLI runs from TypeScript source through Node's built-in type stripping,
// so it needs no build step; on Node versions where stripping is still behind a flag, re-run with it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `error: Release Cockpit needs Node.js 22.12 or newer (24 recommended); this is ${process.version}.\n`,
  );
  process.exit(1);
}

const entry = fileURLToPath(new URL('../src/main/host/cli/main.ts', import.meta.url));
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
