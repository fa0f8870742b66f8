-- 005: analyst views. Every view reads only documents with status = 'active' (removed documents
-- keep their rows in the tables but disappear from every view). Views hold no data: they always
-- reflect the last publish. Documented in docs/schema.md ("Views"); worked questions in docs/queries.md.

-- Active documents with their publication date and per-document fact counts.
CREATE VIEW v_documents AS
SELECT d.doc_id, d.external_id, d.title, d.publisher, d.author, d.url, d.published_at,
       CAST(d.published_at AS DATE) AS published_date, d.published_at_source, d.source_uri,
       d.n_sentences,
       (SELECT count(*) FROM entity_mentions m WHERE m.doc_id = d.doc_id) AS n_mentions,
       (SELECT count(*) FROM quantities q WHERE q.doc_id = d.doc_id) AS n_figures,
       (SELECT count(*) FROM event_mentions e WHERE e.doc_id = d.doc_id) AS n_event_mentions,
       (SELECT count(*) FROM quotes qu WHERE qu.doc_id = d.doc_id) AS n_quotes,
       (SELECT count(*) FROM citations c WHERE c.doc_id = d.doc_id) AS n_citations
FROM documents d
WHERE d.status = 'active';

-- One row per entity mention, with its entity, document, publisher, date and sentence text.
CREATE VIEW v_mentions AS
SELECT m.mention_id, m.doc_id, m.sentence_id, m.entity_id,
       coalesce(e.entity_type, m.entity_type) AS entity_type,
       coalesce(e.subtype, m.subtype) AS subtype,
       coalesce(e.name_ar, m.surface) AS name_ar, e.name_en,
       m.surface, m.normalized, m.start_char, m.end_char, m.method, m.confidence,
       d.title, d.publisher, d.published_at, CAST(d.published_at AS DATE) AS published_date,
       s.text AS sentence_text
FROM entity_mentions m
JOIN documents d ON d.doc_id = m.doc_id AND d.status = 'active'
LEFT JOIN entities e ON e.entity_id = m.entity_id
LEFT JOIN sentences s ON s.sentence_id = m.sentence_id;

-- Per knowledge-base entity: how many documents and mentions, by how many publishers, first/last seen.
CREATE VIEW v_entity_summary AS
SELECT m.entity_id, any_value(m.entity_type) AS entity_type, any_value(m.subtype) AS subtype,
       any_value(m.name_ar) AS name_ar, any_value(m.name_en) AS name_en,
       count(DISTINCT m.doc_id) AS n_documents, count(*) AS n_mentions,
       count(DISTINCT m.publisher) AS n_publishers,
       min(m.published_at) AS first_seen, max(m.published_at) AS last_seen,
       list(DISTINCT m.surface ORDER BY m.surface) AS surfaces
FROM v_mentions m
WHERE m.entity_id IS NOT NULL
GROUP BY m.entity_id;

-- Distinct linked entities per sentence (the unit of sentence co-occurrence).
CREATE VIEW v_sentence_entities AS
SELECT DISTINCT m.doc_id, m.sentence_id, m.entity_id, m.name_ar, m.name_en, m.published_at
FROM v_mentions m
WHERE m.entity_id IS NOT NULL AND m.sentence_id IS NOT NULL;

-- Pairs of linked entities named in the same sentence (entity_a < entity_b), with counts.
CREATE VIEW v_cooccurrence_sentence AS
SELECT a.entity_id AS entity_a, any_value(a.name_ar) AS name_a_ar, any_value(a.name_en) AS name_a_en,
       b.entity_id AS entity_b, any_value(b.name_ar) AS name_b_ar, any_value(b.name_en) AS name_b_en,
       count(*) AS n_sentences, count(DISTINCT a.doc_id) AS n_documents,
       min(a.published_at) AS first_seen, max(a.published_at) AS last_seen,
       min(a.sentence_id) AS example_sentence_id
FROM v_sentence_entities a
JOIN v_sentence_entities b ON a.sentence_id = b.sentence_id AND a.entity_id < b.entity_id
GROUP BY a.entity_id, b.entity_id;

-- Pairs of linked entities named in the same document (entity_a < entity_b), with counts.
CREATE VIEW v_cooccurrence_document AS
WITH de AS (
    SELECT m.doc_id, m.entity_id, any_value(m.name_ar) AS name_ar, any_value(m.name_en) AS name_en,
           count(*) AS n_mentions, any_value(m.published_at) AS published_at
    FROM v_mentions m
    WHERE m.entity_id IS NOT NULL
    GROUP BY m.doc_id, m.entity_id
)
SELECT a.entity_id AS entity_a, any_value(a.name_ar) AS name_a_ar, any_value(a.name_en) AS name_a_en,
       b.entity_id AS entity_b, any_value(b.name_ar) AS name_b_ar, any_value(b.name_en) AS name_b_en,
       count(*) AS n_documents, sum(least(a.n_mentions, b.n_mentions)) AS n_mention_pairs_min,
       min(a.published_at) AS first_seen, max(a.published_at) AS last_seen,
       list(a.doc_id ORDER BY a.doc_id) AS doc_ids
FROM de a
JOIN de b ON a.doc_id = b.doc_id AND a.entity_id < b.entity_id
GROUP BY a.entity_id, b.entity_id;

-- Event mentions of active documents with their document context.
CREATE VIEW v_event_reports AS
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

-- Timeline of clustered events: date, precision, type, place, actors, number of reports, sources.
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
       min(r.published_at) AS first_reported_at
FROM events ev
JOIN v_event_reports r ON r.event_id = ev.event_id
LEFT JOIN entities loc ON loc.entity_id = ev.location_entity_id
LEFT JOIN entities act ON act.entity_id = ev.actor_entity_id
LEFT JOIN entities tgt ON tgt.entity_id = ev.target_entity_id
GROUP BY ALL;

-- Every figure (quantity) with category, place, actor, date and its source document and sentence.
CREATE VIEW v_figures AS
SELECT q.quantity_id, q.doc_id, q.sentence_id, q.category, q.value, q.value_min, q.value_max,
       q.qualifier, q.vague, q.unit, q.currency, q.surface, q.start_char, q.end_char,
       q.location_entity_id, loc.name_ar AS location_ar, loc.name_en AS location_en,
       q.actor_entity_id, act.name_ar AS actor_ar, act.name_en AS actor_en, q.confidence,
       d.title, d.publisher, d.published_at, CAST(d.published_at AS DATE) AS published_date,
       s.text AS sentence_text
FROM quantities q
JOIN documents d ON d.doc_id = q.doc_id AND d.status = 'active'
LEFT JOIN sentences s ON s.sentence_id = q.sentence_id
LEFT JOIN entities loc ON loc.entity_id = q.location_entity_id
LEFT JOIN entities act ON act.entity_id = q.actor_entity_id;

-- Figures aggregated per category, place, actor and publication date (a figure over time).
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
CREATE VIEW v_quotes_by_speaker AS
SELECT coalesce(sp.name_ar, q.speaker_surface, '(' || coalesce(q.speaker_kind, 'unknown') || ')') AS speaker,
       q.speaker_entity_id, sp.name_en AS speaker_en, q.speaker_surface, q.speaker_kind, q.reporting_verb,
       q.quote_id, q.doc_id, q.sentence_id, q.quote_text, q.start_char, q.end_char,
       d.title, d.publisher, d.published_at, CAST(d.published_at AS DATE) AS published_date
FROM quotes q
JOIN documents d ON d.doc_id = q.doc_id AND d.status = 'active'
LEFT JOIN entities sp ON sp.entity_id = q.speaker_entity_id;

-- Attributions ("according to …") with their cited source.
CREATE VIEW v_citations_by_source AS
SELECT coalesce(src.name_ar, c.source_surface, '(' || c.source_kind || ')') AS source,
       c.source_entity_id, src.name_en AS source_en, c.source_surface, c.source_kind, c.role, c.cue,
       c.citation_id, c.doc_id, c.sentence_id, c.surface, c.start_char, c.end_char,
       d.title, d.publisher, d.published_at, CAST(d.published_at AS DATE) AS published_date,
       s.text AS sentence_text
FROM citations c
JOIN documents d ON d.doc_id = c.doc_id AND d.status = 'active'
LEFT JOIN sentences s ON s.sentence_id = c.sentence_id
LEFT JOIN entities src ON src.entity_id = c.source_entity_id;
