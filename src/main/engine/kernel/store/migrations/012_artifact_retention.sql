-- 011: artifact retention. A project's policy (cockpit.yml `artifacts: { keep_last_runs, keep_released }`)
-- removes the stored files of older runs' artifacts; the rows stay (name, size, checksum are evidence),
-- marked with when and why the file went, so a download can say "removed by retention" instead of failing.
ALTER TABLE artifacts ADD COLUMN pruned_at INTEGER;
ALTER TABLE artifacts ADD COLUMN pruned_reason TEXT;
