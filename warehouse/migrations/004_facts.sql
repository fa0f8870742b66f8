-- 004: facts — quantities, event mentions clustered into events, quotes, citations.

CREATE TABLE quantities (
    quantity_id               VARCHAR PRIMARY KEY,      -- {doc_id}:q{index}
    doc_id                    VARCHAR NOT NULL,
    sentence_id               VARCHAR,
    surface                   VARCHAR NOT NULL,
    start_char                INTEGER NOT NULL,
    end_char                  INTEGER NOT NULL,
    raw_start                 INTEGER NOT NULL,
    raw_end                   INTEGER NOT NULL,
    value                     DOUBLE,                   -- NULL for vague amounts (عشرات، مئات)
    value_min                 DOUBLE,
    value_max                 DOUBLE,
    qualifier                 VARCHAR,                  -- exact | about | at_least | more_than | fewer_than | at_most | range
    vague                     BOOLEAN NOT NULL,
    category                  VARCHAR NOT NULL,
    unit                      VARCHAR,
    currency                  VARCHAR,                  -- ISO 4217 when category = money
    location_entity_id        VARCHAR,                  -- → entities
    actor_entity_id           VARCHAR,                  -- → entities
    confidence                DOUBLE
);

CREATE TABLE events (
    event_id                  VARCHAR PRIMARY KEY,      -- deterministic hash of the cluster
    event_type                VARCHAR NOT NULL,
    cameo_root                VARCHAR,
    date_start                DATE,
    date_end                  DATE,
    date_precision            VARCHAR,
    location_entity_id        VARCHAR,
    actor_entity_id           VARCHAR,
    target_entity_id          VARCHAR,
    n_mentions                INTEGER NOT NULL,
    n_documents               INTEGER NOT NULL,
    killed                    INTEGER,
    injured                   INTEGER
);

CREATE TABLE event_mentions (
    event_mention_id          VARCHAR PRIMARY KEY,      -- {doc_id}:e{index}
    doc_id                    VARCHAR NOT NULL,
    sentence_id               VARCHAR,
    event_id                  VARCHAR,                  -- → events (set when clustered at publish)
    event_type                VARCHAR NOT NULL,
    cameo_root                VARCHAR,
    trigger                   VARCHAR NOT NULL,         -- = clean_text[start_char:end_char]
    start_char                INTEGER NOT NULL,
    end_char                  INTEGER NOT NULL,
    raw_start                 INTEGER NOT NULL,
    raw_end                   INTEGER NOT NULL,
    date_value                VARCHAR,
    date_start                DATE,
    date_end                  DATE,
    date_precision            VARCHAR,
    location_entity_id        VARCHAR,
    actor_entity_id           VARCHAR,
    target_entity_id          VARCHAR,
    actor_surface             VARCHAR,
    target_surface            VARCHAR,
    killed                    INTEGER,
    injured                   INTEGER,
    confidence                DOUBLE
);

CREATE TABLE quotes (
    quote_id                  VARCHAR PRIMARY KEY,      -- {doc_id}:quote{index}
    doc_id                    VARCHAR NOT NULL,
    sentence_id               VARCHAR,
    quote_text                VARCHAR NOT NULL,         -- = clean_text[start_char:end_char]
    start_char                INTEGER NOT NULL,
    end_char                  INTEGER NOT NULL,
    raw_start                 INTEGER NOT NULL,
    raw_end                   INTEGER NOT NULL,
    speaker_surface           VARCHAR,
    speaker_start             INTEGER,
    speaker_end               INTEGER,
    speaker_entity_id         VARCHAR,                  -- → entities
    speaker_kind              VARCHAR,                  -- named | anonymous | previous | unknown
    reporting_verb            VARCHAR
);

CREATE TABLE citations (
    citation_id               VARCHAR PRIMARY KEY,      -- {doc_id}:c{index}
    doc_id                    VARCHAR NOT NULL,
    sentence_id               VARCHAR,
    surface                   VARCHAR NOT NULL,         -- the whole attribution phrase
    start_char                INTEGER NOT NULL,
    end_char                  INTEGER NOT NULL,
    raw_start                 INTEGER NOT NULL,
    raw_end                   INTEGER NOT NULL,
    cue                       VARCHAR NOT NULL,
    source_surface            VARCHAR,
    source_entity_id          VARCHAR,                  -- → entities
    source_kind               VARCHAR NOT NULL,
    role                      VARCHAR                   -- source | outlet | translated_from | translator
);
