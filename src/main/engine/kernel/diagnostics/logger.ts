// The engine's diagnostic log: levelled lines in <dataDir>/logs/cockpit.log, rotated by size,
// with every registered secret masked before anything reaches the disk or the console.
import { closeSync, existsSync, fstatSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir, tightenFd } from '../private-files.ts';

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

/** A line longer than this (or than a quarter of maxBytes) is cut, so one line never breaks the cap. */
const MAX_LINE_BYTES = 64 * 1024;
/** After a failed write, how long to wait before trying the file again. */
const RETRY_MS = 10_000;

/**
 * Writes levelled lines to <dir>/<fileName>, rotated by size: the file does not grow past maxBytes
 * (a line is at most 64 KiB), and at most maxFiles files are kept (name, name.1, …). Several processes
 * may share one file (the app's engine, the CLI, `cockpit serve`): each write measures the file as it
 * is on disk and follows a rotation done by another process (two writers measuring at the same
 * instant may each add their line past the cap). Never throws: a full or failing disk drops lines (the echo still
 * gets them) and the file is tried again later. Files are 0600 and the folder 0700, whatever the umask.
 */
export function createFileLogger(options: FileLoggerOptions): Logger {
  const { dir, maxBytes = 5 * 1024 * 1024, maxFiles = 3, echo, now = Date.now } = options;
  const threshold = logLevels.indexOf(options.level ?? 'info');
  const secrets = new Set<string>();
  const file = join(dir, options.fileName ?? LOG_FILE_NAME);
  const maxLine = Math.max(256, Math.min(MAX_LINE_BYTES, Math.floor(maxBytes / 4)));
  let fd: number | null = null;
  let closed = false;
  let retryAt = 0;

  const open = (): number | null => {
    try {
      ensurePrivateDir(dir);
      const opened = openSync(file, 'a', 0o600);
      tightenFd(opened);
      return opened;
    } catch {
      retryAt = Date.now() + RETRY_MS;
      return null;
    }
  };

  /** The open file, reopened when another process rotated it away; null when it cannot be written. */
  const current = (): number | null => {
    if (fd === null) {
      if (Date.now() < retryAt) return null;
      fd = open();
      return fd;
    }
    try {
      const onDisk = statSync(file, { throwIfNoEntry: false });
      const mine = fstatSync(fd);
      if (onDisk === undefined || onDisk.ino !== mine.ino || onDisk.dev !== mine.dev) {
        closeQuietly(fd);
        fd = open();
      }
    } catch {
      if (fd !== null) closeQuietly(fd);
      fd = open();
    }
    return fd;
  };

  function rotate() {
    if (fd !== null) closeQuietly(fd);
    fd = null;
    try {
      rmSync(`${file}.${maxFiles - 1}`, { force: true });
      for (let i = maxFiles - 2; i >= 1; i--) {
        if (existsSync(`${file}.${i}`)) renameSync(`${file}.${i}`, `${file}.${i + 1}`);
      }
      renameSync(file, `${file}.1`);
    } catch {
      // Another process rotated at the same moment: its new file is as good as ours.
    }
    fd = open();
  }

  function write(level: LogLevel, message: string, fields?: Record<string, unknown>) {
    if (logLevels.indexOf(level) < threshold) return;
    const time = new Date(now()).toISOString();
    const tail = fields && Object.keys(fields).length > 0 ? ` ${safeJson(fields)}` : '';
    const line = mask(`${time} ${level.toUpperCase().padEnd(5)} ${message}${tail}`, secrets);
    echo?.(line, level);
    if (closed) return;
    const bytes = Buffer.from(`${cut(line, maxLine)}\n`);
    try {
      let target = current();
      if (target === null) return;
      const size = fstatSync(target).size;
      if (size > 0 && size + bytes.length > maxBytes) {
        rotate();
        target = fd;
        if (target === null) return;
      }
      writeSync(target, bytes);
    } catch {
      // A full or failing disk: this line is lost (the echo had it); try the file again later.
      if (fd !== null) closeQuietly(fd);
      fd = null;
      retryAt = Date.now() + RETRY_MS;
    }
  }

  fd = open();
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
      closed = true;
      if (fd !== null) closeQuietly(fd);
      fd = null;
    },
  };
}

/** The line within `maxBytes` (UTF-8), cut with a note of how much was left out. */
function cut(line: string, maxBytes: number): string {
  const size = Buffer.byteLength(line, 'utf8');
  if (size <= maxBytes) return line;
  const kept = Buffer.from(line, 'utf8')
    .subarray(0, maxBytes - 40)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
  return `${kept} [cut: ${(size - Buffer.byteLength(kept, 'utf8')).toLocaleString('en')} more bytes]`;
}

function closeQuietly(fd: number) {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
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
