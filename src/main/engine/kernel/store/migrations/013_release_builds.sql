-- 011: releases built once. A release is a version and commit with the files its build produced,
-- captured once from the pipeline run that built them; the files themselves are blobs stored by
-- SHA-256 under the data directory (kernel/blob-store.ts). Deployments say what they shipped: the
-- release's files, or what their own pipeline built ("built at deploy time"), with each checksum.

CREATE TABLE releases (
  id          INTEGER PRIMARY KEY,
  project_id  INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  version     TEXT    NOT NULL,
  commit_sha  TEXT    NOT NULL,
  run_id      INTEGER NOT NULL,   -- the run that built it; no foreign key: the release outlives run retention
  pipeline    TEXT    NOT NULL,
  captured_by TEXT    NOT NULL,
  captured_at INTEGER NOT NULL,
  UNIQUE (project_id, commit_sha)
) STRICT;

CREATE TABLE release_files (
  release_id INTEGER NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
  path       TEXT    NOT NULL,    -- relative to the release directory a deploy gets (COCKPIT_RELEASE_DIR)
  size       INTEGER NOT NULL,
  sha256     TEXT    NOT NULL,    -- names the blob: blobs/sha256/<first two>/<rest>
  PRIMARY KEY (release_id, path)
) STRICT, WITHOUT ROWID;

-- A release is immutable: captured once, never edited (removed only with its project).
CREATE TRIGGER releases_immutable BEFORE UPDATE ON releases
BEGIN
  SELECT RAISE(ABORT, 'a release is immutable');
END;

CREATE TRIGGER release_files_immutable BEFORE UPDATE ON release_files
BEGIN
  SELECT RAISE(ABORT, 'a release is immutable');
END;

-- What a deployment shipped: 'release' (a captured release, release_id) or 'deploy_time' (its own
-- pipeline built it); null while that is not known yet, and for deployments before this migration.
ALTER TABLE deployments ADD COLUMN release_id INTEGER;
ALTER TABLE deployments ADD COLUMN build_source TEXT CHECK (build_source IN ('release', 'deploy_time'));

CREATE TABLE deployment_files (
  deployment_id INTEGER NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
  path          TEXT    NOT NULL,
  size          INTEGER NOT NULL,
  sha256        TEXT    NOT NULL,
  PRIMARY KEY (deployment_id, path)
) STRICT, WITHOUT ROWID;
