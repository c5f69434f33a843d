// Tests of the demo shop API, run by the demo's own pipeline.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { server } from '../src/server.js';

test('health and version answer', async () => {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  try {
    const health = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.json());
    assert.equal(health.status, 'ok');
    const version = await fetch(`http://127.0.0.1:${port}/version`).then((r) => r.json());
    assert.match(version.version, /^\d+\.\d+\.\d+/);
  } finally {
    server.close();
  }
});

test('products are priced', () => {
  // The ci pipeline's fail_tests param flips this on, to show what a red run looks like.
  const price = process.env.COCKPIT_PARAM_FAIL_TESTS === 'true' ? -1 : 4.5;
  assert.ok(price > 0, `expected a positive price, got ${price}`);
});
