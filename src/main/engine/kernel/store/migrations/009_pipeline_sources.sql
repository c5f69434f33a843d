-- 008: pipelines from several sources (cockpit.yml, GitHub workflows, .gitlab-ci.yml) and what every
-- format needs: steps within a job attempt, log groups, annotations, job outputs and summaries,
-- manual jobs, and the reason a job was skipped.
ALTER TABLE runs ADD COLUMN source_kind TEXT NOT NULL DEFAULT 'cockpit' CHECK (source_kind IN ('cockpit', 'github', 'gitlab'));
ALTER TABLE runs ADD COLUMN source_file TEXT;            -- relative to the project folder
ALTER TABLE runs ADD COLUMN source_hash TEXT;            -- sha256 of that file's text when the run started

ALTER TABLE jobs ADD COLUMN job_group TEXT;              -- the job as written (matrix expansions share it)
ALTER TABLE jobs ADD COLUMN skip_reason TEXT;            -- why it did not run (skipped, cancelled)
ALTER TABLE jobs ADD COLUMN waiting TEXT CHECK (waiting IN ('manual', 'manual-need'));
ALTER TABLE jobs ADD COLUMN outputs TEXT;                -- JSON object, masked
ALTER TABLE jobs ADD COLUMN summary TEXT;                -- Markdown, masked

CREATE TABLE steps (
  id          INTEGER PRIMARY KEY,
  attempt_id  INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,                          -- order in the job's plan
  name        TEXT    NOT NULL,
  status      TEXT    NOT NULL CHECK (status IN ('pending', 'running', 'success', 'failed', 'cancelled', 'timed_out', 'skipped', 'interrupted')),
  reason      TEXT,                                      -- why it was skipped, or could not start
  exit_code   INTEGER,
  started_at  INTEGER,
  finished_at INTEGER,
  first_line  INTEGER,                                   -- its lines in the attempt's log
  last_line   INTEGER,
  UNIQUE (attempt_id, position)
) STRICT;

-- Collapsible sections of a log (GitHub ::group::, GitLab section_start/section_end).
CREATE TABLE log_groups (
  attempt_id INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
  first_line INTEGER NOT NULL,                           -- the header line
  last_line  INTEGER NOT NULL,                           -- the last line inside (inclusive)
  depth      INTEGER NOT NULL DEFAULT 0,
  title      TEXT    NOT NULL,
  PRIMARY KEY (attempt_id, first_line)
) STRICT, WITHOUT ROWID;

CREATE TABLE annotations (
  id         INTEGER PRIMARY KEY,
  job_id     INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  attempt_id INTEGER REFERENCES attempts (id) ON DELETE CASCADE,
  level      TEXT    NOT NULL CHECK (level IN ('error', 'warning', 'notice')),
  title      TEXT,
  message    TEXT    NOT NULL,
  file       TEXT,
  line       INTEGER,
  col        INTEGER,
  log_line   INTEGER                                     -- where it was printed in the attempt's log
) STRICT;
CREATE INDEX annotations_by_job ON annotations (job_id);
