// Creates the engine for a CLI command with the shared data directory and the right log sink.
import { createEngine, type Engine } from '../../engine/engine.ts';
import { readAppVersion } from '../../engine/kernel/app-version.ts';
import { createFileLogger } from '../../engine/kernel/diagnostics/logger.ts';
import { join } from 'node:path';
import type { EngineClient } from '../../../shared/client.ts';
import { connectInProcess } from '../transports/in-process.ts';
import type { CliIo } from './cli-io.ts';
import { cliLayout } from './cli-layout.ts';

export interface GlobalOptions {
  dataDir: string;
  verbose: boolean;
  help: boolean;
  version: boolean;
}

export function openEngine(global: GlobalOptions, io: CliIo, host: 'cli' | 'web' = 'cli'): Engine {
  const logger = createFileLogger({
    dir: join(global.dataDir, 'logs'),
    level: global.verbose ? 'debug' : 'info',
    echo: global.verbose ? (line) => io.stderr(`${line}\n`) : undefined,
  });
  const { packageRoot, migrationsDir, logSearchWorker } = cliLayout();
  return createEngine({
    dataDir: global.dataDir,
    version: readAppVersion(packageRoot),
    host,
    logger,
    examplesDir: join(packageRoot, 'examples'),
    migrationsDir,
    logSearchWorker,
  });
}

/** Runs a command's work with an engine and an in-process client, closing both however it ends. */
export async function withEngineClient<T>(
  global: GlobalOptions,
  io: CliIo,
  work: (client: EngineClient, engine: Engine) => Promise<T>,
): Promise<T> {
  const engine = openEngine(global, io);
  const client = connectInProcess(engine);
  try {
    return await work(client, engine);
  } finally {
    client.close();
    await engine.close();
  }
}
