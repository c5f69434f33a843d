// The engine's own process in the desktop app: plain Node inside Electron's utilityProcess, so the UI
// never waits on SQLite or git. Main hands it one MessagePort per window; each is served as a client.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
// Types only (erased from the bundle): this process must not load 'electron' at run time.
import type { ParentPort } from 'electron';
import { isCockpitError, type ErrorData } from '../../shared/errors.ts';
import type { ServerFrame } from '../../shared/frames.ts';
import { serveConnection } from '../engine/connection.ts';
import { createEngine, type Engine } from '../engine/engine.ts';
import { aesGcmCipher, SAFE_STORAGE_KEY_ID } from '../engine/secrets/index.ts';
import { parseToEngine, settingsFromArgs, type FromEngineProcess } from './engine-messages.ts';
import { portChannel } from './port-channel.ts';

/** How long a refused start waits for main to receive 'fatal' (main kills it sooner) before exiting. */
const FATAL_EXIT_DELAY_MS = 2000;

const parentPort = process.parentPort as ParentPort | undefined;
if (!parentPort) {
  console.error('engine-process.js runs inside the Release Cockpit app (Electron utilityProcess) only.');
  process.exit(2);
}

// Main's first message carries the secrets key (unwrapped by the OS keychain); connects queue behind it.
const pending: Electron.MessageEvent[] = [];
let engine: Engine | null = null;
parentPort.on('message', (event) => {
  if (engine) return;
  const message = parseToEngine(event.data);
  if (message?.type !== 'init') return void pending.push(event);
  engine = startEngine(parentPort, message.secretKey);
  if (!engine) return;
  engine.startBackgroundWork();
  serve(engine, parentPort, pending.splice(0));
});

function startEngine(parent: ParentPort, secretKey: string | null): Engine | null {
  try {
    const settings = settingsFromArgs(process.argv);
    const bundleDir = dirname(fileURLToPath(import.meta.url));
    const migrationsDir = join(bundleDir, 'migrations');
    const logSearchWorker = join(bundleDir, 'log-search-worker.js');
    const secretCipher = secretKey
      ? aesGcmCipher(SAFE_STORAGE_KEY_ID, Buffer.from(secretKey, 'base64'))
      : undefined;
    // Quitting must stop jobs well within main's wait for the engine (see engine-host.ts).
    return createEngine({
      ...settings,
      host: 'electron',
      migrationsDir,
      logSearchWorker,
      secretCipher,
      killGraceMs: 2000,
    });
  } catch (error) {
    // createEngine has already logged the cause; main shows it and decides (never deletes data).
    const data: ErrorData = isCockpitError(error)
      ? error.toData()
      : {
          code: 'INTERNAL',
          message: `The engine could not start: ${(error as Error)?.message ?? String(error)}`,
        };
    console.error(`Release Cockpit engine could not start: ${data.message}`);
    parent.postMessage({ type: 'fatal', error: data } satisfies FromEngineProcess);
    process.exitCode = 1;
    setTimeout(() => process.exit(1), FATAL_EXIT_DELAY_MS);
    return null;
  }
}

function serve(engine: Engine, parent: ParentPort, queued: Electron.MessageEvent[]) {
  // A stray exception in one call must not take down every window's connection: log it and carry on
  // (database writes are transactions, so state stays consistent). Main restarts us if we do die.
  process.on('uncaughtException', (error) =>
    engine.logger.error('uncaught exception in the engine', { error }),
  );
  process.on('unhandledRejection', (reason) =>
    engine.logger.error('unhandled rejection in the engine', { error: reason }),
  );

  let connections = 0;
  const handle = (event: Electron.MessageEvent) => {
    const message = parseToEngine(event.data);
    if (message?.type === 'init') return;
    if (message?.type === 'connect') {
      const port = event.ports[0];
      if (!port) return engine.logger.warn('a connect message arrived without a port');
      serveConnection(engine, portChannel<ServerFrame, unknown>(port), `window-port-${++connections}`);
    } else if (message?.type === 'stop') {
      void engine.close().finally(() => process.exit(0));
    } else {
      engine.logger.warn('unexpected message from the main process');
    }
  };
  queued.forEach(handle);
  parent.on('message', handle);
}
