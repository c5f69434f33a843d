-- Continuous delivery (cockpit.yml `auto_deploy:` / `auto_promote:` on an environment).
-- auto_deploy_pauses: an environment whose automatic deploys someone paused from the board.
-- auto_deploy_actions: each commit deployed or promoted automatically, once per environment.
-- auto_deploy_status: what the rule is doing now (waiting on a gate, blocked…), shown on the board.

CREATE TABLE auto_deploy_pauses (
  project_id  INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  environment TEXT    NOT NULL,
  paused_by   TEXT    NOT NULL,
  paused_at   INTEGER NOT NULL,
  PRIMARY KEY (project_id, environment)
) STRICT;

CREATE TABLE auto_deploy_actions (
  project_id    INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  environment   TEXT    NOT NULL,
  commit_sha    TEXT    NOT NULL,
  rule          TEXT    NOT NULL,   -- environments.<name>.auto_deploy or .auto_promote
  deployment_id INTEGER,
  created_at    INTEGER NOT NULL,
  PRIMARY KEY (project_id, environment, commit_sha)
) STRICT;

CREATE TABLE auto_deploy_status (
  project_id  INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  environment TEXT    NOT NULL,
  state       TEXT    NOT NULL,     -- waiting | blocked | deployed | idle
  message     TEXT    NOT NULL,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (project_id, environment)
) STRICT;
