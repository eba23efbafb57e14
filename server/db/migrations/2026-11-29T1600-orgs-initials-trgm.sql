-- Search by 首字母 matches anywhere in the initials ("xfjd" finds 宿城区幸福街道总工会, whose
-- initials are "scqxfjdzgh"), as search by name and by full pinyin already do. A LIKE '%…%'
-- needs a trigram index; the text_pattern_ops btree of the foundation serves prefixes only, and
-- no query asks for a prefix any more.
CREATE INDEX orgs_initials_trgm ON orgs USING gin (name_initials gin_trgm_ops);
DROP INDEX orgs_initials_idx;
