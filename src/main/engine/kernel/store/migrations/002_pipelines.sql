-- 002: local pipeline runs — runs, their jobs, each job's attempts, logs in chunks, artifacts, secrets.

CREATE TABLE runs (
  id            INTEGER PRIMARY KEY,
  project_id    INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  pipeline      TEXT    NOT NULL,
  status        TEXT    NOT NULL CHECK (status IN ('queued', 'running', 'success', 'failed', 'cancelled', 'timed_out', 'interrupted')),
  trigger       TEXT    NOT NULL CHECK (trigger IN ('manual', 'cli', 'commit', 'cron', 'rerun')),
  params        TEXT    NOT NULL DEFAULT '{}',  -- JSON object of the values used
  git_sha       TEXT,
  git_branch    TEXT,
  git_dirty     INTEGER CHECK (git_dirty IN (0, 1)),
  actor         TEXT    NOT NULL,
  queued_at     INTEGER NOT NULL,
  started_at    INTEGER,
  finished_at   INTEGER,
  rerun_of      INTEGER REFERENCES runs (id) ON DELETE SET NULL,
  owner_pid     INTEGER,                         -- the process running it; a dead owner means interrupted
  definition    TEXT    NOT NULL                 -- JSON of the pipeline as it was when the run started
) STRICT;

CREATE INDEX runs_by_project ON runs (project_id, pipeline, id DESC);
CREATE INDEX runs_active ON runs (status) WHERE status IN ('queued', 'running');

CREATE TABLE jobs (
  id                INTEGER PRIMARY KEY,
  run_id            INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  name              TEXT    NOT NULL,
  needs             TEXT    NOT NULL DEFAULT '[]',  -- JSON array of job names
  position          INTEGER NOT NULL,               -- order of definition
  status            TEXT    NOT NULL CHECK (status IN ('pending', 'running', 'success', 'failed', 'cancelled', 'timed_out', 'skipped', 'interrupted')),
  continue_on_error INTEGER NOT NULL DEFAULT 0 CHECK (continue_on_error IN (0, 1)),
  started_at        INTEGER,
  finished_at       INTEGER,
  UNIQUE (run_id, name)
) STRICT;

CREATE TABLE attempts (
  id            INTEGER PRIMARY KEY,
  job_id        INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  number        INTEGER NOT NULL,                   -- 1, 2, … (retries are new attempts)
  status        TEXT    NOT NULL CHECK (status IN ('running', 'success', 'failed', 'cancelled', 'timed_out', 'interrupted')),
  exit_code     INTEGER,
  signal        TEXT,
  started_at    INTEGER NOT NULL,
  finished_at   INTEGER,
  log_lines     INTEGER NOT NULL DEFAULT 0,
  log_bytes     INTEGER NOT NULL DEFAULT 0,
  log_truncated INTEGER NOT NULL DEFAULT 0 CHECK (log_truncated IN (0, 1)),
  log_file      TEXT,                               -- absolute path of the log's lines (see log_chunks)
  UNIQUE (job_id, number)
) STRICT;

-- Logs are stored in chunks of whole lines (same stream, same arrival time), already masked. The
-- lines themselves are in the attempt's own file (attempts.log_file, written once: no WAL copy);
-- a chunk is the bytes [byte_offset, byte_offset + byte_length) of it: UTF-8 lines joined by \n (no trailing \n).
CREATE TABLE log_chunks (
  attempt_id INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
  first_line INTEGER NOT NULL,                      -- 0-based number of the chunk's first line
  line_count INTEGER NOT NULL,
  stream     TEXT    NOT NULL CHECK (stream IN ('stdout', 'stderr', 'system')),
  ts         INTEGER NOT NULL,                      -- ms since epoch when the lines arrived
  byte_offset INTEGER NOT NULL,                     -- where the chunk starts in attempts.log_file
  byte_length INTEGER NOT NULL,
  PRIMARY KEY (attempt_id, first_line)
) STRICT, WITHOUT ROWID;

CREATE TABLE artifacts (
  id          INTEGER PRIMARY KEY,
  job_id      INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  path        TEXT    NOT NULL,                     -- relative to the job's working directory
  size        INTEGER NOT NULL,
  sha256      TEXT    NOT NULL,
  stored_path TEXT    NOT NULL,                     -- relative to the data directory
  UNIQUE (job_id, path)
) STRICT;

-- Secret values, encrypted (AES-256-GCM). key_id names the key that protects them: the desktop
-- app's key is wrapped by the OS keychain (Electron safeStorage), the CLI's lives in a 0600 file.
CREATE TABLE secrets (
  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  name       TEXT    NOT NULL,
  key_id     TEXT    NOT NULL,
  iv         BLOB    NOT NULL,
  tag        BLOB    NOT NULL,
  ciphertext BLOB    NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (project_id, name, key_id)
) STRICT;
