-- 003: remote environments — their monitoring state, every check result, rollups for long ranges,
-- incidents, versions seen (observed deployments), and the cockpit's own up-time (gaps = no data).

CREATE TABLE environments (
  id               INTEGER PRIMARY KEY,
  project_id       INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  name             TEXT    NOT NULL,
  paused           INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
  state            TEXT    NOT NULL DEFAULT 'unknown' CHECK (state IN ('up', 'degraded', 'down', 'unknown')),
  cause            TEXT,              -- e.g. 'db' when down because a dependency is down
  failures         INTEGER NOT NULL DEFAULT 0,   -- consecutive failed checks
  notified_state   TEXT,              -- the last state an alert was raised for (not re-raised after a restart)
  last_checked_at  INTEGER,
  last_version     TEXT,
  last_response    TEXT,              -- JSON: status, headers, first KB of body
  -- Set when cockpit.yml stops listing it (a branch without it, a rename, a half-saved file): its
  -- history is kept, and comes back with it; purged a year after retirement.
  retired_at       INTEGER,
  UNIQUE (project_id, name)
) STRICT;

-- AUTOINCREMENT: ids are never reused, so "every id up to the rollup mark is rolled up" stays true
-- even after rows are deleted.
CREATE TABLE check_results (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  environment_id INTEGER NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
  at             INTEGER NOT NULL,    -- ms since epoch
  state          TEXT    NOT NULL CHECK (state IN ('up', 'degraded', 'down')),
  status_code    INTEGER,
  latency_ms     REAL,
  error_class    TEXT,
  error          TEXT,
  version        TEXT,
  cert_expires_at INTEGER,
  in_maintenance INTEGER NOT NULL DEFAULT 0 CHECK (in_maintenance IN (0, 1))
) STRICT;

CREATE INDEX check_results_by_environment ON check_results (environment_id, at);
CREATE INDEX check_results_by_time ON check_results (at);

-- Rollups: one row per environment per minute (kept 14 days) and per hour (kept a year).
-- latency_buckets: JSON array of counts over fixed latency bucket bounds (see environments/rollups.ts),
-- so percentiles over any range come from summing buckets.
CREATE TABLE rollups (
  environment_id INTEGER NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
  resolution     TEXT    NOT NULL CHECK (resolution IN ('minute', 'hour')),
  bucket_start   INTEGER NOT NULL,
  checks         INTEGER NOT NULL,
  up             INTEGER NOT NULL,
  degraded       INTEGER NOT NULL,
  down           INTEGER NOT NULL,
  maintenance    INTEGER NOT NULL,
  latency_sum    REAL    NOT NULL,
  latency_max    REAL    NOT NULL,
  latency_buckets TEXT   NOT NULL,
  PRIMARY KEY (environment_id, resolution, bucket_start)
) STRICT;

-- How far the rollups have got: every check_results row with id <= last_rolled_id is counted in them.
CREATE TABLE environment_rollup_progress (
  id             INTEGER PRIMARY KEY CHECK (id = 1),
  last_rolled_id INTEGER NOT NULL
) STRICT;
INSERT INTO environment_rollup_progress (id, last_rolled_id) VALUES (1, 0);

CREATE TABLE incidents (
  id               INTEGER PRIMARY KEY,
  environment_id   INTEGER NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
  opened_at        INTEGER NOT NULL,
  closed_at        INTEGER,
  first_error      TEXT    NOT NULL,
  error_class      TEXT,
  acknowledged_by  TEXT,
  acknowledged_at  INTEGER
) STRICT;

CREATE INDEX incidents_by_environment ON incidents (environment_id, opened_at DESC);
CREATE INDEX incidents_open ON incidents (environment_id) WHERE closed_at IS NULL;

CREATE TABLE observed_deployments (
  id               INTEGER PRIMARY KEY,
  environment_id   INTEGER NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
  version          TEXT    NOT NULL,
  previous_version TEXT,
  seen_at          INTEGER NOT NULL
) STRICT;

CREATE INDEX observed_deployments_by_environment ON observed_deployments (environment_id, seen_at DESC);

-- When the monitor was running: a session starts with the scheduler and its heartbeat moves on while
-- it runs. Time outside every session is a gap ("no data"), never up or down.
CREATE TABLE monitor_sessions (
  id         INTEGER PRIMARY KEY,
  started_at INTEGER NOT NULL,
  beat_at    INTEGER NOT NULL,
  pid        INTEGER NOT NULL
) STRICT;
