// Runs the engine in a utilityProcess, restarts it when it crashes (within limits), and gives each
// window a fresh MessagePort to it whenever the window loads or the engine (re)starts.
import {
  MessageChannelMain,
  utilityProcess,
  type MessagePortMain,
  type UtilityProcess,
  type WebContents,
} from 'electron';
import { ENGINE_LOST_MESSAGE, ENGINE_PORT_MESSAGE } from '../../shared/engine-port.ts';
import type { ErrorData } from '../../shared/errors.ts';
import type { Logger } from '../engine/kernel/diagnostics/logger.ts';
import {
  parseFromEngine,
  settingsToArgs,
  type EngineProcessSettings,
  type ToEngineProcess,
} from './engine-messages.ts';

const MAX_CRASHES = 3;
const CRASH_WINDOW_MS = 60_000;
/** Longer than a job's SIGTERM → SIGKILL grace (2 s in the app) plus settling, so quitting stops every job. */
const STOP_TIMEOUT_MS = 6000;

export interface EngineHostOptions {
  entry: string;
  settings: EngineProcessSettings;
  /** The app's secrets key (unwrapped from the OS keychain), or null to use the key file. */
  secretKey: Buffer | null;
  logger: Logger;
  /** The engine refused to start (its 'fatal' message); it is not restarted until start() is called. */
  onFatal(error: ErrorData): void;
  /** The engine crashed MAX_CRASHES times within a minute; it is not restarted until start() is called. */
  onGaveUp(): void;
}

export interface EngineHost {
  /** (Re)starts the engine process and forgets earlier crashes. */
  start(): void;
  /** Hands this window a port after every load (call before loading it), until it is destroyed. */
  attach(contents: WebContents): void;
  /** Gives main a port of its own now (if running) and after every engine (re)start. */
  onPort(listener: (port: MessagePortMain) => void): void;
  /** Asks the engine to close its database and exit; resolves when it has (or was killed). */
  stop(): Promise<void>;
}

export function createEngineHost(options: EngineHostOptions): EngineHost {
  const { logger } = options;
  /** Windows whose page has finished loading: the ones that can take a port right now. */
  const loaded = new Set<WebContents>();
  let child: UtilityProcess | null = null;
  let crashes: number[] = [];

  function send(proc: UtilityProcess, message: ToEngineProcess, ports?: MessagePortMain[]) {
    proc.postMessage(message, ports);
  }

  function handOver(contents: WebContents) {
    if (!child || contents.isDestroyed()) return;
    const { port1, port2 } = new MessageChannelMain();
    send(child, { type: 'connect' }, [port1]);
    contents.postMessage(ENGINE_PORT_MESSAGE, null, [port2]);
  }

  /** Main's own connections (the tray): each gets a fresh port whenever the engine starts. */
  const mainListeners = new Set<(port: MessagePortMain) => void>();
  function connectMain(proc: UtilityProcess, listener: (port: MessagePortMain) => void) {
    const { port1, port2 } = new MessageChannelMain();
    send(proc, { type: 'connect' }, [port1]);
    listener(port2);
  }

  function spawn() {
    const proc = utilityProcess.fork(options.entry, settingsToArgs(options.settings), {
      serviceName: 'Release Cockpit Engine',
    });
    child = proc;
    let refused = false;
    send(proc, { type: 'init', secretKey: options.secretKey?.toString('base64') ?? null });

    proc.on('message', (raw: unknown) => {
      const message = parseFromEngine(raw);
      if (!message) return logger.warn('unexpected message from the engine process');
      refused = true;
      logger.error('the engine refused to start', { error: message.error });
      proc.kill();
      options.onFatal(message.error);
    });

    // V8 fatal errors; 'exit' follows. (An 'error' event without a listener would throw in main.)
    proc.on('error', (type, location) =>
      logger.error('the engine process hit a fatal error', { type, location }),
    );

    proc.on('exit', (code) => {
      if (child !== proc) return; // stopped or replaced on purpose
      child = null;
      for (const contents of loaded) if (!contents.isDestroyed()) contents.send(ENGINE_LOST_MESSAGE);
      if (refused) return;
      const now = Date.now();
      crashes = [...crashes.filter((at) => now - at < CRASH_WINDOW_MS), now];
      logger.error('the engine process stopped unexpectedly', { code, crashesInLastMinute: crashes.length });
      if (crashes.length >= MAX_CRASHES) return options.onGaveUp();
      spawn();
    });

    // Messages to a just-forked process are queued until it listens, so ports can go at once.
    // Windows still loading get theirs from 'did-finish-load'.
    for (const contents of loaded) handOver(contents);
    for (const listener of mainListeners) connectMain(proc, listener);
  }

  function kill() {
    const proc = child;
    child = null;
    proc?.kill();
  }

  return {
    start() {
      kill();
      crashes = [];
      spawn();
    },

    onPort(listener) {
      mainListeners.add(listener);
      if (child) connectMain(child, listener);
    },

    attach(contents) {
      contents.on('did-start-loading', () => loaded.delete(contents));
      contents.on('did-finish-load', () => {
        loaded.add(contents);
        handOver(contents);
      });
      contents.once('destroyed', () => loaded.delete(contents));
    },

    stop() {
      const proc = child;
      child = null;
      if (!proc) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          logger.warn('the engine did not stop in time; ending it');
          proc.kill();
          resolve();
        }, STOP_TIMEOUT_MS);
        proc.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        send(proc, { type: 'stop' });
      });
    },
  };
}
