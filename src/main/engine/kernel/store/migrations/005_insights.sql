-- 005: insights — what each deployment shipped (its commits, for lead time), tiers recorded with
-- deployments and environments (production-first metrics), notes on deployments and incidents, and
-- the app's settings.

-- The commits a deployment brought to its environment (those the environment did not have), with
-- their commit time: lead time for changes is measured per commit.
CREATE TABLE deployment_commits (
  deployment_id INTEGER NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
  sha           TEXT    NOT NULL,
  committed_at  INTEGER NOT NULL,
  PRIMARY KEY (deployment_id, sha)
) STRICT;

CREATE INDEX deployment_commits_by_sha ON deployment_commits (sha);

ALTER TABLE deployments ADD COLUMN tier TEXT;        -- the environment's tier when it was deployed
ALTER TABLE deployments ADD COLUMN commit_at INTEGER; -- commit time of the deployed commit
CREATE INDEX deployments_by_finish ON deployments (finished_at) WHERE status = 'succeeded';

ALTER TABLE environments ADD COLUMN tier TEXT;       -- from cockpit.yml, kept up to date by the monitor

CREATE TABLE notes (
  id         INTEGER PRIMARY KEY,
  subject    TEXT    NOT NULL CHECK (subject IN ('deployment', 'incident')),
  subject_id INTEGER NOT NULL,
  author     TEXT    NOT NULL,
  text       TEXT    NOT NULL,
  at         INTEGER NOT NULL
) STRICT;

CREATE INDEX notes_by_subject ON notes (subject, subject_id, id);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL   -- JSON
) STRICT;

CREATE INDEX runs_by_finish ON runs (finished_at);
CREATE INDEX incidents_by_open ON incidents (opened_at);
