-- 009: state for refreshes that cost what the batch changed (plain tables: no keys or indexes,
-- so that the same schema works on storage without them, e.g. DuckLake).

-- Full-text search postings, maintained per batch (delete-then-insert of changed documents).
-- A term is the Snowball-Arabic stem (fts extension's stem(word, 'arabic')) of a lower-cased
-- token of title || ' ' || clean_text, tokens being runs of letters/digits. Only active documents.
CREATE TABLE search_postings (
    doc_id                    VARCHAR NOT NULL,         -- → documents
    term                      VARCHAR NOT NULL,         -- stem
    tf                        INTEGER NOT NULL          -- occurrences of the stem in the document
);

-- Per-document length for BM25 (number of tokens); global statistics are aggregates of it.
CREATE TABLE search_documents (
    doc_id                    VARCHAR NOT NULL,         -- → documents (active only)
    n_terms                   INTEGER NOT NULL
);

-- Blocks of event mentions last clustered (see pipeline/extract/event_clusters.py): a refresh
-- re-clusters only the blocks its documents touch. One row per clustered (active) mention.
CREATE TABLE event_blocks (
    event_mention_id          VARCHAR NOT NULL,         -- → event_mentions
    doc_id                    VARCHAR NOT NULL,
    block_id                  VARCHAR NOT NULL,         -- smallest event_mention_id of the block
    event_id                  VARCHAR NOT NULL          -- → events
);

-- Which candidate keys each active document contributes to entity_candidates.
CREATE TABLE entity_candidate_keys (
    doc_id                    VARCHAR NOT NULL,
    normalized_name           VARCHAR NOT NULL,
    type_guess                VARCHAR NOT NULL
);

-- The full-text index of the fts extension (rebuilt whole on every publish until now) is replaced by
-- search_postings / search_documents.
DROP SCHEMA IF EXISTS fts_main_documents CASCADE;
