-- 008: every fact row has a confidence; analyst views hide low-confidence rows by default.
-- quotes and citations gain `confidence`; quantities gain `scope` (casualty figures: 'incident' for one
-- event's toll, 'cumulative' for war/historical totals, which are never attached to an event mention).
-- The filtered views keep rows with confidence >= the session variable `khabar_min_confidence`
-- (default 0.5; `SET VARIABLE khabar_min_confidence = 0;` shows everything); each has an unfiltered
-- `*_all` twin. Rows with no confidence (published before this migration) are shown. See docs/schema.md.

ALTER TABLE quotes ADD COLUMN confidence DOUBLE;
ALTER TABLE citations ADD COLUMN confidence DOUBLE;
ALTER TABLE quantities ADD COLUMN scope VARCHAR;          -- incident | cumulative (casualty figures only)

DROP VIEW v_event_timeline;
DROP VIEW v_event_reports;
DROP VIEW v_figures_over_time;
DROP VIEW v_figures;
DROP VIEW v_quotes_by_speaker;
DROP VIEW v_citations_by_source;

-- The default threshold (a macro, so every view reads it the same way).
CREATE MACRO khabar_min_confidence() AS coalesce(TRY_CAST(getvariable('khabar_min_confidence') AS DOUBLE), 0.5);

-- Event mentions of active documents with their document context (all confidences).
CREATE VIEW v_event_reports_all AS
SELECT em.event_mention_id, em.event_id, em.doc_id, em.sentence_id, em.event_type, em.cameo_root,
       em.trigger, em.start_char, em.end_char, em.date_value, em.date_start, em.date_end, em.date_precision,
       em.location_entity_id, loc.name_ar AS location_ar, loc.name_en AS location_en,
       em.actor_entity_id, act.name_ar AS actor_ar, act.name_en AS actor_en, em.actor_surface,
       em.target_entity_id, tgt.name_ar AS target_ar, tgt.name_en AS target_en, em.target_surface,
       em.killed, em.injured, em.confidence,
       d.title, d.publisher, d.published_at, CAST(d.published_at AS DATE) AS published_date,
       s.text AS sentence_text
FROM event_mentions em
JOIN documents d ON d.doc_id = em.doc_id AND d.status = 'active'
LEFT JOIN sentences s ON s.sentence_id = em.sentence_id
LEFT JOIN entities loc ON loc.entity_id = em.location_entity_id
LEFT JOIN entities act ON act.entity_id = em.actor_entity_id
LEFT JOIN entities tgt ON tgt.entity_id = em.target_entity_id;

-- Event mentions at or above the confidence threshold.
CREATE VIEW v_event_reports AS
SELECT * FROM v_event_reports_all WHERE coalesce(confidence, 1) >= khabar_min_confidence();

-- Timeline of clustered events (reports at or above the threshold; `v_event_timeline_all`: every report).
CREATE VIEW v_event_timeline_all AS
SELECT ev.event_id, ev.date_start, ev.date_end, ev.date_precision, ev.event_type, ev.cameo_root,
       ev.location_entity_id, loc.name_ar AS location_ar, loc.name_en AS location_en,
       ev.actor_entity_id, act.name_ar AS actor_ar, act.name_en AS actor_en,
       ev.target_entity_id, tgt.name_ar AS target_ar, tgt.name_en AS target_en,
       list(DISTINCT r.actor_surface ORDER BY r.actor_surface) FILTER (WHERE r.actor_surface IS NOT NULL) AS actor_surfaces,
       list(DISTINCT r.target_surface ORDER BY r.target_surface) FILTER (WHERE r.target_surface IS NOT NULL) AS target_surfaces,
       ev.killed, ev.injured,
       count(*) AS n_reports, count(DISTINCT r.doc_id) AS n_documents,
       list(DISTINCT r.publisher ORDER BY r.publisher) FILTER (WHERE r.publisher IS NOT NULL) AS publishers,
       list(DISTINCT r.doc_id ORDER BY r.doc_id) AS doc_ids,
       min(r.published_at) AS first_reported_at, max(r.confidence) AS confidence
FROM events ev
JOIN v_event_reports_all r ON r.event_id = ev.event_id
LEFT JOIN entities loc ON loc.entity_id = ev.location_entity_id
LEFT JOIN entities act ON act.entity_id = ev.actor_entity_id
LEFT JOIN entities tgt ON tgt.entity_id = ev.target_entity_id
GROUP BY ALL;

CREATE VIEW v_event_timeline AS
SELECT ev.event_id, ev.date_start, ev.date_end, ev.date_precision, ev.event_type, ev.cameo_root,
       ev.location_entity_id, loc.name_ar AS location_ar, loc.name_en AS location_en,
       ev.actor_entity_id, act.name_ar AS actor_ar, act.name_en AS actor_en,
       ev.target_entity_id, tgt.name_ar AS target_ar, tgt.name_en AS target_en,
       list(DISTINCT r.actor_surface ORDER BY r.actor_surface) FILTER (WHERE r.actor_surface IS NOT NULL) AS actor_surfaces,
       list(DISTINCT r.target_surface ORDER BY r.target_surface) FILTER (WHERE r.target_surface IS NOT NULL) AS target_surfaces,
       ev.killed, ev.injured,
       count(*) AS n_reports, count(DISTINCT r.doc_id) AS n_documents,
       list(DISTINCT r.publisher ORDER BY r.publisher) FILTER (WHERE r.publisher IS NOT NULL) AS publishers,
       list(DISTINCT r.doc_id ORDER BY r.doc_id) AS doc_ids,
       min(r.published_at) AS first_reported_at, max(r.confidence) AS confidence
FROM events ev
JOIN v_event_reports r ON r.event_id = ev.event_id
LEFT JOIN entities loc ON loc.entity_id = ev.location_entity_id
LEFT JOIN entities act ON act.entity_id = ev.actor_entity_id
LEFT JOIN entities tgt ON tgt.entity_id = ev.target_entity_id
GROUP BY ALL;

-- Every figure (quantity) with category, scope, place, actor, date and its source document and sentence.
CREATE VIEW v_figures_all AS
SELECT q.quantity_id, q.doc_id, q.sentence_id, q.category, q.value, q.value_min, q.value_max,
       q.qualifier, q.vague, q.unit, q.currency, q.surface, q.start_char, q.end_char,
       q.location_entity_id, loc.name_ar AS location_ar, loc.name_en AS location_en,
       q.actor_entity_id, act.name_ar AS actor_ar, act.name_en AS actor_en, q.confidence,
       d.title, d.publisher, d.published_at, CAST(d.published_at AS DATE) AS published_date,
       s.text AS sentence_text, q.scope
FROM quantities q
JOIN documents d ON d.doc_id = q.doc_id AND d.status = 'active'
LEFT JOIN sentences s ON s.sentence_id = q.sentence_id
LEFT JOIN entities loc ON loc.entity_id = q.location_entity_id
LEFT JOIN entities act ON act.entity_id = q.actor_entity_id;

CREATE VIEW v_figures AS
SELECT * FROM v_figures_all WHERE coalesce(confidence, 1) >= khabar_min_confidence();

-- Figures aggregated per category, place, actor and publication date (figures at or above the threshold).
CREATE VIEW v_figures_over_time AS
SELECT category, location_entity_id, any_value(location_en) AS location_en,
       actor_entity_id, any_value(actor_en) AS actor_en, unit, published_date,
       count(*) AS n_reports, count(DISTINCT doc_id) AS n_documents,
       min(coalesce(value, value_min)) AS min_value, max(coalesce(value, value_max)) AS max_value,
       list(DISTINCT doc_id ORDER BY doc_id) AS doc_ids,
       list(DISTINCT publisher ORDER BY publisher) FILTER (WHERE publisher IS NOT NULL) AS publishers
FROM v_figures
GROUP BY category, location_entity_id, actor_entity_id, unit, published_date;

-- Quotes with their speaker (the linked entity, else the speaker phrase, else the speaker kind).
CREATE VIEW v_quotes_by_speaker_all AS
SELECT coalesce(sp.name_ar, q.speaker_surface, '(' || coalesce(q.speaker_kind, 'unknown') || ')') AS speaker,
       q.speaker_entity_id, sp.name_en AS speaker_en, q.speaker_surface, q.speaker_kind, q.reporting_verb,
       q.quote_id, q.doc_id, q.sentence_id, q.quote_text, q.start_char, q.end_char,
       d.title, d.publisher, d.published_at, CAST(d.published_at AS DATE) AS published_date, q.confidence
FROM quotes q
JOIN documents d ON d.doc_id = q.doc_id AND d.status = 'active'
LEFT JOIN entities sp ON sp.entity_id = q.speaker_entity_id;

CREATE VIEW v_quotes_by_speaker AS
SELECT * FROM v_quotes_by_speaker_all WHERE coalesce(confidence, 1) >= khabar_min_confidence();

-- Attributions ("according to …") with their cited source.
CREATE VIEW v_citations_by_source_all AS
SELECT coalesce(src.name_ar, c.source_surface, '(' || c.source_kind || ')') AS source,
       c.source_entity_id, src.name_en AS source_en, c.source_surface, c.source_kind, c.role, c.cue,
       c.citation_id, c.doc_id, c.sentence_id, c.surface, c.start_char, c.end_char,
       d.title, d.publisher, d.published_at, CAST(d.published_at AS DATE) AS published_date,
       s.text AS sentence_text, c.confidence
FROM citations c
JOIN documents d ON d.doc_id = c.doc_id AND d.status = 'active'
LEFT JOIN sentences s ON s.sentence_id = c.sentence_id
LEFT JOIN entities src ON src.entity_id = c.source_entity_id;

CREATE VIEW v_citations_by_source AS
SELECT * FROM v_citations_by_source_all WHERE coalesce(confidence, 1) >= khabar_min_confidence();
