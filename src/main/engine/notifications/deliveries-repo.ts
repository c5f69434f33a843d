// The delivery log's SQL: one row per event and channel, its attempts and why the last one failed.
import type { Database } from 'better-sqlite3';
import type { Delivery, DeliveryStatus } from '../../../shared/domain/notification.ts';
import { fieldsOf } from '../kernel/store/row-fields.ts';

export interface NewDelivery {
  outboxId: number;
  projectId: number;
  projectName: string;
  event: string;
  environment: string | null;
  title: string;
  channel: string;
  channelType: Delivery['channelType'];
  channelConfig: string;
  message: string;
  maxAttempts: number;
  createdAt: number;
}

/** A claimed delivery, with what sending it needs. */
export interface DueDelivery {
  id: number;
  projectId: number | null;
  projectName: string;
  channel: string;
  channelConfig: string;
  message: string;
  attempts: number;
  maxAttempts: number;
}

interface Row {
  id: number;
  project_id: number | null;
  project_name: string;
  event: string;
  environment: string | null;
  title: string;
  channel: string;
  channel_type: Delivery['channelType'];
  status: DeliveryStatus;
  attempts: number;
  max_attempts: number;
  next_attempt_at: number | null;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}

const listColumns = `id, project_id, project_name, event, environment, title, channel, channel_type, status,
  attempts, max_attempts, next_attempt_at, last_error, created_at, sent_at`;

export function createDeliveriesRepo(db: Database) {
  const statements = {
    insert: db.prepare(
      `INSERT INTO notification_deliveries (outbox_id, project_id, project_name, event, environment, title,
         channel, channel_type, channel_config, message, status, max_attempts, next_attempt_at, created_at)
       VALUES (@outboxId, @projectId, @projectName, @event, @environment, @title, @channel, @channelType,
         @channelConfig, @message, 'pending', @maxAttempts, @createdAt, @createdAt)
       ON CONFLICT (outbox_id, channel) DO NOTHING`,
    ),
    due: db.prepare<[number, number, number], DueDelivery & { id: number }>(
      `SELECT id, project_id AS projectId, project_name AS projectName, channel, channel_config AS channelConfig,
         message, attempts, max_attempts AS maxAttempts
       FROM notification_deliveries
       WHERE (status = 'pending' AND next_attempt_at <= ?) OR (status = 'sending' AND claimed_until <= ?)
       ORDER BY next_attempt_at, id LIMIT ?`,
    ),
    claim: db.prepare<[number, number]>(
      "UPDATE notification_deliveries SET status = 'sending', claimed_until = ? WHERE id = ?",
    ),
    sent: db.prepare<[number, number]>(
      `UPDATE notification_deliveries SET status = 'sent', attempts = attempts + 1, sent_at = ?,
         next_attempt_at = NULL, claimed_until = NULL WHERE id = ? AND status = 'sending'`,
    ),
    failed: db.prepare<[string, number | null, number | null, number]>(
      `UPDATE notification_deliveries SET attempts = attempts + 1, last_error = ?,
         status = CASE WHEN ? IS NULL THEN 'failed' ELSE 'pending' END, next_attempt_at = ?, claimed_until = NULL
       WHERE id = ? AND status = 'sending'`,
    ),
    list: db.prepare<[string | null, string | null, number | null, number | null, number], Row>(
      `SELECT ${listColumns} FROM notification_deliveries
       WHERE (? IS NULL OR status = ?) AND (? IS NULL OR project_id = ?) ORDER BY id DESC LIMIT ?`,
    ),
    nextDue: db
      .prepare<[], number | null>(
        `SELECT min(CASE status WHEN 'pending' THEN next_attempt_at ELSE claimed_until END)
         FROM notification_deliveries WHERE status IN ('pending', 'sending')`,
      )
      .pluck(),
  };

  const claimDue = db.transaction((now: number, leaseMs: number, limit: number): DueDelivery[] => {
    const rows = statements.due.all(now, now, limit);
    for (const row of rows) statements.claim.run(now + leaseMs, row.id);
    return rows;
  });

  return {
    insert(delivery: NewDelivery): boolean {
      return statements.insert.run(delivery).changes > 0;
    },
    /** Takes the due deliveries for this process: no other process sends them until the lease ends. */
    claimDue(now: number, leaseMs: number, limit = 20): DueDelivery[] {
      return claimDue.immediate(now, leaseMs, limit);
    },
    markSent(id: number, at: number): void {
      statements.sent.run(at, id);
    },
    /** A failed attempt: tried again at `retryAt`, or given up for good when that is null. */
    markFailed(id: number, error: string, retryAt: number | null): void {
      statements.failed.run(error, retryAt, retryAt, id);
    },
    /** When the next delivery is due (null: nothing waits). */
    nextDueAt(): number | null {
      return statements.nextDue.get() ?? null;
    },
    list(filter: { status?: DeliveryStatus; projectId?: number; limit: number }): Delivery[] {
      const status = filter.status ?? null;
      const projectId = filter.projectId ?? null;
      const rows = statements.list.all(status, status, projectId, projectId, filter.limit);
      return rows.map(toDelivery);
    },
  };
}

export type DeliveriesRepo = ReturnType<typeof createDeliveriesRepo>;

function toDelivery(row: Row): Delivery {
  return {
    ...fieldsOf(
      row,
      'id, project_id, project_name, event, environment, title, channel, channel_type, status, attempts, max_attempts',
    ),
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
    ...fieldsOf(row, 'last_error, created_at, sent_at'),
  };
}
