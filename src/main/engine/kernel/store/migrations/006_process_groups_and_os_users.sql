-- 006: what a crashed cockpit leaves behind can be ended, and who really acted is kept.
-- attempts.pgid: the process group of a running job, so the next start can end it (a killed CLI's
-- jobs would otherwise run on, unseen, next to the deploy that replaces them).
-- actor_os_user / os_user: the operating-system account behind a COCKPIT_USER name, so a requester
-- cannot approve their own deploy under another name.
ALTER TABLE attempts ADD COLUMN pgid INTEGER;
ALTER TABLE deployments ADD COLUMN actor_os_user TEXT;
ALTER TABLE approvals ADD COLUMN os_user TEXT;
