-- 007: covering indexes for the insights queries over a window of runs and jobs (pipeline trends read
-- tens of thousands of rows for 90 days of 50 projects).
CREATE INDEX runs_by_finish_covering ON runs (finished_at, project_id, pipeline, status, started_at, git_dirty, git_sha);
CREATE INDEX jobs_by_run_covering ON jobs (run_id, name, position, status, started_at, finished_at);
