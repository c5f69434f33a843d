-- Notifications out (docs/notifications.md). The outbox: every fact worth telling the team is queued
-- here by a trigger on the table that records it, in the same transaction as the fact itself — by
-- whichever process wrote it (app, CLI, web host). The notifications feature turns each entry into
-- deliveries by the project's rules, and delivers them with retries.
CREATE TABLE notification_outbox (
  id           INTEGER PRIMARY KEY,
  source       TEXT    NOT NULL CHECK (source IN ('audit', 'incident.opened', 'incident.resolved', 'freeze')),
  source_id    INTEGER,            -- audit_log.id or incidents.id; null for a freeze
  detail       TEXT,               -- JSON: a freeze's project, environment and window
  dedupe_key   TEXT    UNIQUE,     -- a freeze: project, environment and the window's start, told once
  created_at   INTEGER NOT NULL,
  processed_at INTEGER             -- when its deliveries were made (null: still to do)
) STRICT;

CREATE INDEX notification_outbox_todo ON notification_outbox (id) WHERE processed_at IS NULL;

-- Only the audit actions a notification can come from; the feature decides the rest.
CREATE TRIGGER notification_outbox_audit AFTER INSERT ON audit_log
WHEN NEW.action IN ('deploy.requested', 'deploy.started', 'deploy.finished', 'approval.approved')
BEGIN
  INSERT INTO notification_outbox (source, source_id, created_at) VALUES ('audit', NEW.id, NEW.at);
END;

CREATE TRIGGER notification_outbox_incident_opened AFTER INSERT ON incidents
BEGIN
  INSERT INTO notification_outbox (source, source_id, created_at)
  VALUES ('incident.opened', NEW.id, NEW.opened_at);
END;

CREATE TRIGGER notification_outbox_incident_resolved AFTER UPDATE OF closed_at ON incidents
WHEN OLD.closed_at IS NULL AND NEW.closed_at IS NOT NULL
BEGIN
  INSERT INTO notification_outbox (source, source_id, created_at)
  VALUES ('incident.resolved', NEW.id, NEW.closed_at);
END;

-- One row per event and channel. The message is rendered once, when the delivery is made; the
-- channel is a snapshot of its cockpit.yml entry, which names secrets but never holds their values.
-- No foreign keys: the log outlives the projects it mentions.
CREATE TABLE notification_deliveries (
  id              INTEGER PRIMARY KEY,
  outbox_id       INTEGER NOT NULL,
  project_id      INTEGER,
  project_name    TEXT    NOT NULL,
  event           TEXT    NOT NULL,   -- deploy.failed, approval.requested, …
  environment     TEXT,
  title           TEXT    NOT NULL,
  channel         TEXT    NOT NULL,   -- its name under notifications.channels
  channel_type    TEXT    NOT NULL CHECK (channel_type IN ('webhook', 'slack', 'teams', 'email')),
  channel_config  TEXT    NOT NULL,   -- JSON snapshot (secret names only)
  message         TEXT    NOT NULL,   -- JSON: the rendered notification
  status          TEXT    NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  max_attempts    INTEGER NOT NULL,
  next_attempt_at INTEGER,            -- pending: when to try (again)
  claimed_until   INTEGER,            -- sending: a process that dies mid-send gives it back then
  last_error      TEXT,               -- why the last attempt failed (secrets masked)
  created_at      INTEGER NOT NULL,
  sent_at         INTEGER,
  UNIQUE (outbox_id, channel)
) STRICT;

CREATE INDEX notification_deliveries_due ON notification_deliveries (next_attempt_at)
  WHERE status IN ('pending', 'sending');
CREATE INDEX notification_deliveries_recent ON notification_deliveries (id DESC);
