-- Two active orgs under the same parent never share a name. The service checks first to give
-- a friendly answer; this index closes the race between two concurrent creates, renames,
-- moves or re-activations. Same rule as the service's check: only active orgs clash, so a
-- deactivated (撤销) org's name may be reused. The root (parent_id NULL) has no siblings.
CREATE UNIQUE INDEX orgs_sibling_name_key ON orgs (parent_id, name) WHERE status = 'active';
