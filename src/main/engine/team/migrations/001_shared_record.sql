-- 001: the shared release record of a team. Run by the schema owner (`cockpit team migrate`) inside
-- one transaction with its schema_migrations row. The server is the authority: who did something is
-- always session_user (the login role), four eyes is checked by a trigger and row-level security,
-- locks are lease rows changed only through functions, and the audit log is an append-only hash chain.
-- Members are the roles granted `cockpit_member`; approvers of an environment are roles or groups
-- named in environment_approvers.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cockpit_member') THEN
    CREATE ROLE cockpit_member NOLOGIN;
  END IF;
END $$;

-- Actor columns: on insert they must be the login role (the default); on update they never change,
-- except where each write is a new observation by whoever writes it ('each-write').
CREATE FUNCTION cockpit.stamp_actor() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.actor IS DISTINCT FROM session_user::text THEN
      RAISE EXCEPTION 'actor must be the connected role "%", not "%"', session_user, NEW.actor
        USING ERRCODE = 'insufficient_privilege';
    END IF;
  ELSIF TG_NARGS > 0 AND TG_ARGV[0] = 'each-write' THEN
    NEW.actor := session_user::text;
  ELSIF NEW.actor IS DISTINCT FROM OLD.actor THEN
    RAISE EXCEPTION 'the actor of a recorded row cannot change (was "%")', OLD.actor
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;

-- Small notifications for live boards: the table and operation, never rows (NOTIFY payloads < 8 kB).
CREATE FUNCTION cockpit.notify_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
  PERFORM pg_notify('cockpit_changes', TG_TABLE_NAME || ':' || lower(TG_OP));
  RETURN NULL;
END $$;

-- Policy pinned by the maintainers: which roles or groups approve deploys to an environment.
CREATE TABLE cockpit.environment_approvers (
  project text NOT NULL CHECK (project <> ''),
  environment text NOT NULL CHECK (environment <> ''),
  approver_role text NOT NULL CHECK (approver_role <> ''),
  PRIMARY KEY (project, environment, approver_role)
);

CREATE FUNCTION cockpit.may_approve(p_project text, p_environment text) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog AS $$
  SELECT EXISTS (
    SELECT 1
    FROM cockpit.environment_approvers a
    JOIN pg_roles r ON r.rolname = a.approver_role
    WHERE a.project = p_project AND a.environment = p_environment
      AND pg_has_role(session_user, r.oid, 'MEMBER')
  )
$$;

CREATE TABLE cockpit.deployments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project text NOT NULL CHECK (project <> ''),
  environment text NOT NULL CHECK (environment <> ''),
  kind text NOT NULL DEFAULT 'deploy' CHECK (kind IN ('deploy', 'promote', 'rollback')),
  version text NOT NULL CHECK (version <> ''),
  previous_version text,
  commit_sha text,
  request jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'requested'
    CHECK (status IN ('requested', 'running', 'succeeded', 'failed', 'cancelled', 'refused')),
  actor text NOT NULL DEFAULT session_user,
  requested_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX deployments_by_environment ON cockpit.deployments (project, environment, id DESC);

CREATE TABLE cockpit.approvals (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  deployment_id bigint NOT NULL REFERENCES cockpit.deployments (id),
  decision text NOT NULL DEFAULT 'approve' CHECK (decision IN ('approve', 'reject')),
  comment text,
  actor text NOT NULL DEFAULT session_user,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (deployment_id, actor)
);

-- Four eyes, for every role including the owner (row-level security does not bind the owner): the
-- requester cannot approve, and only an approver of the deployment's environment can.
CREATE FUNCTION cockpit.check_four_eyes() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
DECLARE
  d record;
BEGIN
  SELECT actor, project, environment INTO d FROM cockpit.deployments WHERE id = NEW.deployment_id;
  IF NOT FOUND THEN
    RETURN NEW; -- the foreign key reports the missing deployment
  END IF;
  IF d.actor = NEW.actor THEN
    RAISE EXCEPTION 'four eyes: "%" requested deployment % and cannot approve it', NEW.actor, NEW.deployment_id
      USING ERRCODE = 'check_violation';
  END IF;
  IF NOT cockpit.may_approve(d.project, d.environment) THEN
    RAISE EXCEPTION '"%" is not an approver of %/% (approvers: %)', session_user, d.project, d.environment,
      coalesce((SELECT string_agg(approver_role, ', ' ORDER BY approver_role) FROM cockpit.environment_approvers
                WHERE project = d.project AND environment = d.environment), 'none named')
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;

CREATE TABLE cockpit.comments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  deployment_id bigint NOT NULL REFERENCES cockpit.deployments (id),
  body text NOT NULL CHECK (body <> ''),
  actor text NOT NULL DEFAULT session_user,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE cockpit.overrides (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  deployment_id bigint REFERENCES cockpit.deployments (id),
  project text NOT NULL CHECK (project <> ''),
  environment text NOT NULL CHECK (environment <> ''),
  rule text NOT NULL CHECK (rule <> ''),
  reason text NOT NULL CHECK (reason <> ''),
  actor text NOT NULL DEFAULT session_user,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE cockpit.freezes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project text NOT NULL CHECK (project <> ''),
  environment text, -- null: every environment of the project
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  reason text NOT NULL CHECK (reason <> ''),
  actor text NOT NULL DEFAULT session_user,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);

CREATE TABLE cockpit.releases (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project text NOT NULL CHECK (project <> ''),
  version text NOT NULL CHECK (version <> ''),
  commit_sha text,
  notes text,
  actor text NOT NULL DEFAULT session_user,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (project, version)
);

-- The latest observation per environment, whoever made it.
CREATE TABLE cockpit.observations (
  project text NOT NULL CHECK (project <> ''),
  environment text NOT NULL CHECK (environment <> ''),
  status text NOT NULL CHECK (status <> ''),
  version text,
  detail text,
  observed_at timestamptz NOT NULL,
  actor text NOT NULL DEFAULT session_user,
  PRIMARY KEY (project, environment)
);

-- One deploy per environment across the team: a lease row, taken, renewed and given back only through
-- the functions below (as session_user). A holder that stops renewing loses it when the lease ends.
CREATE TABLE cockpit.deploy_locks (
  project text NOT NULL,
  environment text NOT NULL,
  holder text NOT NULL,
  token text NOT NULL CHECK (token <> ''), -- which of the holder's clients (host, process, random)
  deployment_id bigint,
  acquired_at timestamptz NOT NULL,
  heartbeat_at timestamptz NOT NULL,
  lease_until timestamptz NOT NULL,
  PRIMARY KEY (project, environment)
);

CREATE FUNCTION cockpit.acquire_deploy_lock(
  p_project text, p_environment text, p_token text, p_lease_seconds integer, p_deployment_id bigint DEFAULT NULL
) RETURNS TABLE (acquired boolean, holder text, token text, acquired_at timestamptz, lease_until timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
  taken cockpit.deploy_locks;
BEGIN
  IF p_lease_seconds IS NULL OR p_lease_seconds < 1 OR p_lease_seconds > 3600 THEN
    RAISE EXCEPTION 'a lease lasts 1 to 3600 seconds, not %', p_lease_seconds USING ERRCODE = 'invalid_parameter_value';
  END IF;
  INSERT INTO cockpit.deploy_locks AS l
    (project, environment, holder, token, deployment_id, acquired_at, heartbeat_at, lease_until)
  VALUES (p_project, p_environment, session_user, p_token, p_deployment_id,
          clock_timestamp(), clock_timestamp(), clock_timestamp() + make_interval(secs => p_lease_seconds))
  ON CONFLICT (project, environment) DO UPDATE
    SET holder = excluded.holder, token = excluded.token, deployment_id = excluded.deployment_id,
        acquired_at = CASE WHEN l.holder = excluded.holder AND l.token = excluded.token
                           AND l.lease_until >= clock_timestamp() THEN l.acquired_at ELSE excluded.acquired_at END,
        heartbeat_at = excluded.heartbeat_at, lease_until = excluded.lease_until
    WHERE l.lease_until < clock_timestamp() OR (l.holder = excluded.holder AND l.token = excluded.token)
  RETURNING l.* INTO taken;
  IF taken.project IS NOT NULL THEN
    RETURN QUERY SELECT true, taken.holder, taken.token, taken.acquired_at, taken.lease_until;
  ELSE
    RETURN QUERY SELECT false, l.holder, NULL::text, l.acquired_at, l.lease_until
      FROM cockpit.deploy_locks l WHERE l.project = p_project AND l.environment = p_environment;
  END IF;
END $$;

CREATE FUNCTION cockpit.heartbeat_deploy_lock(
  p_project text, p_environment text, p_token text, p_lease_seconds integer
) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
  IF p_lease_seconds IS NULL OR p_lease_seconds < 1 OR p_lease_seconds > 3600 THEN
    RAISE EXCEPTION 'a lease lasts 1 to 3600 seconds, not %', p_lease_seconds USING ERRCODE = 'invalid_parameter_value';
  END IF;
  UPDATE cockpit.deploy_locks
     SET heartbeat_at = clock_timestamp(), lease_until = clock_timestamp() + make_interval(secs => p_lease_seconds)
   WHERE project = p_project AND environment = p_environment
     AND holder = session_user AND token = p_token AND lease_until >= clock_timestamp();
  RETURN FOUND;
END $$;

CREATE FUNCTION cockpit.release_deploy_lock(p_project text, p_environment text, p_token text) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
  DELETE FROM cockpit.deploy_locks
   WHERE project = p_project AND environment = p_environment AND holder = session_user AND token = p_token;
  RETURN FOUND;
END $$;

-- The audit log: every entry's hash covers its fields and the previous entry's hash. Entries are
-- numbered and chained under one transaction-scoped advisory lock, so concurrent writers line up.
CREATE TABLE cockpit.audit_log (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  actor text NOT NULL DEFAULT session_user,
  action text NOT NULL CHECK (action <> ''),
  project text,
  environment text,
  deployment_id bigint,
  details text CHECK (details IS NULL OR details::jsonb IS NOT NULL),
  prev_hash text NOT NULL,
  hash text NOT NULL
);

-- Each field as "<octets>:<text>", null as "-": no two different entries give the same bytes.
-- team-audit.ts computes the same in TypeScript to verify the chain from any member's machine.
CREATE FUNCTION cockpit.audit_field(value text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
  SELECT CASE WHEN value IS NULL THEN '-' ELSE octet_length(value)::text || ':' || value END
$$;

CREATE FUNCTION cockpit.audit_time(value timestamptz) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
  SELECT to_char(value AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;

CREATE FUNCTION cockpit.audit_chain() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
DECLARE
  last record;
BEGIN
  PERFORM pg_advisory_xact_lock(1668246385, 1); -- 'cock' as int4, 1: the audit chain
  SELECT seq, hash INTO last FROM cockpit.audit_log ORDER BY seq DESC LIMIT 1;
  NEW.seq := coalesce(last.seq, 0) + 1;
  NEW.at := clock_timestamp();
  NEW.prev_hash := coalesce(last.hash, repeat('0', 64));
  NEW.hash := encode(sha256(convert_to(
    cockpit.audit_field(NEW.seq::text) || cockpit.audit_field(cockpit.audit_time(NEW.at)) ||
    cockpit.audit_field(NEW.actor) || cockpit.audit_field(NEW.action) ||
    cockpit.audit_field(NEW.project) || cockpit.audit_field(NEW.environment) ||
    cockpit.audit_field(NEW.deployment_id::text) || cockpit.audit_field(NEW.details) ||
    cockpit.audit_field(NEW.prev_hash), 'UTF8')), 'hex');
  RETURN NEW;
END $$;

-- Append-only for everyone but the owner (and superusers): members have no UPDATE/DELETE/TRUNCATE
-- privilege, and this trigger refuses them even if one is granted by mistake.
CREATE FUNCTION cockpit.audit_append_only() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
  IF NOT pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
    RAISE EXCEPTION 'the audit log is append-only: "%" cannot %', session_user, lower(TG_OP)
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER a_actor BEFORE INSERT OR UPDATE ON cockpit.deployments
  FOR EACH ROW EXECUTE FUNCTION cockpit.stamp_actor();
CREATE TRIGGER a_actor BEFORE INSERT OR UPDATE ON cockpit.approvals
  FOR EACH ROW EXECUTE FUNCTION cockpit.stamp_actor();
CREATE TRIGGER b_four_eyes BEFORE INSERT OR UPDATE ON cockpit.approvals
  FOR EACH ROW EXECUTE FUNCTION cockpit.check_four_eyes();
CREATE TRIGGER a_actor BEFORE INSERT OR UPDATE ON cockpit.comments
  FOR EACH ROW EXECUTE FUNCTION cockpit.stamp_actor();
CREATE TRIGGER a_actor BEFORE INSERT OR UPDATE ON cockpit.overrides
  FOR EACH ROW EXECUTE FUNCTION cockpit.stamp_actor();
CREATE TRIGGER a_actor BEFORE INSERT OR UPDATE ON cockpit.freezes
  FOR EACH ROW EXECUTE FUNCTION cockpit.stamp_actor();
CREATE TRIGGER a_actor BEFORE INSERT OR UPDATE ON cockpit.releases
  FOR EACH ROW EXECUTE FUNCTION cockpit.stamp_actor();
CREATE TRIGGER a_actor BEFORE INSERT OR UPDATE ON cockpit.observations
  FOR EACH ROW EXECUTE FUNCTION cockpit.stamp_actor('each-write');
CREATE TRIGGER a_actor BEFORE INSERT ON cockpit.audit_log
  FOR EACH ROW EXECUTE FUNCTION cockpit.stamp_actor();
CREATE TRIGGER b_chain BEFORE INSERT ON cockpit.audit_log
  FOR EACH ROW EXECUTE FUNCTION cockpit.audit_chain();
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON cockpit.audit_log
  FOR EACH ROW EXECUTE FUNCTION cockpit.audit_append_only();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON cockpit.audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION cockpit.audit_append_only();

CREATE TRIGGER notify AFTER INSERT OR UPDATE OR DELETE ON cockpit.deployments
  FOR EACH STATEMENT EXECUTE FUNCTION cockpit.notify_change();
CREATE TRIGGER notify AFTER INSERT OR UPDATE OR DELETE ON cockpit.approvals
  FOR EACH STATEMENT EXECUTE FUNCTION cockpit.notify_change();
CREATE TRIGGER notify AFTER INSERT OR UPDATE OR DELETE ON cockpit.deploy_locks
  FOR EACH STATEMENT EXECUTE FUNCTION cockpit.notify_change();
CREATE TRIGGER notify AFTER INSERT OR UPDATE OR DELETE ON cockpit.freezes
  FOR EACH STATEMENT EXECUTE FUNCTION cockpit.notify_change();
CREATE TRIGGER notify AFTER INSERT OR UPDATE OR DELETE ON cockpit.observations
  FOR EACH STATEMENT EXECUTE FUNCTION cockpit.notify_change();
CREATE TRIGGER notify AFTER INSERT ON cockpit.audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION cockpit.notify_change();

-- Row-level security: anyone in the team reads; writes only as oneself; approvals only where the
-- rules of four eyes hold (the trigger above says why, these policies hold even without it).
ALTER TABLE cockpit.deployments ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_all ON cockpit.deployments FOR SELECT USING (true);
CREATE POLICY request_as_self ON cockpit.deployments FOR INSERT WITH CHECK (actor = session_user);
CREATE POLICY update_own ON cockpit.deployments FOR UPDATE
  USING (actor = session_user) WITH CHECK (actor = session_user);

ALTER TABLE cockpit.approvals ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_all ON cockpit.approvals FOR SELECT USING (true);
CREATE POLICY approve_as_approver ON cockpit.approvals FOR INSERT WITH CHECK (
  actor = session_user
  AND EXISTS (
    SELECT 1 FROM cockpit.deployments d
    WHERE d.id = deployment_id AND d.actor <> session_user AND cockpit.may_approve(d.project, d.environment)
  )
);

-- Privileges: members read everything, insert records, update only what the policies allow.
REVOKE ALL ON ALL TABLES IN SCHEMA cockpit FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA cockpit FROM PUBLIC;
GRANT USAGE ON SCHEMA cockpit TO cockpit_member;
GRANT SELECT ON ALL TABLES IN SCHEMA cockpit TO cockpit_member;
GRANT INSERT ON cockpit.deployments, cockpit.approvals, cockpit.comments, cockpit.overrides, cockpit.freezes,
  cockpit.releases, cockpit.observations, cockpit.audit_log TO cockpit_member;
GRANT UPDATE (status, updated_at, finished_at) ON cockpit.deployments TO cockpit_member;
GRANT UPDATE (status, version, detail, observed_at, actor) ON cockpit.observations TO cockpit_member;
GRANT EXECUTE ON FUNCTION cockpit.stamp_actor(), cockpit.notify_change(), cockpit.may_approve(text, text),
  cockpit.check_four_eyes(), cockpit.audit_field(text), cockpit.audit_time(timestamptz), cockpit.audit_chain(),
  cockpit.audit_append_only(),
  cockpit.acquire_deploy_lock(text, text, text, integer, bigint),
  cockpit.heartbeat_deploy_lock(text, text, text, integer),
  cockpit.release_deploy_lock(text, text, text) TO cockpit_member;
