-- 004: the release board — deployments (with their gates, approvals and release notes), the one-deploy-
-- per-environment lock, the hash-chained audit log, and the last policy seen per project.

CREATE TABLE deployments (
  id                  INTEGER PRIMARY KEY,
  project_id          INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  environment         TEXT    NOT NULL,   -- by name: cockpit.yml names environments, and rows may be retired
  kind                TEXT    NOT NULL CHECK (kind IN ('deploy', 'promote', 'rollback')),
  version             TEXT    NOT NULL,
  commit_sha          TEXT    NOT NULL,
  pipeline            TEXT    NOT NULL,
  params              TEXT    NOT NULL DEFAULT '{}',
  actor               TEXT    NOT NULL,
  status              TEXT    NOT NULL CHECK (status IN ('awaiting_approval', 'queued', 'running', 'verifying',
                                   'succeeded', 'failed', 'cancelled', 'rejected', 'interrupted')),
  verification        TEXT    CHECK (verification IN ('verified', 'not_verified', 'skipped')),
  verification_detail TEXT,
  reported_version    TEXT,
  run_id              INTEGER REFERENCES runs (id) ON DELETE SET NULL,
  source_environment  TEXT,
  previous_version    TEXT,
  gates               TEXT    NOT NULL DEFAULT '[]',   -- JSON: [{gate, passed, detail}]
  approvals_needed    INTEGER NOT NULL DEFAULT 0,
  override_by         TEXT,
  override_reason     TEXT,
  is_fix              INTEGER NOT NULL DEFAULT 0 CHECK (is_fix IN (0, 1)),
  release_notes       TEXT,                            -- Markdown, as shown when it was requested
  owner_pid           INTEGER,                         -- the process driving it; a dead owner means interrupted
  requested_at        INTEGER NOT NULL,
  started_at          INTEGER,
  finished_at         INTEGER
) STRICT;

CREATE INDEX deployments_by_environment ON deployments (project_id, environment, id DESC);
CREATE INDEX deployments_active ON deployments (status)
  WHERE status IN ('awaiting_approval', 'queued', 'running', 'verifying');

-- The lock: at most one deployment per environment may be running or verifying. A unique index is
-- atomic across processes (the app and the CLI share the database), unlike any check-then-insert.
CREATE UNIQUE INDEX deployments_one_at_a_time ON deployments (project_id, environment)
  WHERE status IN ('running', 'verifying');

CREATE TABLE approvals (
  id            INTEGER PRIMARY KEY,
  deployment_id INTEGER NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
  approver      TEXT    NOT NULL,
  decision      TEXT    NOT NULL CHECK (decision IN ('approve', 'reject')),
  comment       TEXT    NOT NULL,
  at            INTEGER NOT NULL,
  UNIQUE (deployment_id, approver)
) STRICT;

-- Append-only: each entry's hash covers its content and the previous entry's hash, so an edited or
-- removed row breaks the chain (`cockpit audit verify`). The triggers stop accidental changes;
-- the chain catches deliberate ones. No foreign key: entries outlive the projects they mention.
CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  at         INTEGER NOT NULL,
  actor      TEXT    NOT NULL,
  action     TEXT    NOT NULL,
  project_id INTEGER,
  subject    TEXT    NOT NULL,
  detail     TEXT    NOT NULL,   -- JSON object
  prev_hash  TEXT    NOT NULL,
  hash       TEXT    NOT NULL
) STRICT;

CREATE INDEX audit_log_by_project ON audit_log (project_id, id DESC);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;

-- The gate/lifecycle/deploy policy last seen in each project's cockpit.yml, to notice changes.
CREATE TABLE release_policies (
  project_id  INTEGER PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
  hash        TEXT    NOT NULL,
  policy      TEXT    NOT NULL,   -- JSON
  recorded_at INTEGER NOT NULL
) STRICT;
