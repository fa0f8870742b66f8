-- 002: the entity layer — knowledge base, mentions, stated roles, discovery candidates.

CREATE TABLE entities (
    entity_id                 VARCHAR PRIMARY KEY,      -- our slug: loc:iq, org:kataib-hezbollah, per:…
    entity_type               VARCHAR NOT NULL CHECK (entity_type IN ('PERSON', 'ORG', 'LOC')),
    subtype                   VARCHAR,
    name_ar                   VARCHAR NOT NULL,
    name_en                   VARCHAR NOT NULL,
    country_code              VARCHAR,                  -- ISO 3166-1 alpha-2
    lat                       DOUBLE,
    lon                       DOUBLE,
    parent_id                 VARCHAR                   -- → entities (city → province → country …)
);

CREATE TABLE entity_aliases (
    entity_id                 VARCHAR NOT NULL,         -- → entities
    alias                     VARCHAR NOT NULL,
    lang                      VARCHAR NOT NULL,         -- ar | en
    normalized                VARCHAR NOT NULL,         -- matching key (pipeline.text.normalize.normalize_key)
    is_primary                BOOLEAN NOT NULL,
    PRIMARY KEY (entity_id, alias)
);

CREATE TABLE entity_known_roles (
    entity_id                 VARCHAR NOT NULL,         -- → entities (PERSON)
    role_title_ar             VARCHAR,
    role_title_en             VARCHAR NOT NULL,
    org_entity_id             VARCHAR,                  -- → entities
    start_year                INTEGER,
    end_year                  INTEGER,
    PRIMARY KEY (entity_id, role_title_en, start_year)
);

CREATE TABLE entity_mentions (
    mention_id                VARCHAR PRIMARY KEY,      -- {doc_id}:m{index}
    doc_id                    VARCHAR NOT NULL,         -- → documents
    sentence_id               VARCHAR,                  -- → sentences
    entity_id                 VARCHAR,                  -- → entities; NULL when not in the knowledge base
    entity_type               VARCHAR NOT NULL,
    subtype                   VARCHAR,
    surface                   VARCHAR NOT NULL,         -- = clean_text[start_char:end_char]
    normalized                VARCHAR NOT NULL,
    start_char                INTEGER NOT NULL,
    end_char                  INTEGER NOT NULL,
    raw_start                 INTEGER NOT NULL,         -- into raw_text
    raw_end                   INTEGER NOT NULL,
    method                    VARCHAR NOT NULL,         -- dictionary | fuzzy | coref | pattern | latin
    confidence                DOUBLE NOT NULL
);

CREATE TABLE entity_roles (
    role_id                   VARCHAR PRIMARY KEY,      -- {doc_id}:role{index}
    doc_id                    VARCHAR NOT NULL,
    mention_id                VARCHAR NOT NULL,         -- → entity_mentions (the person)
    entity_id                 VARCHAR,                  -- the person's entity when linked
    role_title                VARCHAR NOT NULL,
    affiliation_entity_id     VARCHAR,                  -- → entities
    affiliation_surface       VARCHAR,
    start_char                INTEGER NOT NULL,
    end_char                  INTEGER NOT NULL,
    raw_start                 INTEGER NOT NULL,
    raw_end                   INTEGER NOT NULL,
    surface                   VARCHAR NOT NULL
);

-- rebuilt from entity_mentions on every publish
CREATE TABLE entity_candidates (
    normalized_name           VARCHAR NOT NULL,
    type_guess                VARCHAR NOT NULL,
    doc_count                 INTEGER NOT NULL,
    mention_count             INTEGER NOT NULL,
    surfaces                  VARCHAR[],
    example_sentences         VARCHAR[],
    first_seen                TIMESTAMP,
    last_seen                 TIMESTAMP,
    PRIMARY KEY (normalized_name, type_guess)
);
