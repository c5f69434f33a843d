// The team's audit log is a hash chain kept by the server (cockpit.audit_chain). Any member can check
// it here: each entry's hash is recomputed from its fields in TypeScript, exactly as the server
// computes it, and must match, and must be the next entry's prev_hash. A changed, removed or
// reordered entry fails, naming the first entry that does not hold.
import { createHash } from 'node:crypto';
import type pg from 'pg';

export const GENESIS_HASH = '0'.repeat(64);

export interface TeamAuditEntry {
  seq: string;
  /** The entry's time as the server hashes it: UTC, microseconds, e.g. 2026-12-05T12:01:02.123456Z. */
  at: string;
  actor: string;
  action: string;
  project: string | null;
  environment: string | null;
  deploymentId: string | null;
  details: string | null;
  prevHash: string;
  hash: string;
}

export type TeamAuditVerdict =
  | { ok: true; entries: number; lastHash: string }
  | { ok: false; entries: number; seq: string; reason: string };

/** "<octets>:<text>", or "-" for null: the same framing as cockpit.audit_field. */
function field(value: string | null): string {
  return value === null ? '-' : `${Buffer.byteLength(value, 'utf8')}:${value}`;
}

export function teamAuditHash(entry: Omit<TeamAuditEntry, 'hash'>): string {
  const payload = [
    entry.seq,
    entry.at,
    entry.actor,
    entry.action,
    entry.project,
    entry.environment,
    entry.deploymentId,
    entry.details,
    entry.prevHash,
  ]
    .map(field)
    .join('');
  return createHash('sha256').update(payload, 'utf8').digest('hex');
}

/** Checks entries in seq order from the first: numbering, links and hashes. */
export function verifyTeamAuditEntries(entries: TeamAuditEntry[]): TeamAuditVerdict {
  let previous = GENESIS_HASH;
  let expectedSeq = 1n;
  for (const entry of entries) {
    const fail = (reason: string): TeamAuditVerdict => ({
      ok: false,
      entries: entries.length,
      seq: entry.seq,
      reason,
    });
    if (BigInt(entry.seq) !== expectedSeq) {
      return fail(`entry ${expectedSeq} is missing (the next entry is ${entry.seq})`);
    }
    if (entry.prevHash !== previous) return fail(`entry ${entry.seq} does not link to the entry before it`);
    if (teamAuditHash(entry) !== entry.hash) {
      return fail(
        `entry ${entry.seq} was changed after it was written (its hash does not match its content)`,
      );
    }
    previous = entry.hash;
    expectedSeq += 1n;
  }
  return { ok: true, entries: entries.length, lastHash: previous };
}

/** Reads the whole chain (the time formatted by a fixed expression, not a server function) and checks it. */
export async function verifyTeamAudit(client: pg.Client): Promise<TeamAuditVerdict> {
  const { rows } = await client.query<TeamAuditEntry>(
    `SELECT seq::text, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, actor, action,
            project, environment, deployment_id::text AS "deploymentId", details, prev_hash AS "prevHash", hash
       FROM cockpit.audit_log ORDER BY cockpit.audit_log.seq`,
  );
  return verifyTeamAuditEntries(rows);
}

/** Appends an entry as the connected role; the server numbers, times and chains it. */
export async function appendTeamAudit(
  client: pg.Client,
  entry: { action: string; project?: string; environment?: string; deploymentId?: number; details?: unknown },
): Promise<{ seq: string; hash: string }> {
  const { rows } = await client.query<{ seq: string; hash: string }>(
    `INSERT INTO cockpit.audit_log (seq, at, action, project, environment, deployment_id, details, prev_hash, hash)
     VALUES (0, now(), $1, $2, $3, $4, $5, '', '') RETURNING seq::text, hash`,
    [
      entry.action,
      entry.project ?? null,
      entry.environment ?? null,
      entry.deploymentId ?? null,
      entry.details === undefined ? null : JSON.stringify(entry.details),
    ],
  );
  return rows[0]!;
}
