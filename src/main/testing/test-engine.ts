// A whole engine on a temp data directory with a manual clock and an in-memory log, closed by
// cleanupFixtures — what engine and host tests drive.
import { manualClock } from '../engine/kernel/clock.ts';
import { createEngine, type Engine, type EngineOptions } from '../engine/engine.ts';
import { createMemoryLogger } from '../engine/kernel/diagnostics/logger.ts';
import { onCleanup, tempDir } from './fixtures.ts';

export function testEngine(overrides: Partial<EngineOptions> = {}): Engine & { logLines: string[] } {
  const logger = createMemoryLogger();
  const engine = createEngine({
    dataDir: tempDir('cockpit-data-'),
    version: '0.0.0-test',
    host: 'test',
    clock: manualClock(),
    logger,
    // One OS account runs the tests; COCKPIT_USER stands in for the different people of a team.
    osUser: () => process.env.COCKPIT_USER ?? 'tester',
    ...overrides,
  });
  onCleanup(() => engine.close());
  return Object.assign(engine, { logLines: logger.lines });
}
