// The engine's diagnostic log: levelled lines in <dataDir>/logs/cockpit.log, rotated by size,
// with every registered secret masked before anything reaches the disk or the console.
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const logLevels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof logLevels)[number];

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** Mask this value wherever it appears in later log lines. */
  addSecret(value: string): void;
  readonly dir: string | null;
  close(): void;
}

export interface FileLoggerOptions {
  dir: string;
  /** Defaults to cockpit.log; each process that logs should own its own file (rotation is per process). */
  fileName?: string;
  level?: LogLevel;
  maxBytes?: number;
  maxFiles?: number;
  /** Also hand each formatted line to this sink (the CLI's --verbose prints to stderr). */
  echo?: (line: string, level: LogLevel) => void;
  now?: () => number;
}

export const LOG_FILE_NAME = 'cockpit.log';
const MASK = '***';

export function createFileLogger(options: FileLoggerOptions): Logger {
  const { dir, maxBytes = 5 * 1024 * 1024, maxFiles = 3, echo, now = Date.now } = options;
  const threshold = logLevels.indexOf(options.level ?? 'info');
  const secrets = new Set<string>();
  const file = join(dir, options.fileName ?? LOG_FILE_NAME);
  mkdirSync(dir, { recursive: true });
  let fd: number | null = openSync(file, 'a', 0o600);
  let size = statSync(file).size;

  function rotate() {
    if (fd !== null) closeSync(fd);
    rmSync(`${file}.${maxFiles - 1}`, { force: true });
    for (let i = maxFiles - 2; i >= 1; i--) {
      if (existsSync(`${file}.${i}`)) renameSync(`${file}.${i}`, `${file}.${i + 1}`);
    }
    renameSync(file, `${file}.1`);
    fd = openSync(file, 'a', 0o600);
    size = 0;
  }

  function write(level: LogLevel, message: string, fields?: Record<string, unknown>) {
    if (logLevels.indexOf(level) < threshold) return;
    const time = new Date(now()).toISOString();
    const tail = fields && Object.keys(fields).length > 0 ? ` ${safeJson(fields)}` : '';
    const line = mask(`${time} ${level.toUpperCase().padEnd(5)} ${message}${tail}`, secrets);
    echo?.(line, level);
    if (fd === null) return;
    const bytes = Buffer.from(`${line}\n`);
    if (size + bytes.length > maxBytes && size > 0) rotate();
    writeSync(fd, bytes);
    size += bytes.length;
  }

  return {
    dir,
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    addSecret(value) {
      if (value.length > 0) secrets.add(value);
    },
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}

/** A logger that writes nowhere (still masks, so echo sinks stay safe). */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const secrets = new Set<string>();
  const write = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    const tail = fields && Object.keys(fields).length > 0 ? ` ${safeJson(fields)}` : '';
    lines.push(mask(`${level.toUpperCase()} ${message}${tail}`, secrets));
  };
  return {
    dir: null,
    lines,
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    addSecret: (value) => {
      if (value.length > 0) secrets.add(value);
    },
    close: () => {},
  };
}

function mask(line: string, secrets: Set<string>): string {
  let out = line;
  for (const secret of secrets) out = out.split(secret).join(MASK);
  return out;
}

function safeJson(fields: Record<string, unknown>): string {
  try {
    return JSON.stringify(fields, (_key, value: unknown) =>
      value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value,
    );
  } catch {
    return '{"unserialisable":true}';
  }
}
