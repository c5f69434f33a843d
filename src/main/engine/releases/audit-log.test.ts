// The audit log on real SQLite files: the hash chain, tampering caught by verify, the append-only
// triggers, and appends from several connections and processes at once.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../kernel/clock.ts';
import { openDatabase } from '../kernel/store/database.ts';
import { cleanupFixtures, tempDir } from '../../testing/fixtures.ts';
import type { AuditEntry } from '../../../shared/domain/release.ts';
import { canonicalJson, createAuditLog, GENESIS_HASH, type AuditAppend, type AuditLog } from './audit-log.ts';

const open: Database[] = [];

afterEach(async () => {
  while (open.length > 0) open.pop()!.close();
  await cleanupFixtures();
});

function database(path = join(tempDir('cockpit-audit-'), 'cockpit.db')): { db: Database; path: string } {
  const db = openDatabase(path);
  open.push(db);
  return { db, path };
}

function entry(n: number, overrides: Partial<AuditAppend> = {}): AuditAppend {
  return {
    actor: 'ada',
    action: 'deploy.requested',
    projectId: 1,
    subject: `deployment #${n}`,
    detail: { deploymentId: n, version: `v1.${n}.0` },
    ...overrides,
  };
}

/** A log of `count` entries, one second apart. */
function filledLog(count: number) {
  const { db, path } = database();
  const clock = manualClock(Date.UTC(2026, 2, 1));
  const log = createAuditLog(db, clock);
  for (let n = 1; n <= count; n++) {
    log.append(entry(n));
    clock.advance(1000);
  }
  return { db, path, log, clock };
}

/** A log of `count` entries changed behind its back by `statement`, with the trigger that stops it dropped. */
function tamperedLog(count: number, statement: string) {
  const filled = filledLog(count);
  filled.db.exec(`DROP TRIGGER audit_log_no_${statement.startsWith('UPDATE') ? 'update' : 'delete'}`);
  filled.db.prepare(statement).run();
  return filled;
}

/** The hash of the newest entry as listed, null for an empty log. */
function newestHash(log: AuditLog): string | null {
  return log.list({ limit: 1 })[0]?.hash ?? null;
}

/** An entry's hash as whoever forges it would compute it: the canonical JSON of its parsed content. */
function forgedHash(entry: AuditEntry, prevHash = entry.prevHash): string {
  const { id, at, actor, action, projectId, subject, detail } = entry;
  return createHash('sha256')
    .update(canonicalJson({ id, at, actor, action, projectId, subject, detail, prevHash }))
    .digest('hex');
}

describe('audit log chain', () => {
  it('hashes the canonical JSON of each entry and links it to the one before', () => {
    const { log } = filledLog(4);
    const entries = log.list({}).reverse();
    expect(entries.map((e) => e.id)).toEqual([1, 2, 3, 4]);
    expect(entries[0]!.prevHash).toBe(GENESIS_HASH);
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.prevHash).toBe(entries[i - 1]!.hash);

    // The serialization is pinned: keys sorted, detail as its stored JSON text (every byte covered).
    const first = entries[0]!;
    const text =
      `{"action":"deploy.requested","actor":"ada","at":${Date.UTC(2026, 2, 1)},` +
      `"detail":"{\\"deploymentId\\":1,\\"version\\":\\"v1.1.0\\"}","id":1,"prevHash":"${GENESIS_HASH}",` +
      `"projectId":1,"subject":"deployment #1"}`;
    expect(first.hash).toBe(createHash('sha256').update(text).digest('hex'));

    expect(log.verify()).toEqual({
      ok: true,
      entries: 4,
      firstBadId: null,
      problem: null,
      headId: 4,
      headHash: entries[3]!.hash,
    });
  });

  it('verifies an empty log', () => {
    const { db } = database();
    expect(createAuditLog(db, manualClock()).verify()).toEqual({
      ok: true,
      entries: 0,
      firstBadId: null,
      problem: null,
      headId: null,
      headHash: null,
    });
  });

  it('stores detail as JSON keeps it, so undefined members do not break the hash', () => {
    const { db } = database();
    const log = createAuditLog(db, manualClock());
    const appended = log.append(
      entry(1, { detail: { deploymentId: 1, note: undefined, nested: { b: 1, a: 2 } } }),
    );
    expect(appended.detail).toEqual({ deploymentId: 1, nested: { b: 1, a: 2 } });
    expect(log.verify().ok).toBe(true);
  });

  it('canonical JSON does not depend on key order', () => {
    expect(canonicalJson({ b: [{ y: 1, x: 2 }], a: { d: null, c: 'x' } })).toBe(
      canonicalJson({ a: { c: 'x', d: null }, b: [{ x: 2, y: 1 }] }),
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
    expect(canonicalJson([2, 1])).toBe('[2,1]');
  });

  it('refuses unknown actions and non-object details', () => {
    const { db } = database();
    const log = createAuditLog(db, manualClock());
    expect(() => log.append(entry(1, { action: 'deploy.exploded' as AuditAppend['action'] }))).toThrow(
      /not an audit action/,
    );
    expect(() => log.append(entry(1, { detail: [] as unknown as Record<string, unknown> }))).toThrow(
      /must be an object/,
    );
    expect(log.list({})).toEqual([]);
  });
});

describe('audit log tampering', () => {
  it('SQLite refuses UPDATE and DELETE while the triggers are in place', () => {
    const { db, log } = filledLog(3);
    expect(() => db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE id = 2").run()).toThrow(
      /append-only/,
    );
    expect(() => db.prepare('DELETE FROM audit_log WHERE id = 3').run()).toThrow(/append-only/);
    expect(log.verify().ok).toBe(true);
  });

  it.each([
    {
      tampering: 'an edited entry and names it',
      entries: 9,
      statement: `UPDATE audit_log SET detail = '{"deploymentId":7,"version":"v9.9.9"}' WHERE id = 7`,
      verified: {
        entries: 9,
        firstBadId: 7,
        problem: 'entry #7 was changed (its hash does not match its content)',
        headId: 9,
      },
    },
    {
      tampering: 'a removed entry in the middle',
      entries: 9,
      statement: 'DELETE FROM audit_log WHERE id = 7',
      verified: {
        entries: 8,
        firstBadId: 8,
        problem: 'entry #8 does not follow #6: an entry before it was removed',
        headId: 9,
      },
    },
    {
      tampering: 'removing every entry',
      entries: 2,
      statement: 'DELETE FROM audit_log',
      verified: { entries: 0, firstBadId: 2, problem: "the chain's last entry #2 is missing", headId: null },
    },
  ])('catches $tampering', ({ entries, statement, verified }) => {
    const { log } = tamperedLog(entries, statement);
    expect(log.verify()).toEqual({ ok: false, ...verified, headHash: newestHash(log) });
  });

  it('catches an edited entry whose hash was recomputed, at the entry after it', () => {
    const { db, log } = tamperedLog(5, "UPDATE audit_log SET actor = 'mallory' WHERE id = 3");
    const row = log.list({}).find((e) => e.id === 3)!;
    db.prepare('UPDATE audit_log SET hash = ? WHERE id = 3').run(forgedHash(row));
    expect(log.verify()).toMatchObject({
      ok: false,
      firstBadId: 4,
      problem: 'entry #4 does not follow #3: #3 was changed or replaced',
    });
  });

  it('catches removed first entries', () => {
    const { log } = tamperedLog(3, 'DELETE FROM audit_log WHERE id = 1');
    expect(log.verify()).toMatchObject({
      ok: false,
      firstBadId: 2,
      problem: 'entry #2 does not follow the start of the log: an entry before it was removed',
    });
  });

  it('catches a removed last entry, and still after later appends', () => {
    const { log } = tamperedLog(9, 'DELETE FROM audit_log WHERE id = 9');
    expect(log.verify()).toEqual({
      ok: false,
      entries: 8,
      firstBadId: 9,
      problem: "the chain's last entry #9 is missing",
      headId: 8,
      headHash: newestHash(log),
    });

    // The removed id is not reused, so the gap stays visible.
    expect(log.append(entry(10)).id).toBe(10);
    expect(log.verify()).toMatchObject({
      ok: false,
      firstBadId: 10,
      problem: 'entry #10 does not follow #8: an entry before it was removed',
    });
  });
});

describe('audit log without its sqlite_sequence row', () => {
  it('still verifies, and appends after the last entry', () => {
    const { db, log } = filledLog(3);
    db.prepare("DELETE FROM sqlite_sequence WHERE name = 'audit_log'").run();
    expect(log.verify()).toMatchObject({ ok: true, entries: 3, headId: 3 });

    const fourth = log.append(entry(4));
    expect(fourth.id).toBe(4);
    expect(fourth.prevHash).toBe(log.list({ limit: 2 })[1]!.hash);
    expect(log.verify()).toMatchObject({ ok: true, entries: 4, headId: 4, headHash: fourth.hash });
  });

  it('starts an empty log at 1', () => {
    const { db } = database();
    const log = createAuditLog(db, manualClock());
    db.prepare("DELETE FROM sqlite_sequence WHERE name = 'audit_log'").run();
    expect(log.verify()).toMatchObject({ ok: true, entries: 0, headId: null });
    expect(log.append(entry(1))).toMatchObject({ id: 1, prevHash: GENESIS_HASH });
    expect(log.verify()).toMatchObject({ ok: true, entries: 1, headId: 1 });
  });
});

describe('audit log head', () => {
  it('changes when someone with the file rewrites history and recomputes every later hash', () => {
    const { db, log } = filledLog(5);
    const noted = log.verify();
    expect(noted).toMatchObject({ ok: true, headId: 5 });

    // Edit #3 and rebuild the chain from there on: the chain alone cannot tell.
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE id = 3").run();
    let prevHash = log.list({ limit: 4 })[3]!.hash; // #2, untouched
    for (const row of log.list({}).reverse().slice(2)) {
      const hash = forgedHash(row, prevHash);
      db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?').run(prevHash, hash, row.id);
      prevHash = hash;
    }
    const after = log.verify();
    expect(after).toMatchObject({ ok: true, headId: 5 });
    // Only a head written down before gives it away.
    expect(after.headHash).not.toBe(noted.headHash);
  });
});

describe('audit log from several writers', () => {
  it('keeps one chain when two connections on the same file append interleaved', () => {
    const { path } = database();
    const clock = manualClock();
    const a = createAuditLog(database(path).db, clock);
    const b = createAuditLog(database(path).db, clock);
    for (let n = 1; n <= 10; n++) {
      (n % 2 === 0 ? a : b).append(entry(n, { actor: n % 2 === 0 ? 'a' : 'b' }));
      clock.advance(10);
    }
    const entries = a.list({}).reverse();
    expect(entries.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.prevHash).toBe(entries[i - 1]!.hash);
    expect(a.verify()).toMatchObject({ ok: true, entries: 10 });
    expect(b.verify()).toMatchObject({ ok: true, entries: 10 });
  });

  it('keeps one chain when several processes append at the same time', async () => {
    const { path, db } = database();
    const dir = tempDir('cockpit-audit-writer-');
    const script = join(dir, 'writer.mjs');
    const module = (name: string) => pathToFileURL(join(import.meta.dirname, name)).href;
    writeFileSync(
      script,
      `import { createAuditLog } from ${JSON.stringify(module('audit-log.ts'))};
import { openDatabase } from ${JSON.stringify(module('../kernel/store/database.ts'))};
const [path, writer] = process.argv.slice(2);
const db = openDatabase(path);
const log = createAuditLog(db, { now: () => Date.now() });
for (let n = 0; n < 40; n++) {
  log.append({ actor: writer, action: 'deploy.started', projectId: 1, subject: writer + ' ' + n, detail: { n } });
}
db.close();
`,
    );
    const writers = ['w1', 'w2', 'w3', 'w4'];
    const exits = await Promise.all(
      writers.map(
        (writer) =>
          new Promise<{ code: number | null; stderr: string }>((resolve) => {
            const child = spawn(process.execPath, [script, path, writer], {
              stdio: ['ignore', 'ignore', 'pipe'],
            });
            let stderr = '';
            child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
            child.on('close', (code) => resolve({ code, stderr }));
          }),
      ),
    );
    for (const exit of exits) expect(exit).toMatchObject({ code: 0 });

    const log = createAuditLog(db, manualClock());
    expect(log.verify()).toMatchObject({
      ok: true,
      entries: 160,
      firstBadId: null,
      problem: null,
      headId: 160,
    });
    const entries = log.list({ limit: 1000 });
    expect(new Set(entries.map((e) => e.actor))).toEqual(new Set(writers));
  }, 30_000);
});

describe('audit log queries', () => {
  it('lists newest first, by project, in pages', () => {
    const { db } = database();
    const clock = manualClock();
    const log = createAuditLog(db, clock);
    for (let n = 1; n <= 105; n++)
      log.append(entry(n, { projectId: n % 3 === 0 ? 2 : n % 3 === 1 ? 1 : null }));

    const all = log.list({});
    expect(all).toHaveLength(100);
    expect(all[0]!.id).toBe(105);
    expect(all[99]!.id).toBe(6);

    const page1 = log.list({ projectId: 2, limit: 10 });
    expect(page1.map((e) => e.id)).toEqual([105, 102, 99, 96, 93, 90, 87, 84, 81, 78]);
    const page2 = log.list({ projectId: 2, limit: 10, beforeId: page1.at(-1)!.id });
    expect(page2[0]!.id).toBe(75);
    expect(page2.every((e) => e.projectId === 2)).toBe(true);

    expect(log.list({ limit: 3, beforeId: 4 }).map((e) => e.id)).toEqual([3, 2, 1]);
    expect(log.list({ limit: 5000 })).toHaveLength(105);
    expect(log.list({ projectId: 9 })).toEqual([]);
  });

  it('finds the entries of one deployment, oldest first', () => {
    const { db } = database();
    const clock = manualClock();
    const log = createAuditLog(db, clock);
    log.append(entry(7, { action: 'deploy.requested' }));
    log.append(entry(8, { action: 'deploy.requested' }));
    log.append({ ...entry(7), action: 'approval.approved', actor: 'bob', detail: { deploymentId: 7 } });
    log.append({ ...entry(0), action: 'policy.changed', subject: 'production', detail: { lines: [] } });
    log.append({ ...entry(7), action: 'deploy.started', detail: { deploymentId: 7, runId: 3 } });
    log.append({ ...entry(70), detail: { deploymentId: 70 } });

    const found = log.forDeployment(7);
    expect(found.map((e) => [e.id, e.action])).toEqual([
      [1, 'deploy.requested'],
      [3, 'approval.approved'],
      [5, 'deploy.started'],
    ]);
    expect(found[2]!.detail).toEqual({ deploymentId: 7, runId: 3 });
    expect(log.forDeployment(99)).toEqual([]);
  });
});
