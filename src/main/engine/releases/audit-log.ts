// The release audit log: who deployed, approved, overrode or changed policy, as a hash chain in
// SQLite. The table's triggers stop accidental edits; the chain shows edits, removals and reordering
// by anyone who does not also rewrite every later hash. Someone who does can only be caught by
// comparing the chain's head (verify reports it) with a head written down before.
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import {
  auditActions,
  type AuditAction,
  type AuditEntry,
  type AuditVerification,
} from '../../../shared/domain/release.ts';
import { badRequest } from '../../../shared/errors.ts';
import type { Clock } from '../kernel/clock.ts';
import { fieldsOf } from '../kernel/store/row-fields.ts';

export const GENESIS_HASH = '0'.repeat(64);
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

export interface AuditAppend {
  actor: string;
  action: AuditAction;
  projectId: number | null;
  subject: string;
  detail: Record<string, unknown>;
}

export interface AuditFilter {
  projectId?: number;
  /** Default 100, at most 1,000. */
  limit?: number;
  /** Only entries older than this id (paging backwards). */
  beforeId?: number;
}

interface AuditRow {
  id: number;
  at: number;
  actor: string;
  action: AuditAction;
  project_id: number | null;
  subject: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

const columns = 'id, at, actor, action, project_id, subject, detail, prev_hash, hash';
/**
 * For verify: the text columns as their stored bytes, and the storage type of the integer ones, so
 * that bytes which decode to the same text (invalid UTF-8) or a value of another type are caught.
 */
const storedColumns = `id, at, typeof(at) AS at_type, project_id, typeof(project_id) AS project_id_type,
  ${['actor', 'action', 'subject', 'detail', 'prev_hash', 'hash'].map((c) => `CAST(${c} AS BLOB) AS ${c}`).join(', ')}`;

interface StoredRow {
  id: number;
  at: number;
  at_type: string;
  project_id: number | null;
  project_id_type: string;
  actor: Buffer;
  action: Buffer;
  subject: Buffer;
  detail: Buffer;
  prev_hash: Buffer;
  hash: Buffer;
}

export function createAuditLog(db: Database, clock: Clock) {
  const statements = {
    sequence: db.prepare<[], number>("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").pluck(),
    maxId: db.prepare<[], number | null>('SELECT max(id) FROM audit_log').pluck(),
    last: db.prepare<[], { id: number; hash: string }>(
      'SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1',
    ),
    insert: db.prepare(
      `INSERT INTO audit_log (${columns})
       VALUES (@id, @at, @actor, @action, @projectId, @subject, @detail, @prevHash, @hash)`,
    ),
    list: db.prepare<[number, number], AuditRow>(
      `SELECT ${columns} FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?`,
    ),
    listForProject: db.prepare<[number, number, number], AuditRow>(
      `SELECT ${columns} FROM audit_log WHERE project_id = ? AND id < ? ORDER BY id DESC LIMIT ?`,
    ),
    forDeployment: db.prepare<[number], AuditRow>(
      `SELECT ${columns} FROM audit_log WHERE json_extract(detail, '$.deploymentId') = ? ORDER BY id`,
    ),
    all: db.prepare<[], StoredRow>(`SELECT ${storedColumns} FROM audit_log ORDER BY id`),
    one: db.prepare<[number], StoredRow>(`SELECT ${storedColumns} FROM audit_log WHERE id = ?`),
    count: db.prepare<[], number>('SELECT count(*) FROM audit_log').pluck(),
  };

  // IMMEDIATE takes the write lock before reading the chain's end, so a second connection or
  // process appending at the same moment waits (busy_timeout) and then links to this entry.
  const appendInTransaction = db.transaction((entry: AuditAppend): AuditEntry => {
    const last = statements.last.get();
    // The id comes from sqlite_sequence, not the last row: ids of removed entries are never reused,
    // so a removed tail stays visible as a gap. Without that row (lost, or removed by hand) the
    // last entry's id is all there is to go on; SQLite writes the row again with this insert.
    const seq = Math.max(statements.sequence.get() ?? 0, last?.id ?? 0);
    // Stored as JSON, so kept as what JSON keeps (undefined dropped, NaN → null); the hash covers
    // the stored text itself, byte for byte.
    const detailText = JSON.stringify(entry.detail);
    const unhashed = {
      id: seq + 1,
      at: Math.floor(clock.now()),
      actor: entry.actor,
      action: entry.action,
      projectId: entry.projectId,
      subject: entry.subject,
      detail: JSON.parse(detailText) as Record<string, unknown>,
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    const full: AuditEntry = { ...unhashed, hash: entryHash(unhashed, detailText) };
    statements.insert.run({ ...full, detail: detailText });
    return full;
  });

  return {
    append(entry: AuditAppend): AuditEntry {
      if (!(auditActions as readonly string[]).includes(entry.action)) {
        throw badRequest(`"${entry.action}" is not an audit action`, [
          { path: 'action', message: 'not an audit action' },
        ]);
      }
      if (typeof entry.detail !== 'object' || entry.detail === null || Array.isArray(entry.detail)) {
        throw badRequest('an audit entry’s detail must be an object', [
          { path: 'detail', message: 'must be an object' },
        ]);
      }
      return appendInTransaction.immediate(entry);
    },

    /** Newest first. */
    list(filter: AuditFilter = {}): AuditEntry[] {
      const limit = Math.min(Math.max(Math.floor(filter.limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT);
      const beforeId = filter.beforeId ?? Number.MAX_SAFE_INTEGER;
      const rows =
        filter.projectId === undefined
          ? statements.list.all(beforeId, limit)
          : statements.listForProject.all(filter.projectId, beforeId, limit);
      return rows.map(toEntry);
    },

    /** Entries whose detail.deploymentId is `deploymentId`, oldest first. */
    forDeployment(deploymentId: number): AuditEntry[] {
      return statements.forDeployment.all(deploymentId).map(toEntry);
    },

    /** Whether the entry's stored bytes are exactly what its hash covers (false when it is missing). */
    entryIntact(id: number): boolean {
      const row = statements.one.get(id);
      return row !== undefined && storedRowProblem(row) === null;
    },

    /**
     * Recomputes every hash and link; reports the first entry that does not match, and the chain's
     * head (its newest entry as stored) to compare with one noted earlier.
     */
    verify(): AuditVerification {
      // One read transaction: the rows and sqlite_sequence from the same snapshot.
      return db.transaction(() => {
        const entries = statements.count.get() ?? 0;
        const seq = statements.sequence.get() ?? statements.maxId.get() ?? 0;
        const head = statements.last.get();
        return {
          ...verifyRows(statements.all.iterate(), entries, seq),
          headId: head?.id ?? null,
          headHash: head?.hash ?? null,
        };
      })();
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;

type ChainCheck = Omit<AuditVerification, 'headId' | 'headHash'>;

function verifyRows(rows: Iterable<StoredRow>, entries: number, seq: number): ChainCheck {
  let previous: { id: number; hash: string } | null = null;
  const bad = (id: number, problem: string): ChainCheck => ({
    ok: false,
    entries,
    firstBadId: id,
    problem,
  });
  for (const row of rows) {
    // (Returning from inside for…of closes the statement's iterator.)
    const problem = storedRowProblem(row);
    if (problem !== null) return bad(row.id, `entry #${row.id} was changed (${problem})`);
    const hash = row.hash.toString('utf8');
    const expectedId: number = (previous?.id ?? 0) + 1;
    const expectedPrev: string = previous?.hash ?? GENESIS_HASH;
    const after = previous ? `#${previous.id}` : 'the start of the log';
    if (row.id !== expectedId) {
      return bad(row.id, `entry #${row.id} does not follow ${after}: an entry before it was removed`);
    }
    if (row.prev_hash.toString('utf8') !== expectedPrev) {
      return bad(
        row.id,
        previous
          ? `entry #${row.id} does not follow #${previous.id}: #${previous.id} was changed or replaced`
          : `entry #${row.id} does not start the chain: its previous hash is not the chain's start`,
      );
    }
    previous = { id: row.id, hash };
  }
  const lastId = previous?.id ?? 0;
  if (seq > lastId) {
    return bad(seq, `the chain's last entry #${seq} is missing`);
  }
  return { ok: true, entries, firstBadId: null, problem: null };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Why a stored row is not exactly the entry its hash covers, or null. The hash covers the parsed
 * entry; these checks make the parsed entry determine every stored byte: text columns must be valid
 * UTF-8, integers must be stored as integers, and detail must be the one JSON text of its value — a
 * duplicate key (which a parser folds into one value, hiding the other from one reader but not from
 * another), added whitespace or reordered keys are all changes.
 */
function storedRowProblem(row: StoredRow): string | null {
  const text: Record<string, string> = {};
  for (const column of ['actor', 'action', 'subject', 'detail', 'prev_hash', 'hash'] as const) {
    try {
      text[column] = strictUtf8.decode(row[column]);
    } catch {
      return `its ${column} is not valid UTF-8 text`;
    }
  }
  if (row.at_type !== 'integer') return `its time is stored as ${row.at_type}, not an integer`;
  if (row.project_id_type !== 'integer' && row.project_id_type !== 'null') {
    return `its project is stored as ${row.project_id_type}, not an integer`;
  }
  const detail = parseDetail(text.detail!);
  if (detail === null) return 'its detail is not a JSON object';
  if (JSON.stringify(detail) !== text.detail) {
    return 'its detail is not the JSON the cockpit writes (a duplicate key, extra spaces or reordered keys)';
  }
  const entry: AuditEntry = {
    id: row.id,
    at: row.at,
    actor: text.actor!,
    action: text.action! as AuditAction,
    projectId: row.project_id,
    subject: text.subject!,
    detail,
    prevHash: text.prev_hash!,
    hash: text.hash!,
  };
  // Entries written since the hash covers the stored detail text; older ones hashed its value.
  const matches = entryHash(entry, text.detail) === entry.hash || entryHash(entry) === entry.hash;
  return matches ? null : 'its hash does not match its content';
}

function parseDetail(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    ...fieldsOf(row, 'id, at, actor, action, project_id, subject'),
    detail: parseDetail(row.detail) ?? {},
    ...fieldsOf(row, 'prev_hash, hash'),
  };
}

/**
 * sha256 (hex) of the canonical JSON of everything in an entry but its own hash. With `storedDetail`
 * (every entry written now) the detail is hashed as its stored JSON text, so the hash covers the
 * exact bytes of every column; without it, as its parsed value (entries written before that).
 */
export function entryHash(entry: Omit<AuditEntry, 'hash'>, storedDetail?: string): string {
  const { id, at, actor, action, projectId, subject, prevHash } = entry;
  const detail = storedDetail ?? entry.detail;
  return createHash('sha256')
    .update(canonicalJson({ id, at, actor, action, projectId, subject, detail, prevHash }))
    .digest('hex');
}

/**
 * JSON with object keys sorted at every depth, so equal values always serialize (and hash) the
 * same. Array order is kept; undefined members are dropped, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
    }
    return sorted;
  }
  return value;
}
