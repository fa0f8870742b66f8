-- 007: a feed's publication time that cannot be right (before 1900, or in the future) is not
-- used; the record is published without it and flagged here (published_at_raw keeps the value).
ALTER TABLE document_sources ADD COLUMN published_at_flag VARCHAR;   -- before_1900 | in_future | NULL
