-- Search matches the short name too (a 简称 such as 宿城区总工会 of 宿迁市宿城区总工会): a trigram
-- index like the name's, so the OR of the search's conditions stays a bitmap of index scans.
CREATE INDEX orgs_short_name_trgm ON orgs USING gin (short_name gin_trgm_ops);
