// The fault and fuzz suite (`npm run test:faults`): kill -9 at random moments, protocol, config and
// masking fuzz. A short profile by default; COCKPIT_FAULTS=long for the long one (docs/reliability.md).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.fault.test.ts'],
    environment: 'node',
    testTimeout: process.env.COCKPIT_FAULTS === 'long' ? 600_000 : 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    passWithNoTests: true,
  },
});
