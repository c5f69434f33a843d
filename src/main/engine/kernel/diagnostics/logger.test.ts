import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures, tempDir } from '../../../testing/fixtures.ts';
import { createFileLogger, LOG_FILE_NAME } from './logger.ts';

afterEach(cleanupFixtures);

describe('file logger', () => {
  it('writes levelled lines with a timestamp and respects the level threshold', () => {
    const dir = tempDir();
    const logger = createFileLogger({ dir, level: 'info', now: () => Date.UTC(2026, 10, 26, 9, 0, 0) });
    logger.debug('hidden');
    logger.info('engine started', { version: '1.2.3' });
    logger.error('it broke', { error: new Error('boom') });
    logger.close();
    const lines = readFileSync(join(dir, LOG_FILE_NAME), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('2026-11-26T09:00:00.000Z INFO  engine started {"version":"1.2.3"}');
    expect(lines[1]).toMatch(
      /^2026-11-26T09:00:00.000Z ERROR it broke \{"error":\{"name":"Error","message":"boom"/,
    );
  });

  it('masks registered secrets in the file and in the echo', () => {
    const dir = tempDir();
    const echoed: string[] = [];
    const logger = createFileLogger({ dir, echo: (line) => echoed.push(line) });
    logger.addSecret('hunter2-token');
    logger.info('serving at http://127.0.0.1/?token=hunter2-token', { token: 'hunter2-token' });
    logger.close();
    const text = readFileSync(join(dir, LOG_FILE_NAME), 'utf8');
    expect(text).not.toContain('hunter2-token');
    expect(text).toContain('?token=***');
    expect(echoed.join('\n')).not.toContain('hunter2-token');
  });

  it('rotates by size and keeps a bounded number of files', () => {
    const dir = tempDir();
    const logger = createFileLogger({ dir, maxBytes: 1000, maxFiles: 3 });
    for (let i = 0; i < 200; i++) logger.info(`line ${i} ${'x'.repeat(40)}`);
    logger.close();
    const file = join(dir, LOG_FILE_NAME);
    expect(existsSync(`${file}.1`)).toBe(true);
    expect(existsSync(`${file}.2`)).toBe(true);
    expect(existsSync(`${file}.3`)).toBe(false);
    for (const name of [file, `${file}.1`, `${file}.2`]) {
      expect(readFileSync(name).length).toBeLessThanOrEqual(1000);
    }
    expect(readFileSync(file, 'utf8')).toContain('line 199');
  });
});
