-- 001: the first schema — projects and their last known configuration and git facts.

CREATE TABLE projects (
  id              INTEGER PRIMARY KEY,
  name            TEXT    NOT NULL,
  path            TEXT    NOT NULL UNIQUE,
  added_at        INTEGER NOT NULL,              -- ms since epoch
  config_status   TEXT    NOT NULL CHECK (config_status IN ('ok', 'invalid', 'missing')),
  config_problems TEXT    NOT NULL DEFAULT '[]', -- JSON array of {file,line,col,message}
  git_branch      TEXT,
  git_head        TEXT,
  git_dirty       INTEGER CHECK (git_dirty IN (0, 1)),
  is_git_repo     INTEGER NOT NULL DEFAULT 0 CHECK (is_git_repo IN (0, 1)),
  checked_at      INTEGER NOT NULL
) STRICT;

CREATE INDEX projects_by_name ON projects (name COLLATE NOCASE);
