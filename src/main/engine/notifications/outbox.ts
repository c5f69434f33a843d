// The outbox (migration 011_notifications): facts queued by SQLite triggers on the audit log and the
// incidents table, and freezes queued by freeze-watch.ts. This file reads an entry back as a
// NotificationEvent — what happened, where, to whom — or null when it is nothing to tell.
import type { Database } from 'better-sqlite3';
import type { NotificationEventName } from '../config/index.ts';

export interface NotificationEvent {
  event: NotificationEventName;
  projectId: number;
  projectName: string;
  environment: string | null;
  /** When it happened (ms). */
  at: number;
  /** Who did it (null for what the monitor or the clock did). */
  actor: string | null;
  version: string | null;
  deploymentId: number | null;
  /** deploy, promote or rollback, for deployment events. */
  kind: string | null;
  /** Event-specific words: the failure's reason, the incident's first error, the freeze's reason. */
  detail: string | null;
}

export interface OutboxEntry {
  id: number;
  source: 'audit' | 'incident.opened' | 'incident.resolved' | 'freeze';
  sourceId: number | null;
  detail: string | null;
  createdAt: number;
}

interface AuditRow {
  at: number;
  actor: string;
  action: string;
  project_id: number | null;
  detail: string;
  project_name: string | null;
  deployment_kind: string | null;
}

interface IncidentRow {
  opened_at: number;
  closed_at: number | null;
  first_error: string;
  environment: string;
  project_id: number;
  project_name: string;
}

export interface FreezeDetail {
  projectId: number;
  projectName: string;
  environment: string;
  reason: string;
  startedAt: number;
  until: number | null;
  /** Tells one freeze from the next: when it ends. */
  key: string;
}

export function createOutbox(db: Database) {
  const statements = {
    todo: db.prepare<
      [number],
      { id: number; source: string; source_id: number | null; detail: string | null; created_at: number }
    >(
      'SELECT id, source, source_id, detail, created_at FROM notification_outbox WHERE processed_at IS NULL ORDER BY id LIMIT ?',
    ),
    done: db.prepare<[number, number]>(
      'UPDATE notification_outbox SET processed_at = ? WHERE id = ? AND processed_at IS NULL',
    ),
    audit: db.prepare<[number], AuditRow>(
      `SELECT a.at, a.actor, a.action, a.project_id, a.detail, p.name AS project_name, d.kind AS deployment_kind
       FROM audit_log a
       LEFT JOIN projects p ON p.id = a.project_id
       LEFT JOIN deployments d ON d.id = json_extract(a.detail, '$.deploymentId')
       WHERE a.id = ?`,
    ),
    incident: db.prepare<[number], IncidentRow>(
      `SELECT i.opened_at, i.closed_at, i.first_error, e.name AS environment, p.id AS project_id, p.name AS project_name
       FROM incidents i JOIN environments e ON e.id = i.environment_id JOIN projects p ON p.id = e.project_id
       WHERE i.id = ?`,
    ),
    queueFreeze: db.prepare<[string, string, number]>(
      `INSERT INTO notification_outbox (source, detail, dedupe_key, created_at) VALUES ('freeze', ?, ?, ?)
       ON CONFLICT (dedupe_key) DO NOTHING`,
    ),
  };

  return {
    /** Entries still to turn into deliveries, oldest first. */
    todo(limit = 100): OutboxEntry[] {
      return statements.todo.all(limit).map((row) => ({
        id: row.id,
        source: row.source as OutboxEntry['source'],
        sourceId: row.source_id,
        detail: row.detail,
        createdAt: row.created_at,
      }));
    },
    /** False when another process marked it first. */
    markDone(id: number, at: number): boolean {
      return statements.done.run(at, id).changes > 0;
    },
    /** Queues a freeze once per project, environment and freeze (its key). */
    queueFreeze(freeze: FreezeDetail): boolean {
      const key = `freeze:${freeze.projectId}:${freeze.environment}:${freeze.key}`;
      return statements.queueFreeze.run(JSON.stringify(freeze), key, freeze.startedAt).changes > 0;
    },
    /** What the entry tells, or null (a cancelled deploy, a request that needs no approval…). */
    read(entry: OutboxEntry): NotificationEvent | null {
      if (entry.source === 'freeze') return freezeEvent(entry);
      if (entry.sourceId === null) return null;
      if (entry.source === 'audit') {
        const row = statements.audit.get(entry.sourceId);
        return row ? auditEvent(row) : null;
      }
      const row = statements.incident.get(entry.sourceId);
      if (!row) return null;
      const resolved = entry.source === 'incident.resolved';
      const downFor = row.closed_at === null ? null : row.closed_at - row.opened_at;
      return {
        event: entry.source,
        projectId: row.project_id,
        projectName: row.project_name,
        environment: row.environment,
        at: resolved ? (row.closed_at ?? entry.createdAt) : row.opened_at,
        actor: null,
        version: null,
        deploymentId: null,
        kind: null,
        detail: resolved && downFor !== null ? `down for ${describeDuration(downFor)}` : row.first_error,
      };
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;

function freezeEvent(entry: OutboxEntry): NotificationEvent | null {
  const freeze = parse(entry.detail) as Partial<FreezeDetail> | null;
  if (!freeze || typeof freeze.projectId !== 'number' || typeof freeze.environment !== 'string') return null;
  return {
    event: 'freeze.started',
    projectId: freeze.projectId,
    projectName: freeze.projectName ?? `project #${freeze.projectId}`,
    environment: freeze.environment,
    at: freeze.startedAt ?? entry.createdAt,
    actor: null,
    version: null,
    deploymentId: null,
    kind: null,
    detail:
      (freeze.reason ?? 'a freeze window') +
      (typeof freeze.until === 'number' ? ` (until ${new Date(freeze.until).toISOString()})` : ''),
  };
}

function auditEvent(row: AuditRow): NotificationEvent | null {
  if (row.project_id === null) return null;
  const detail = (parse(row.detail) ?? {}) as Record<string, unknown>;
  const event = auditEventName(row.action, detail, row.deployment_kind);
  if (!event) return null;
  const text = (key: string) => (typeof detail[key] === 'string' ? detail[key] : null);
  return {
    event,
    projectId: row.project_id,
    projectName: row.project_name ?? `project #${row.project_id}`,
    environment: text('environment'),
    at: row.at,
    actor: row.actor,
    version: text('version'),
    deploymentId: typeof detail.deploymentId === 'number' ? detail.deploymentId : null,
    kind: text('kind') ?? row.deployment_kind,
    detail: event === 'deploy.failed' ? text('detail') : event === 'approval.given' ? text('comment') : null,
  };
}

function auditEventName(
  action: string,
  detail: Record<string, unknown>,
  deploymentKind: string | null,
): NotificationEventName | null {
  switch (action) {
    case 'deploy.requested': {
      // A request waits for approval when its approvals gate has not passed (and nothing blocked it).
      const gates = Array.isArray(detail.gates)
        ? (detail.gates as { gate?: unknown; passed?: unknown }[])
        : [];
      return gates.some((gate) => gate.gate === 'approvals' && gate.passed === false)
        ? 'approval.requested'
        : null;
    }
    case 'deploy.started':
      return 'deploy.started';
    case 'deploy.finished': {
      const kind = typeof detail.kind === 'string' ? detail.kind : deploymentKind;
      if (detail.status === 'succeeded')
        return kind === 'rollback' ? 'deploy.rolled_back' : 'deploy.succeeded';
      if (detail.status === 'failed' || detail.status === 'interrupted') return 'deploy.failed';
      return null; // cancelled by someone: they know
    }
    case 'approval.approved':
      return 'approval.given';
    default:
      return null;
  }
}

function parse(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export function describeDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  if (minutes >= 60) return `${Math.floor(minutes / 60)} h ${minutes % 60} m`;
  return minutes > 0 ? `${minutes} m ${seconds} s` : `${seconds} s`;
}
