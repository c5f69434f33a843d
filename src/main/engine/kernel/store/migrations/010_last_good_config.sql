-- 008: the last valid cockpit.yml of each project, so monitoring, the board and gates carry on with it
-- while the file has an error (a typo must not blind the cockpit), across restarts.
CREATE TABLE project_last_good_config (
  project_id INTEGER PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
  text       TEXT    NOT NULL,   -- the file's text as it was when valid
  written_at INTEGER NOT NULL,   -- when that text was written (the file's mtime, ms since epoch)
  seen_at    INTEGER NOT NULL    -- when the cockpit first read it as valid
) STRICT;
