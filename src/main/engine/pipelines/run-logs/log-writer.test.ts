import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures } from '../../../testing/fixtures.ts';
import { formatSize, MAX_LINE_LENGTH, SECRET_START_WAIT_MS } from './log-writer.ts';
import {
  attemptDatabase,
  attemptRow,
  logDirOf,
  recordingWriter,
  storedRows,
  storedText,
} from '../../../testing/run-log-writer.ts';

afterEach(cleanupFixtures);

const b = (text: string) => Buffer.from(text, 'utf8');

function liveLines(writer: ReturnType<typeof recordingWriter>) {
  return writer.batches.flatMap((batch) => batch.lines);
}

describe('createLogWriter', () => {
  it('assembles whole lines per stream across chunks, keeping partial lines until they end', () => {
    const { db, attemptId } = attemptDatabase();
    const writer = recordingWriter(db, attemptId);
    writer.write('stdout', b('hel'));
    writer.write('stderr', b('warn: one\nwarn: t'));
    writer.write('stdout', b('lo\nwor'));
    writer.system('$ npm test');
    writer.write('stderr', b('wo\n'));
    writer.write('stdout', b('ld\n\x1b[32mgreen\x1b[0m\nno newline at the end'));
    expect(writer.close()).toEqual({ lines: 7, bytes: expect.any(Number) as number, truncated: false });
    expect(liveLines(writer).map((l) => [l.n, l.stream, l.text])).toEqual([
      [0, 'stderr', 'warn: one'],
      [1, 'stdout', 'hello'],
      [2, 'system', '$ npm test'],
      [3, 'stderr', 'warn: two'],
      [4, 'stdout', 'world'],
      [5, 'stdout', '\x1b[32mgreen\x1b[0m'],
      [6, 'stdout', 'no newline at the end'],
    ]);
    expect(storedText(db, attemptId)).toEqual(liveLines(writer).map((l) => l.text));
  });

  it('strips the \\r of \\r\\n (also when split across chunks) and keeps other carriage returns', () => {
    const { db, attemptId } = attemptDatabase();
    const writer = recordingWriter(db, attemptId);
    writer.write('stdout', b('windows\r\nsplit\r'));
    writer.write('stdout', b('\nprogress 10%\rprogress 100%\r\n\r\n'));
    writer.close();
    expect(storedText(db, attemptId)).toEqual(['windows', 'split', 'progress 10%\rprogress 100%', '']);
  });

  it('decodes UTF-8 characters split across chunks', () => {
    const { db, attemptId } = attemptDatabase();
    const writer = recordingWriter(db, attemptId);
    const bytes = b('price: 5€ — 🚀 ok\n');
    for (let i = 0; i < bytes.length; i++) writer.write('stdout', bytes.subarray(i, i + 1));
    writer.write('stdout', Buffer.from([0xff, 0x0a])); // invalid byte: replaced, not dropped
    writer.close();
    expect(storedText(db, attemptId)).toEqual(['price: 5€ — 🚀 ok', '\ufffd']);
  });

  it('masks secrets split across chunks, in every form, before storing or emitting', () => {
    const { db, attemptId } = attemptDatabase();
    const secret = 'sk_live_1234567890';
    const writer = recordingWriter(db, attemptId, { secrets: [secret] });
    const encoded = Buffer.from(secret).toString('base64');
    const output = `token=${secret}\nbasic ${encoded}\nurl=${encodeURIComponent(secret)}&x=1\n`;
    // One byte at a time: every secret is split across chunks.
    for (let i = 0; i < output.length; i++) writer.write('stdout', b(output[i]!));
    writer.write('stderr', b(`at the end ${secret.slice(0, 5)}`));
    writer.write('stderr', b(secret.slice(5)));
    writer.close();
    const expected = ['token=***', 'basic ***', 'url=***&x=1', 'at the end ***'];
    expect(storedText(db, attemptId)).toEqual(expected);
    expect(liveLines(writer).map((l) => l.text)).toEqual(expected);
  });

  it('keeps a line ending like the start of a secret through flushes until the rest comes', async () => {
    const { db, attemptId } = attemptDatabase();
    const secret = 'ünïcødé sécret välue, with spaces & symbols';
    const writer = recordingWriter(db, attemptId, { secrets: [secret], flushMs: 1 });
    writer.write('stdout', b(`ready\nvalue: ${secret.slice(0, 20)}\n`));
    // The job pauses between the two halves long enough for many flushes (a loaded machine).
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(liveLines(writer).map((l) => l.text)).toEqual(['ready']);
    writer.write('stdout', b(`${secret.slice(20)} and on\n`));
    writer.close();
    expect(storedText(db, attemptId)).toEqual(['ready', 'value: ***', '*** and on']);
    expect(liveLines(writer).map((l) => l.text)).toEqual(['ready', 'value: ***', '*** and on']);
  });

  it('hands on such a line after the wait, or before other output, with the secret start masked', async () => {
    const { db, attemptId } = attemptDatabase();
    const secret = 'ghp_R4nd0mT0k3nW1thL0ts0fCh4r4ct3rs';
    let clock = 1_700_000_000_000;
    const writer = recordingWriter(db, attemptId, { secrets: [secret], flushMs: 1, now: () => clock });
    writer.write('stdout', b(`value: ${secret.slice(0, 12)}\n`));
    clock += SECRET_START_WAIT_MS;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(liveLines(writer).map((l) => l.text)).toEqual(['value: ***']);
    writer.write('stdout', b(`${secret.slice(12)}\nfirst half ${secret.slice(0, 10)}\n`));
    writer.write('stderr', b('a warning in between\n'));
    writer.write('stdout', b(`${secret.slice(10)}\ndeploying to prod\n`));
    writer.close();
    expect(storedText(db, attemptId)).toEqual([
      'value: ***',
      '***',
      'first half ***',
      'a warning in between',
      '***',
      'deploying to prod',
    ]);
  });

  it('masks the beginning of a secret when the output ends before the rest of it', () => {
    const { db, attemptId } = attemptDatabase();
    const secret = 'ghp_R4nd0mT0k3nW1thL0ts0fCh4r4ct3rs';
    const writer = recordingWriter(db, attemptId, { secrets: [secret] });
    writer.write('stdout', b(`value: ${secret}\nvalue: ${secret.slice(0, 20)}`));
    writer.write('stderr', b(`encoded: ${Buffer.from(secret).toString('base64').slice(0, 12)}`));
    writer.close();
    expect(storedText(db, attemptId)).toEqual(['value: ***', 'value: ***', 'encoded: ***']);
  });

  it('force-splits very long lines without cutting a secret in two', () => {
    const { db, attemptId } = attemptDatabase();
    const secret = 'SECRET-VALUE-0123456789';
    const writer = recordingWriter(db, attemptId, { secrets: [secret] });
    // The secret straddles the 64 KiB limit; the line arrives in 1000-byte chunks.
    const line = `${'x'.repeat(MAX_LINE_LENGTH - 10)}${secret}${'y'.repeat(150_000)}`;
    const bytes = b(`${line}\nnext\n`);
    for (let i = 0; i < bytes.length; i += 1000) writer.write('stdout', bytes.subarray(i, i + 1000));
    writer.close();
    const stored = storedText(db, attemptId);
    expect(stored.at(-1)).toBe('next');
    expect(stored.slice(0, -1).join('')).toBe(`${'x'.repeat(MAX_LINE_LENGTH - 10)}***${'y'.repeat(150_000)}`);
    expect(stored.length).toBeGreaterThanOrEqual(4);
    for (const text of stored) expect(text.length).toBeLessThanOrEqual(MAX_LINE_LENGTH);
  });

  it('splits a long line that arrives whole', () => {
    const { db, attemptId } = attemptDatabase();
    const writer = recordingWriter(db, attemptId);
    writer.write('stdout', b(`${'z'.repeat(MAX_LINE_LENGTH * 2 + 5)}\nshort\n`));
    writer.close();
    expect(storedText(db, attemptId).map((t) => t.length)).toEqual([MAX_LINE_LENGTH, MAX_LINE_LENGTH, 5, 5]);
  });

  it('stops at the cap with a marker, sets the truncated flag and discards later output', () => {
    const { db, attemptId } = attemptDatabase();
    const writer = recordingWriter(db, attemptId, { capBytes: 1000 });
    const line = `${'a'.repeat(98)}\n`; // 99 bytes stored per line, with its break
    writer.write('stdout', b(line.repeat(5)));
    writer.write('stdout', b(line.repeat(15)));
    writer.write('stderr', b('later output\n'));
    writer.write('stdout', b('partial'));
    writer.system('[cockpit] Failed with exit code 1 after 2 s.');
    const summary = writer.close();
    const stored = storedText(db, attemptId);
    expect(stored.slice(0, 10)).toEqual(Array(10).fill('a'.repeat(98)));
    expect(stored.slice(10)).toEqual([
      '[cockpit] Log truncated: this job printed more than 1000 bytes; the rest was discarded. The job keeps running.',
      '[cockpit] Failed with exit code 1 after 2 s.',
    ]);
    expect(summary).toMatchObject({ lines: 12, truncated: true });
    expect(attemptRow(db, attemptId)).toEqual({ log_lines: 12, log_bytes: summary.bytes, log_truncated: 1 });
    expect(formatSize(100 * 1024 * 1024)).toBe('100 MB');
    expect(formatSize(1.5 * 1024 * 1024)).toBe('1.5 MB');
  });

  it('stores rows of whole lines of one stream and keeps the attempt counters', () => {
    const { db, attemptId } = attemptDatabase();
    const writer = recordingWriter(db, attemptId);
    const lines = Array.from({ length: 5000 }, (_, i) => `line ${i}`);
    writer.write('stdout', b(`${lines.slice(0, 4500).join('\n')}\n`));
    writer.write('stderr', b('oops\n'));
    writer.write('stdout', b(`${lines.slice(4500).join('\n')}\n`));
    const summary = writer.close();
    const rows = storedRows(db, attemptId);
    let next = 0;
    for (const row of rows) {
      expect(row.first_line).toBe(next);
      expect(row.line_count).toBeLessThanOrEqual(2000);
      expect(row.data.toString().split('\n')).toHaveLength(row.line_count);
      next += row.line_count;
    }
    expect(rows.map((r) => r.stream)).toEqual(['stdout', 'stdout', 'stdout', 'stderr', 'stdout']);
    const allBytes = [...lines, 'oops'].reduce((sum, text) => sum + text.length + 1, 0);
    expect(summary).toEqual({ lines: 5001, bytes: allBytes, truncated: false });
    expect(attemptRow(db, attemptId)).toEqual({ log_lines: 5001, log_bytes: allBytes, log_truncated: 0 });
  });

  it('writes the lines once, to a file of the attempt only its owner can read, indexed by the rows', () => {
    const { db, attemptId } = attemptDatabase();
    const writer = recordingWriter(db, attemptId);
    writer.write('stdout', b('one\ntwo\n'));
    writer.write('stderr', b('three\n'));
    writer.close();
    const file = db.prepare('SELECT log_file FROM attempts WHERE id = ?').pluck().get(attemptId) as string;
    expect(file).toBe(join(logDirOf(db), `${attemptId}.log`));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe('one\ntwo\nthree\n');
    expect(storedRows(db, attemptId).map((r) => [r.stream, r.byte_offset, r.byte_length])).toEqual([
      ['stdout', 0, 7],
      ['stderr', 8, 5],
    ]);
  });

  it('makes progress visible to other connections within a flush tick', async () => {
    const { db, attemptId } = attemptDatabase();
    const reader = new BetterSqlite3(db.name, { readonly: true });
    const firstBatch = new Promise<void>((resolve) => {
      const writer = recordingWriter(db, attemptId, {
        flushMs: 20,
        onLines: () => resolve(),
      });
      writer.write('stdout', b('hello\nstill running'));
    });
    expect(reader.prepare('SELECT count(*) FROM log_chunks').pluck().get()).toBe(0);
    await firstBatch;
    expect(reader.prepare('SELECT log_lines FROM attempts WHERE id = ?').pluck().get(attemptId)).toBe(1);
    expect(storedRows(reader, attemptId).map((row) => row.data)).toEqual([b('hello')]);
    reader.close();
  });

  it('batches live lines: few calls for 100k lines, only the last 1000 each, the rest counted as skipped', async () => {
    const { db, attemptId } = attemptDatabase();
    const writer = recordingWriter(db, attemptId, { flushMs: 50 });
    const started = performance.now();
    for (let block = 0; block < 100; block++) {
      const lines = Array.from({ length: 1000 }, (_, i) => `line ${block * 1000 + i}`);
      writer.write('stdout', b(`${lines.join('\n')}\n`));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    writer.close();
    const elapsed = performance.now() - started;
    const { batches } = writer;
    expect(batches.length).toBeLessThanOrEqual(Math.ceil(elapsed / 50) + 1);
    expect(batches.length).toBeLessThan(20);
    let next = 0;
    for (const { lines, skipped } of batches) {
      expect(lines.length).toBeLessThanOrEqual(1000);
      expect(lines[0]!.n).toBe(next + skipped);
      lines.forEach((line, i) => expect(line.text).toBe(`line ${next + skipped + i}`));
      next += skipped + lines.length;
    }
    expect(next).toBe(100_000);
    expect(batches.at(-1)!.lines.at(-1)!.n).toBe(99_999);
    // Rows written between reads (and on ticks) add up to the whole log, in order.
    const stored = storedText(db, attemptId);
    expect(stored).toHaveLength(100_000);
    stored.forEach((text, n) => {
      if (text !== `line ${n}`) expect(text).toBe(`line ${n}`);
    });
    expect(attemptRow(db, attemptId).log_lines).toBe(100_000);
  });

  it('hands over everything in one batch on close when no tick happened', () => {
    const { db, attemptId } = attemptDatabase();
    const writer = recordingWriter(db, attemptId, { maxLinesPerBatch: 3 });
    writer.write('stdout', b('1\n2\n3\n4\n5\n'));
    writer.close();
    expect(writer.batches).toEqual([
      {
        skipped: 2,
        lines: [3, 4, 5].map((n) => ({ n: n - 1, ts: 1_700_000_000_000, stream: 'stdout', text: String(n) })),
      },
    ]);
  });

  it('never throws from write when the database fails, and reports it on close', () => {
    const { db, attemptId } = attemptDatabase();
    const writer = recordingWriter(db, attemptId);
    db.exec('DROP TABLE log_chunks');
    expect(() => writer.write('stdout', b(`${'x'.repeat(100)}\n`.repeat(20_000)))).not.toThrow();
    expect(() => writer.close()).toThrow(/log_chunks/);
  });
});
