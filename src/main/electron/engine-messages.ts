// The few messages between main and the engine process. The engine protocol does not pass here:
// it travels over the MessagePorts that 'connect' hands out, one per window.
import { z } from 'zod';
import { errorDataSchema, type ErrorData } from '../../shared/errors.ts';

export interface EngineProcessSettings {
  dataDir: string;
  version: string;
  examplesDir: string;
}

/** main → engine process; 'connect' carries one MessagePortMain in `ports`. */
export type ToEngineProcess =
  | { type: 'init'; secretKey: string | null } // always first; the key (base64) never touches argv or disk
  | { type: 'connect' }
  | { type: 'stop' };
/** engine process → main: the engine refused to start (e.g. a damaged or too-new database). */
export type FromEngineProcess = { type: 'fatal'; error: ErrorData };

const toEngineSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), secretKey: z.string().nullable() }),
  z.object({ type: z.literal('connect') }),
  z.object({ type: z.literal('stop') }),
]);
const fromEngineSchema = z.object({ type: z.literal('fatal'), error: errorDataSchema });

export function parseToEngine(raw: unknown): ToEngineProcess | null {
  const parsed = toEngineSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export function parseFromEngine(raw: unknown): FromEngineProcess | null {
  const parsed = fromEngineSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

// Prefixed so they can never be mistaken for Chromium or Node switches.
const flags = {
  dataDir: '--cockpit-data-dir=',
  version: '--cockpit-version=',
  examplesDir: '--cockpit-examples-dir=',
} as const satisfies Record<keyof EngineProcessSettings, string>;

export function settingsToArgs(settings: EngineProcessSettings): string[] {
  return [
    flags.dataDir + settings.dataDir,
    flags.version + settings.version,
    flags.examplesDir + settings.examplesDir,
  ];
}

export function settingsFromArgs(argv: readonly string[]): EngineProcessSettings {
  const read = (prefix: string) => {
    const arg = argv.find((candidate) => candidate.startsWith(prefix));
    if (arg === undefined) throw new Error(`The engine process was started without ${prefix}…`);
    return arg.slice(prefix.length);
  };
  return { dataDir: read(flags.dataDir), version: read(flags.version), examplesDir: read(flags.examplesDir) };
}
