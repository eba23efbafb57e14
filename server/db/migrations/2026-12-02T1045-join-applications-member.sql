-- A member's 变更记录 shows the join applications that made them: found by member, not by a scan.
CREATE INDEX join_applications_member_idx ON join_applications (member_id) WHERE member_id IS NOT NULL;
