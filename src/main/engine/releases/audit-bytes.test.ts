// The audit chain covers the exact stored bytes: a duplicate key in an entry's detail JSON (which a
// JSON parser folds into one value), extra whitespace, bytes that are not UTF-8, or any other byte
// changed in any column of any row fails `cockpit audit verify`, naming the entry.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../kernel/clock.ts';
import { DATABASE_FILE_NAME } from '../kernel/data-dir.ts';
import { openDatabase } from '../kernel/store/database.ts';
import { cleanupFixtures, tempDir } from '../../testing/fixtures.ts';
import { createAuditLog, entryHash, GENESIS_HASH } from './audit-log.ts';

const COCKPIT_BIN = fileURLToPath(new URL('../../../../bin/cockpit.js', import.meta.url));
const open: Database[] = [];

afterEach(async () => {
  while (open.length > 0) open.pop()!.close();
  await cleanupFixtures();
});

/** A data directory whose audit log has `count` entries, and a second raw connection to tamper with. */
function auditedDataDir(count: number) {
  const dataDir = tempDir('cockpit-audit-data-');
  const db = openDatabase(join(dataDir, DATABASE_FILE_NAME));
  open.push(db);
  const clock = manualClock(Date.UTC(2026, 2, 1));
  const log = createAuditLog(db, clock);
  for (let n = 1; n <= count; n++) {
    log.append({
      actor: n % 2 ? 'ada' : 'grace hopper',
      action: n % 3 ? 'deploy.requested' : 'approval.approved',
      projectId: n % 4 === 0 ? null : 1,
      subject: `deployment #${n} — ünïcödé`,
      detail: {
        deploymentId: n,
        version: `v1.${n}.0`,
        reason: 'ship it',
        nested: { list: [1, 'two', null] },
      },
    });
    clock.advance(1000);
  }
  const raw = new BetterSqlite3(join(dataDir, DATABASE_FILE_NAME));
  open.push(raw);
  raw.exec('DROP TRIGGER audit_log_no_update'); // what anyone with the file can do
  return { dataDir, log, raw };
}

function cliVerify(dataDir: string) {
  return spawnSync(process.execPath, [COCKPIT_BIN, '--data-dir', dataDir, 'audit', 'verify'], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
}

describe('audit verify covers the stored bytes', () => {
  it('a duplicate key in detail fails verify and the CLI names the entry', () => {
    const { dataDir, log, raw } = auditedDataDir(4);
    const before = log.verify();
    expect(before.ok).toBe(true);
    const stored = raw.prepare('SELECT detail FROM audit_log WHERE id = 2').pluck().get() as string;
    // The same parsed value (the last "reason" wins), so the old check hashed it identically.
    const forged = stored.replace('"reason":"ship it"', '"reason":"approved by nobody","reason":"ship it"');
    expect(JSON.parse(forged)).toEqual(JSON.parse(stored));
    raw.prepare('UPDATE audit_log SET detail = ? WHERE id = 2').run(forged);

    const after = log.verify();
    expect(after).toMatchObject({
      ok: false,
      firstBadId: 2,
      problem: expect.stringContaining('entry #2') as string,
    });
    expect(log.entryIntact(2)).toBe(false);
    expect(log.entryIntact(1)).toBe(true);

    const cli = cliVerify(dataDir);
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain('at entry 2');
  });

  it('whitespace or key order changed in detail fails verify', () => {
    const { log, raw } = auditedDataDir(3);
    const stored = raw.prepare('SELECT detail FROM audit_log WHERE id = 3').pluck().get() as string;
    for (const changed of [
      stored.replace(',', ', '),
      `${stored}\n`,
      JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(stored) as object).reverse())),
    ]) {
      raw.prepare('UPDATE audit_log SET detail = ? WHERE id = 3').run(changed);
      expect(log.verify()).toMatchObject({ ok: false, firstBadId: 3 });
    }
    raw.prepare('UPDATE audit_log SET detail = ? WHERE id = 3').run(stored);
    expect(log.verify().ok).toBe(true);
  });

  it('any byte changed in any column of any row fails verify, naming that row', () => {
    const { log, raw } = auditedDataDir(6);
    const textColumns = ['actor', 'action', 'subject', 'detail', 'prev_hash', 'hash'] as const;
    const intColumns = ['at', 'project_id'] as const;
    const bytesOf = raw.prepare<[number], Record<string, Buffer>>(
      `SELECT ${textColumns.map((c) => `CAST(${c} AS BLOB) AS ${c}`).join(', ')} FROM audit_log WHERE id = ?`,
    );
    let tried = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(...textColumns, ...intColumns),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (id, column, position, delta) => {
          if ((intColumns as readonly string[]).includes(column)) {
            const value = raw.prepare(`SELECT ${column} FROM audit_log WHERE id = ?`).pluck().get(id) as
              number | null;
            const bytes = Buffer.alloc(8);
            bytes.writeBigInt64BE(BigInt(value ?? 0));
            const at = position % 8;
            bytes[at] = (bytes[at]! + delta) % 256;
            raw.prepare(`UPDATE audit_log SET ${column} = ? WHERE id = ?`).run(bytes.readBigInt64BE(), id);
            const result = log.verify();
            raw.prepare(`UPDATE audit_log SET ${column} = ? WHERE id = ?`).run(value, id);
            tried++;
            return result.ok === false && result.firstBadId === id;
          }
          const original = bytesOf.get(id)![column]!;
          const changed = Buffer.from(original);
          const at = position % changed.length;
          changed[at] = (changed[at]! + delta) % 256 || 1; // never a NUL byte (SQLite would cut the text)
          if (changed.equals(original)) return true;
          raw.prepare(`UPDATE audit_log SET ${column} = CAST(? AS TEXT) WHERE id = ?`).run(changed, id);
          const result = log.verify();
          raw.prepare(`UPDATE audit_log SET ${column} = CAST(? AS TEXT) WHERE id = ?`).run(original, id);
          tried++;
          return result.ok === false && result.firstBadId === id;
        },
      ),
      { numRuns: 300, seed: Number(process.env.COCKPIT_FUZZ_SEED ?? Date.now() % 2 ** 31) },
    );
    expect(tried).toBeGreaterThan(250);
    expect(log.verify().ok).toBe(true);
  });

  it('entries written before the hash covered the detail text still verify, and are checked byte by byte', () => {
    const { log, raw } = auditedDataDir(4);
    // Rewrite the chain as the previous version hashed it: detail as its parsed value.
    let prevHash = GENESIS_HASH;
    for (const entry of log.list({}).reverse()) {
      const hash = entryHash({ ...entry, prevHash });
      raw.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?').run(prevHash, hash, entry.id);
      prevHash = hash;
    }
    expect(log.verify()).toMatchObject({ ok: true, entries: 4 });
    const stored = raw.prepare('SELECT detail FROM audit_log WHERE id = 3').pluck().get() as string;
    raw
      .prepare('UPDATE audit_log SET detail = ? WHERE id = 3')
      .run(stored.replace('"reason":"ship it"', '"reason":"forged","reason":"ship it"'));
    expect(log.verify()).toMatchObject({ ok: false, firstBadId: 3 });
  });
});
