-- Join review (issue 7): two reviewers deciding one application at once must not both win. A
-- decision names the version it read; the loser gets 409 stale_version instead of overwriting.
ALTER TABLE join_applications ADD COLUMN version integer NOT NULL DEFAULT 1;
-- The holding pool's placement queue: pooled members not yet placed, oldest first, per pool.
CREATE INDEX join_applications_unplaced_idx ON join_applications (org_id, created_at)
  WHERE status = 'pooled' AND placed_org_id IS NULL;
