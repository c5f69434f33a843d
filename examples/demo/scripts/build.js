// Demo build: copies the service into dist/ with a manifest of what was built.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

// A deploy of a release the cockpit captured gets its files as built once: nothing to build again.
if (process.env.COCKPIT_RELEASE_DIR) {
  console.log(
    `Shipping release ${process.env.COCKPIT_RELEASE_VERSION} as built once (${process.env.COCKPIT_RELEASE_DIR}): no rebuild`,
  );
  process.exit(0);
}
mkdirSync('dist', { recursive: true });
const source = readFileSync('src/server.js');
writeFileSync('dist/server.js', source);
const manifest = {
  version: process.env.APP_VERSION ?? process.env.COCKPIT_DEPLOY_VERSION?.replace(/^v/, '') ?? '1.2.0',
  commit: process.env.COCKPIT_GIT_SHA || 'unknown',
  sha256: createHash('sha256').update(source).digest('hex'),
};
writeFileSync('dist/manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`Built dist/server.js (${source.length} bytes) at ${manifest.commit.slice(0, 8)}`);
