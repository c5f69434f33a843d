// Every diagnostic log (the engine's cockpit.log, shared by the app's engine, the CLI and `cockpit
// serve`; Electron's main.log) stays within its size cap and file count, also when several real
// processes write to it at once, also with a huge line; and a failing disk never breaks the caller.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures, tempDir } from '../../../testing/fixtures.ts';
import { createFileLogger, LOG_FILE_NAME } from './logger.ts';

afterEach(cleanupFixtures);

const loggerUrl = pathToFileURL(join(import.meta.dirname, 'logger.ts')).href;

/** A real process that logs `count` lines of about 100 bytes to `dir` with a small cap. */
function loggingProcess(dir: string, name: string, count: number): Promise<number | null> {
  const script = `
    import { createFileLogger } from ${JSON.stringify(loggerUrl)};
    const logger = createFileLogger({ dir: ${JSON.stringify(dir)}, maxBytes: 20000, maxFiles: 3 });
    for (let i = 0; i < ${count}; i++) {
      logger.info('line ' + i + ' from ${name} ' + 'x'.repeat(40));
      if (i % 50 === 0) await new Promise((wake) => setTimeout(wake, 1));
    }
    logger.close();
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'inherit' });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('diagnostic log rotation', () => {
  it('stays within the cap and the file count while several processes write the same log', async () => {
    const dir = tempDir('cockpit-logs-');
    const codes = await Promise.all(['app', 'cli', 'serve'].map((name) => loggingProcess(dir, name, 3000)));
    expect(codes).toEqual([0, 0, 0]);
    const files = readdirSync(dir).sort();
    expect(files).toEqual([LOG_FILE_NAME, `${LOG_FILE_NAME}.1`, `${LOG_FILE_NAME}.2`]);
    // Two processes that measure the file at the same instant may both add their line: the cap
    // holds within one line (~100 bytes here) per other writer.
    for (const file of files) expect(statSync(join(dir, file)).size).toBeLessThanOrEqual(20000 + 2 * 100);
    // Whole lines only: no line of one process was cut into or overwritten by another's.
    const lines = files.flatMap((file) => readFileSync(join(dir, file), 'utf8').trimEnd().split('\n'));
    expect(lines.length).toBeGreaterThan(300);
    for (const line of lines) {
      expect(line).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z INFO {2}line \d+ from (app|cli|serve) x{40}$/);
    }
  });

  it('cuts a line larger than the cap instead of growing the file past it', () => {
    const dir = tempDir('cockpit-logs-');
    const logger = createFileLogger({ dir, maxBytes: 10_000, maxFiles: 2 });
    logger.info('before');
    logger.error('a huge failure', { detail: 'y'.repeat(1_000_000) });
    logger.info('after');
    logger.close();
    for (const file of readdirSync(dir)) expect(statSync(join(dir, file)).size).toBeLessThanOrEqual(10_000);
    const text = readdirSync(dir)
      .map((file) => readFileSync(join(dir, file), 'utf8'))
      .join('');
    expect(text).toMatch(/a huge failure .*\[cut: [\d,]+ more bytes\]/);
    expect(text).toContain('after');
  });

  it('never throws into its caller when the disk fails (a log file on /dev/full)', () => {
    const dir = tempDir('cockpit-logs-');
    symlinkSync('/dev/full', join(dir, LOG_FILE_NAME));
    const modeBefore = statSync('/dev/full').mode;
    const echoed: string[] = [];
    const logger = createFileLogger({ dir, echo: (line) => echoed.push(line) });
    expect(() => {
      for (let i = 0; i < 100; i++) logger.warn('disk is full', { i });
    }).not.toThrow();
    expect(echoed).toHaveLength(100); // the echo (the CLI's --verbose) still gets every line
    expect(() => logger.close()).not.toThrow();
    expect(statSync('/dev/full').mode).toBe(modeBefore); // not "tightened": it is not our file
  });
});
