-- 008: processes are known by more than their pid, which the OS reuses. owner_start / pgid_start hold
-- "<boot id>/<start time>" of the process that owns a run or a deployment (and so the deploy lock),
-- and of a job's process-group leader: recovery signals a group only when its leader is provably the
-- one the cockpit started, and an owner whose pid now belongs to another process is gone.
ALTER TABLE runs ADD COLUMN owner_start TEXT;
ALTER TABLE deployments ADD COLUMN owner_start TEXT;
ALTER TABLE attempts ADD COLUMN pgid_start TEXT;
