// Unit and integration tests for the engine, hosts and shared code (Node environment, real SQLite,
// real processes, real sockets). Browser tests live in e2e/ and run under Playwright.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    exclude: ['src/**/*.fault.test.ts', 'node_modules/**'],
    environment: 'node',
    // Many tests start real processes (the CLI, a web host, jobs); on a loaded 2-core machine one of
    // them can take tens of seconds. A hang still fails, just later.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
