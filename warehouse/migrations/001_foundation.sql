-- 001: foundation tables: documents, their sources, segmentation, cleaning trace,
-- quarantine, the input manifest, data-quality results and refresh runs.
-- Foreign keys are proved by asset checks (see docs/schema.md), not declared, so that
-- delete-then-insert reloads of one document never trip DuckDB's eager FK checking.

CREATE TABLE documents (
    doc_id                    VARCHAR PRIMARY KEY,      -- first 16 hex of content_sha256
    external_id               VARCHAR,                  -- file name or feed record id (primary source)
    source_uri                VARCHAR NOT NULL,         -- primary source (lowest URI of all sources)
    source_format             VARCHAR NOT NULL,         -- txt | html | jsonl
    title                     VARCHAR,
    title_source              VARCHAR,                  -- metadata | text
    author                    VARCHAR,
    author_source             VARCHAR,                  -- metadata | text
    publisher                 VARCHAR,
    url                       VARCHAR,
    published_at              TIMESTAMP,                -- publisher's wall-clock time; NULL if unknown
    published_utc_offset_min  INTEGER,                  -- UTC offset of published_at when known
    published_at_source       VARCHAR,                  -- metadata | text | NULL
    language                  VARCHAR NOT NULL,
    arabic_ratio              DOUBLE,
    encoding                  VARCHAR NOT NULL,
    content_sha256            VARCHAR NOT NULL,
    raw_text                  VARCHAR NOT NULL,         -- exactly as decoded, never modified
    clean_text                VARCHAR NOT NULL,
    n_sources                 INTEGER NOT NULL,
    n_paragraphs              INTEGER NOT NULL,
    n_sentences               INTEGER NOT NULL,
    status                    VARCHAR NOT NULL CHECK (status IN ('active', 'removed')),
    pipeline_version          VARCHAR NOT NULL,
    ingested_at               TIMESTAMP NOT NULL,
    updated_at                TIMESTAMP NOT NULL,
    removed_at                TIMESTAMP
);

CREATE TABLE document_sources (
    source_uri                VARCHAR PRIMARY KEY,      -- file:///path or file:///feed.jsonl#record-id
    doc_id                    VARCHAR NOT NULL,         -- → documents
    source_path               VARCHAR NOT NULL,         -- → source_files.path
    source_format             VARCHAR NOT NULL,
    external_id               VARCHAR,
    line_no                   INTEGER,
    encoding                  VARCHAR NOT NULL,
    title                     VARCHAR,
    url                       VARCHAR,
    publisher                 VARCHAR,
    author                    VARCHAR,
    published_at              TIMESTAMP,
    published_utc_offset_min  INTEGER,
    published_at_raw          VARCHAR,
    size_bytes                BIGINT,
    active                    BOOLEAN NOT NULL,
    first_seen_at             TIMESTAMP NOT NULL,
    last_seen_at              TIMESTAMP NOT NULL,
    removed_at                TIMESTAMP
);

CREATE TABLE source_files (
    path                      VARCHAR PRIMARY KEY,
    kind                      VARCHAR,                  -- file | feed
    size_bytes                BIGINT,
    mtime_ns                  BIGINT,
    sha256                    VARCHAR,
    status                    VARCHAR NOT NULL CHECK (status IN ('present', 'missing')),
    n_records                 INTEGER,
    n_rejected                INTEGER,
    last_scanned_at           TIMESTAMP NOT NULL
);

CREATE TABLE paragraphs (
    paragraph_id              VARCHAR PRIMARY KEY,      -- {doc_id}:p{index}
    doc_id                    VARCHAR NOT NULL,
    paragraph_index           INTEGER NOT NULL,
    kind                      VARCHAR,                  -- title | body | heading ...
    start_char                INTEGER NOT NULL,         -- into documents.clean_text
    end_char                  INTEGER NOT NULL,
    raw_start                 INTEGER NOT NULL,         -- into documents.raw_text
    raw_end                   INTEGER NOT NULL,
    script                    VARCHAR,
    language                  VARCHAR,
    is_extractable            BOOLEAN NOT NULL
);

CREATE TABLE sentences (
    sentence_id               VARCHAR PRIMARY KEY,      -- {doc_id}:s{index}
    doc_id                    VARCHAR NOT NULL,
    paragraph_id              VARCHAR NOT NULL,
    sentence_index            INTEGER NOT NULL,
    start_char                INTEGER NOT NULL,
    end_char                  INTEGER NOT NULL,
    raw_start                 INTEGER NOT NULL,
    raw_end                   INTEGER NOT NULL,
    text                      VARCHAR NOT NULL,         -- = clean_text[start_char:end_char]
    is_extractable            BOOLEAN NOT NULL
);

CREATE TABLE removed_spans (
    span_id                   VARCHAR PRIMARY KEY,      -- {doc_id}:r{index}
    doc_id                    VARCHAR NOT NULL,
    raw_start                 INTEGER NOT NULL,
    raw_end                   INTEGER NOT NULL,
    rule                      VARCHAR NOT NULL,
    text                      VARCHAR NOT NULL          -- = raw_text[raw_start:raw_end]
);

CREATE TABLE offset_map (
    doc_id                    VARCHAR NOT NULL,
    clean_start               INTEGER NOT NULL,
    clean_len                 INTEGER NOT NULL,
    raw_start                 INTEGER NOT NULL,
    raw_len                   INTEGER NOT NULL,
    PRIMARY KEY (doc_id, clean_start)
);

CREATE TABLE rejected_documents (
    reject_id                 VARCHAR PRIMARY KEY,      -- hash of source_uri
    source_uri                VARCHAR NOT NULL,
    source_path               VARCHAR NOT NULL,
    external_id               VARCHAR,
    line_no                   INTEGER,
    reason                    VARCHAR NOT NULL,
    detail                    VARCHAR NOT NULL,
    size_bytes                BIGINT,
    encoding                  VARCHAR,
    first_seen_at             TIMESTAMP NOT NULL,
    last_seen_at              TIMESTAMP NOT NULL
);

CREATE TABLE dq_results (
    result_id                 VARCHAR PRIMARY KEY,      -- {run_id}:{asset}:{check}
    run_id                    VARCHAR NOT NULL,
    asset                     VARCHAR NOT NULL,
    check_name                VARCHAR NOT NULL,
    passed                    BOOLEAN NOT NULL,
    severity                  VARCHAR NOT NULL,         -- ERROR | WARN
    blocking                  BOOLEAN NOT NULL,
    metric                    DOUBLE,
    details                   VARCHAR,                  -- JSON
    checked_at                TIMESTAMP NOT NULL
);

CREATE TABLE refresh_runs (
    run_id                    VARCHAR PRIMARY KEY,
    started_at                TIMESTAMP NOT NULL,
    published_at              TIMESTAMP,
    status                    VARCHAR NOT NULL CHECK (status IN ('published', 'failed')),
    inputs                    VARCHAR,                  -- JSON list
    pipeline_version          VARCHAR NOT NULL,
    stats                     VARCHAR                   -- JSON counters of every step
);
