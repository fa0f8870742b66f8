-- 006: an event mention's date points to the time expression it came from.
ALTER TABLE event_mentions ADD COLUMN timex_id VARCHAR;   -- → time_expressions
