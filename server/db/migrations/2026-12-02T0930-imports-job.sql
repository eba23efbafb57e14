-- The job run that works an import (docs/decisions/0014-spreadsheets.md): an import still queued or
-- running whose run has failed for good, or was cancelled in 后台任务, reads as failed/cancelled, and
-- the console links the two. No foreign key: housekeeping purges old runs, and an import outlives
-- its run (a left join then finds none).
ALTER TABLE imports ADD COLUMN job_id bigint;
CREATE INDEX imports_created_by_idx ON imports (created_by, id);
